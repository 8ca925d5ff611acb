package dev.persona.local.stepfunctions.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.definition.InvalidDefinitionException;
import dev.persona.local.stepfunctions.asl.exec.ExecutionOutcome;
import dev.persona.local.stepfunctions.time.VirtualTimeSource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs conformance cases on virtual time and compares each result with AWS's by the corpus's rules: status
 * equal; output equal with exact types after removing ignorePaths; error and cause equal, where cause
 * placeholders such as {@code <json-input:1>} match any text. Cases over S3 run against the S3 client given
 * (their fixture objects are written first, and the objects they must write are compared like outputs).
 */
public final class ConformanceRunner implements AutoCloseable {

    private static final Pattern PLACEHOLDER_TOKEN = Pattern.compile("<[a-z-]+:\\d+>");

    private final Map<String, LocalStepFunctions> engines = new HashMap<>();
    private final S3Client s3;

    /** A runner for cases that do not use S3. */
    public ConformanceRunner() {
        this(null);
    }

    /** A runner whose S3 cases use {@code s3} (null: they fail, saying they need S3). */
    public ConformanceRunner(S3Client s3) {
        this.s3 = s3;
    }

    public CaseResult run(ConformanceCase testCase) {
        ConformanceCase.Names names = testCase.names();
        if (testCase.needsS3()) {
            if (s3 == null) {
                return CaseResult.fail(testCase.name(), "the case needs S3 and none was given");
            }
            Optional<String> problem = writeFixture(testCase.s3());
            if (problem.isPresent()) {
                return CaseResult.fail(testCase.name(), problem.get());
            }
        }
        LocalStepFunctions engine = engines.computeIfAbsent(names.accountId() + "/" + names.region(),
                key -> LocalStepFunctions.builder()
                        .accountId(names.accountId())
                        .region(names.region())
                        .timeSource(new VirtualTimeSource())
                        .executionThreads(1)
                        .s3(s3)
                        .functionLogs(line -> { })
                        .build());
        ExecutionOutcome outcome;
        try {
            outcome = engine.run(Json.write(testCase.definition()), testCase.input(),
                    new LocalStepFunctions.RunNames(names.stateMachineName(), names.executionName(),
                            names.roleArn())).outcome();
        } catch (InvalidDefinitionException e) {
            return CaseResult.fail(testCase.name(), "definition rejected: " + e.getMessage());
        } catch (RuntimeException e) {
            return CaseResult.fail(testCase.name(), "interpreter error: " + e);
        }
        CaseResult result = compare(testCase, outcome);
        if (!result.passed() || testCase.expectedObjects().isEmpty()) {
            return result;
        }
        return compareObjects(testCase, outcome.output());
    }

    /**
     * Creates the fixture's bucket and writes its objects: text as it is, JSON compactly, {@code gzipText} gzipped,
     * {@code repeat} {@code times} times.
     */
    private Optional<String> writeFixture(JsonNode fixture) {
        String bucket = fixture.path("bucket").asText();
        try {
            if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
                s3.createBucket(b -> b.bucket(bucket));
            }
            for (Map.Entry<String, JsonNode> object : fixture.path("objects").properties()) {
                JsonNode value = object.getValue();
                byte[] body = value.isTextual() ? value.textValue().getBytes(StandardCharsets.UTF_8)
                        : value.has("gzipText") ? gzip(value.get("gzipText").textValue())
                        : value.has("repeat") ? value.get("repeat").textValue().repeat(value.path("times").asInt())
                        .getBytes(StandardCharsets.UTF_8)
                        : Json.write(value).getBytes(StandardCharsets.UTF_8);
                s3.putObject(b -> b.bucket(bucket).key(object.getKey()), RequestBody.fromBytes(body));
            }
            return Optional.empty();
        } catch (SdkException e) {
            return Optional.of("the S3 fixture could not be written: " + e.getMessage());
        }
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Each expected object: its bucket, its key (literal, or read from the output at {@code keyAt}), and the JSON
     * it must hold, compared as outputs are (with its own ignorePaths).
     */
    private CaseResult compareObjects(ConformanceCase testCase, JsonNode output) {
        for (JsonNode expected : testCase.expectedObjects()) {
            String bucket = expected.path("bucket").asText();
            String key = expected.has("key") ? expected.get("key").asText()
                    : output.at(expected.path("keyAt").asText()).asText();
            JsonNode actual;
            try {
                actual = Json.parse(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String());
            } catch (SdkException | IllegalArgumentException e) {
                return CaseResult.fail(testCase.name(), "object " + key + " was not written as JSON: "
                        + e.getMessage());
            }
            List<String> ignorePaths = Json.strings(expected.path("ignorePaths"));
            Optional<String> difference = ExactJson.difference(expected.get("json"), actual, ignorePaths);
            if (difference.isPresent()) {
                return CaseResult.fail(testCase.name(), "object " + key + " " + difference.get());
            }
        }
        return CaseResult.pass(testCase.name());
    }

    static CaseResult compare(ConformanceCase testCase, ExecutionOutcome outcome) {
        String name = testCase.name();
        if (!outcome.status().name().equals(testCase.expectedStatus())) {
            return CaseResult.fail(name, "status: expected " + testCase.expectedStatus() + " but was "
                    + outcome.status() + describe(outcome));
        }
        if (testCase.expectedStatus().equals("SUCCEEDED")) {
            Optional<String> difference = ExactJson.difference(testCase.expectedOutput(), outcome.output(),
                    testCase.ignorePaths());
            return difference.map(d -> CaseResult.fail(name, "output " + d)).orElse(CaseResult.pass(name));
        }
        if (!Objects.equals(testCase.expectedError(), outcome.error())) {
            return CaseResult.fail(name, "error: expected " + testCase.expectedError() + " but was "
                    + outcome.error() + " (cause: " + outcome.cause() + ")");
        }
        if (!causeMatches(testCase.expectedCause(), outcome.cause(), testCase.causePlaceholders())) {
            return CaseResult.fail(name, "cause: expected " + testCase.expectedCause() + " but was "
                    + outcome.cause());
        }
        return CaseResult.pass(name);
    }

    private static String describe(ExecutionOutcome outcome) {
        return outcome.error() == null && outcome.cause() == null ? ""
                : " (" + outcome.error() + ": " + outcome.cause() + ")";
    }

    private static boolean causeMatches(String expected, String actual, List<String> placeholders) {
        if (expected == null || actual == null || placeholders.isEmpty()) {
            return Objects.equals(expected, actual);
        }
        StringBuilder regex = new StringBuilder();
        int last = 0;
        var matcher = PLACEHOLDER_TOKEN.matcher(expected);
        while (matcher.find()) {
            if (placeholders.contains(matcher.group())) {
                regex.append(Pattern.quote(expected.substring(last, matcher.start()))).append(".*");
                last = matcher.end();
            }
        }
        regex.append(Pattern.quote(expected.substring(last)));
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(actual).matches();
    }

    @Override
    public void close() {
        engines.values().forEach(LocalStepFunctions::close);
    }
}
