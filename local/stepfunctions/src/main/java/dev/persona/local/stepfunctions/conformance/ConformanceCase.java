package dev.persona.local.stepfunctions.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.asl.Json;

/**
 * One conformance case: a definition, an input and what AWS produced or documents. The file format is described
 * in the corpus's README; cases over S3 also have an {@code s3} fixture (a bucket and its objects, created before
 * the run) and {@code expectedObjects} (objects the run must have written, found through the output).
 */
public record ConformanceCase(String name, JsonNode definition, JsonNode input, String expectedStatus,
                              JsonNode expectedOutput, String expectedError, String expectedCause,
                              List<String> ignorePaths, List<String> causePlaceholders, Names names,
                              JsonNode s3, List<JsonNode> expectedObjects) {

    /** A case without S3 objects. */
    public ConformanceCase(String name, JsonNode definition, JsonNode input, String expectedStatus,
                           JsonNode expectedOutput, String expectedError, String expectedCause,
                           List<String> ignorePaths, List<String> causePlaceholders, Names names) {
        this(name, definition, input, expectedStatus, expectedOutput, expectedError, expectedCause, ignorePaths,
                causePlaceholders, names, null, List.of());
    }

    /** True when the case reads or writes S3 objects (its {@code s3} fixture). */
    public boolean needsS3() {
        return s3 != null;
    }

    /** The names the case must run with (its {@code context}), or the corpus defaults. */
    public record Names(String accountId, String region, String stateMachineName, String executionName,
                        String roleArn) {

        static final Names DEFAULTS = new Names("111111111111", "us-east-1", "ConformanceStateMachine",
                "ConformanceExecution", "arn:aws:iam::111111111111:role/ConformanceRole");
    }

    public static ConformanceCase read(Path file) {
        JsonNode root;
        try {
            root = Json.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode expected = root.path("expected");
        JsonNode context = root.get("context");
        Names names = context == null ? Names.DEFAULTS : new Names(
                context.path("accountId").asText(Names.DEFAULTS.accountId()),
                context.path("region").asText(Names.DEFAULTS.region()),
                context.path("stateMachineName").asText(Names.DEFAULTS.stateMachineName()),
                context.path("executionName").asText(Names.DEFAULTS.executionName()),
                context.path("roleArn").asText(Names.DEFAULTS.roleArn()));
        List<JsonNode> expectedObjects = new ArrayList<>();
        root.path("expectedObjects").forEach(expectedObjects::add);
        return new ConformanceCase(root.path("name").asText(), root.get("definition"), root.get("input"),
                expected.path("status").asText(), expected.get("output"), text(expected.get("error")),
                text(expected.get("cause")), strings(root.get("ignorePaths")),
                strings(root.path("placeholders").get("cause")), names, root.get("s3"), expectedObjects);
    }

    /** Every case file ({@code *.json} other than READMEs) in {@code directory}, by name. */
    public static List<ConformanceCase> readAll(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .map(ConformanceCase::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node != null) {
            node.forEach(value -> values.add(value.asText()));
        }
        return values;
    }
}
