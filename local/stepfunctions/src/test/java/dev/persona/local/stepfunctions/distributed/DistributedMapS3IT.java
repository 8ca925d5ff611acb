package dev.persona.local.stepfunctions.distributed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.servers.LocalS3Server;
import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.Machines;
import dev.persona.local.stepfunctions.StateMachineType;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.exec.ExecutionOutcome;
import dev.persona.local.stepfunctions.asl.exec.ExecutionStatus;
import dev.persona.local.stepfunctions.asl.exec.MapRun;
import dev.persona.local.stepfunctions.time.VirtualTimeSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static dev.persona.local.stepfunctions.Machines.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Distributed Maps over the local S3 (S3Proxy) through the real SDK: every ItemReader input type, MaxItems,
 * ResultWriter's transformations and its export, child executions of both types, tolerated failures, Map Runs.
 */
class DistributedMapS3IT {

    private static final String BUCKET = "datasets";
    private static LocalS3Server s3Server;
    private static S3Client s3;
    private static LocalStepFunctions engine;
    private static int machines;

    @BeforeAll
    static void start() {
        s3Server = LocalS3Server.builder().bucket(BUCKET).build().start();
        s3 = s3Server.client();
        engine = LocalStepFunctions.builder().timeSource(new VirtualTimeSource(Machines.EPOCH)).s3(s3)
                .functionLogs(line -> { }).build();
    }

    @AfterAll
    static void stop() {
        engine.close();
        s3.close();
        s3Server.close();
    }

    private static void put(String key, String content) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(content));
    }

    /** A distributed Map with {@code fields} (ItemReader, ResultWriter, ...) whose children run {@code child}. */
    private static String map(String fields, String executionType, String child) {
        return mapOf(fields, executionType, "{\"Child\": " + child + "}");
    }

    /** Like {@link #map} with the children's States, starting at Child. */
    private static String mapOf(String fields, String executionType, String states) {
        return """
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true, %s,
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "%s"},
                    "StartAt": "Child", "States": %s}}}}""".formatted(fields, executionType, states);
    }

    private static final String ECHO = "{\"Type\": \"Pass\", \"End\": true}";

    private static ExecutionOutcome run(String definition, String input) {
        String arn = engine.createStateMachine("s3map" + machines++, definition, Machines.ROLE,
                StateMachineType.STANDARD).arn();
        var execution = engine.startExecution(arn, "run", input);
        return engine.awaitExecution(execution.arn(), Duration.ofSeconds(30));
    }

    private static String reader(String resource, String parameters, String config) {
        return """
                "ItemReader": {"Resource": "arn:aws:states:::s3:%s", "Parameters": %s%s}"""
                .formatted(resource, parameters, config == null ? "" : ", \"ReaderConfig\": " + config);
    }

    @Test
    void csvRowsBecomeObjectsKeyedByTheHeaderRow() {
        put("csvDataset/ratings.csv", "rating,movieId,userId,timestamp\n3.5,307,1,1256677221\n"
                + "\"4,0\",\"48\"\"1\",1,1256677456\r\n");
        ExecutionOutcome outcome = run(map(reader("getObject", "{\"Bucket\": \"datasets\", \"Key\": "
                + "\"csvDataset/ratings.csv\"}", "{\"InputType\": \"CSV\", \"CSVHeaderLocation\": \"FIRST_ROW\"}"),
                "EXPRESS", ECHO), "{}");
        assertThat(outcome.output()).isEqualTo(json("""
                [{"rating": "3.5", "movieId": "307", "userId": "1", "timestamp": "1256677221"},
                 {"rating": "4,0", "movieId": "48\\"1", "userId": "1", "timestamp": "1256677456"}]"""));
    }

    @Test
    void csvRowsCanUseGivenHeadersAndAnotherDelimiter() {
        put("plain.csv", "a;1\nb;2\n");
        ExecutionOutcome outcome = run(map(reader("getObject", "{\"Bucket\": \"datasets\", \"Key.$\": \"$.key\"}",
                "{\"InputType\": \"CSV\", \"CSVHeaderLocation\": \"GIVEN\", \"CSVHeaders\": [\"name\", \"n\"], "
                        + "\"CSVDelimiter\": \"SEMICOLON\"}"), "STANDARD", ECHO), "{\"key\": \"plain.csv\"}");
        assertThat(outcome.output()).isEqualTo(json("[{\"name\": \"a\", \"n\": \"1\"}, {\"name\": \"b\", \"n\": \"2\"}]"));
    }

    @Test
    void jsonArraysAndJsonLinesGiveOneItemPerElementUpToMaxItems() {
        put("items.json", "[{\"id\": 1}, {\"id\": 2}, {\"id\": 3}]");
        put("items.jsonl", "{\"id\": 1}\n\n{\"id\": 2}\n{\"id\": 3}\n");
        String json = map(reader("getObject", "{\"Bucket\": \"datasets\", \"Key\": \"items.json\"}",
                "{\"InputType\": \"JSON\"}"), "EXPRESS", ECHO);
        String lines = map(reader("getObject", "{\"Bucket\": \"datasets\", \"Key\": \"items.jsonl\"}",
                "{\"InputType\": \"JSONL\", \"MaxItems\": 2}"), "EXPRESS", ECHO);
        ExecutionOutcome array = run(json, "{}");
        assertThat(array.output()).as(array.error() + ": " + array.cause())
                .isEqualTo(json("[{\"id\": 1}, {\"id\": 2}, {\"id\": 3}]"));
        assertThat(run(lines, "{}").output()).isEqualTo(json("[{\"id\": 1}, {\"id\": 2}]"));
    }

    @Test
    void listObjectsV2GivesOneItemPerObject() {
        put("images/a.jpg", "aaaa");
        put("images/b.jpg", "bb");
        put("other/c.jpg", "c");
        ExecutionOutcome outcome = run(map(reader("listObjectsV2", "{\"Bucket\": \"datasets\", \"Prefix\": "
                + "\"images/\"}", null), "EXPRESS", ECHO), "{}");
        assertThat(outcome.output()).hasSize(2);
        JsonNode first = outcome.output().get(0);
        assertThat(first.get("Key").asText()).isEqualTo("images/a.jpg");
        assertThat(first.get("Size").asLong()).isEqualTo(4);
        assertThat(first.get("Etag").asText()).matches("\"[0-9a-f]{32}\"");
        assertThat(first.get("LastModified").isIntegralNumber()).isTrue();
        assertThat(first.get("StorageClass").asText()).isEqualTo("STANDARD");
    }

    @Test
    void anS3InventoryManifestGivesOneItemPerInventoryRow() throws IOException {
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
            out.write("\"source\",\"csvDataset/titles.csv\",\"3399671\",\"2022-11-16T00:29:32.000Z\"\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        s3.putObject(b -> b.bucket(BUCKET).key("inventory/data/part-1.csv.gz"),
                RequestBody.fromBytes(gzipped.toByteArray()));
        put("inventory/manifest.json", """
                {"sourceBucket": "source", "destinationBucket": "arn:aws:s3:::datasets", "version": "2016-11-30",
                 "fileFormat": "CSV", "fileSchema": "Bucket, Key, Size, LastModifiedDate",
                 "files": [{"key": "inventory/data/part-1.csv.gz", "size": 100, "MD5checksum": "x"}]}""");
        ExecutionOutcome outcome = run(map(reader("getObject", "{\"Bucket\": \"datasets\", \"Key\": "
                + "\"inventory/manifest.json\"}", "{\"InputType\": \"MANIFEST\"}"), "EXPRESS", ECHO), "{}");
        assertThat(outcome.output()).isEqualTo(json("""
                [{"Bucket": "source", "Key": "csvDataset/titles.csv", "Size": "3399671",
                  "LastModifiedDate": "2022-11-16T00:29:32.000Z"}]"""));
    }

    @Test
    void aMissingObjectFailsTheMapWithItemReaderFailed() {
        ExecutionOutcome outcome = run(map(reader("getObject", "{\"Bucket\": \"datasets\", \"Key\": \"missing\"}",
                "{\"InputType\": \"JSON\"}"), "EXPRESS", ECHO), "{}");
        assertThat(outcome.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(outcome.error()).isEqualTo("States.ItemReaderFailed");
    }

    @Test
    void resultsAreExportedWithAManifestByStatus() {
        put("numbers.json", "[1, 2, 3, 4]");
        String states = """
                {"Child": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 3, "Next": "Bad"}],
                  "Default": "Good"}, "Good": {"Type": "Pass", "Parameters": {"n.$": "$"}, "End": true},
                 "Bad": {"Type": "Fail", "Error": "Three", "Cause": "no threes"}}""";
        String definition = mapOf(reader("getObject", "{\"Bucket\": \"datasets\", \"Key\": \"numbers.json\"}",
                "{\"InputType\": \"JSON\"}") + ", \"ToleratedFailureCount\": 1, \"Label\": \"numbers\", "
                + "\"ResultWriter\": {\"Resource\": \"arn:aws:states:::s3:putObject\", \"Parameters\": "
                + "{\"Bucket\": \"datasets\", \"Prefix\": \"results\"}}", "STANDARD", states);
        ExecutionOutcome outcome = run(definition, "{}");

        assertThat(outcome.status()).as(outcome.error() + ": " + outcome.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        String mapRunArn = outcome.output().get("MapRunArn").asText();
        String id = mapRunArn.substring(mapRunArn.lastIndexOf(':') + 1);
        assertThat(outcome.output().get("ResultWriterDetails")).isEqualTo(json(
                "{\"Bucket\": \"datasets\", \"Key\": \"results/" + id + "/manifest.json\"}"));
        JsonNode manifest = Json.parse(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("results/" + id
                + "/manifest.json")).asUtf8String());
        assertThat(manifest.get("DestinationBucket").asText()).isEqualTo("datasets");
        assertThat(manifest.get("MapRunArn").asText()).isEqualTo(mapRunArn);
        assertThat(manifest.at("/ResultFiles/PENDING")).isEmpty();
        assertThat(manifest.at("/ResultFiles/SUCCEEDED/0/Key").asText()).isEqualTo("results/" + id
                + "/SUCCEEDED_0.json");
        JsonNode succeeded = Json.parse(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("results/" + id
                + "/SUCCEEDED_0.json")).asUtf8String());
        assertThat(manifest.at("/ResultFiles/SUCCEEDED/0/Size").asLong()).isEqualTo(Json.write(succeeded).length());
        assertThat(succeeded).hasSize(3);
        assertThat(succeeded.get(0).get("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(succeeded.get(0).get("Output").asText()).isEqualTo("{\"n\":1}");
        assertThat(succeeded.get(0).get("Input").asText()).isEqualTo("1");
        assertThat(succeeded.get(0).get("StateMachineArn").asText()).endsWith(":stateMachine:s3map"
                + (machines - 1) + "/numbers");
        JsonNode failed = Json.parse(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("results/" + id
                + "/FAILED_0.json")).asUtf8String());
        assertThat(failed).singleElement().satisfies(entry -> {
            assertThat(entry.get("Error").asText()).isEqualTo("Three");
            assertThat(entry.get("Cause").asText()).isEqualTo("no threes");
        });
        MapRun mapRun = engine.describeMapRun(mapRunArn);
        assertThat(mapRun.resultsWritten()).isEqualTo(4);
    }

    @Test
    void writerConfigAloneShapesTheResults() {
        String flatten = map("\"ItemsPath\": \"$.pairs\", \"ResultWriter\": {\"WriterConfig\": {\"Transformation\": "
                + "\"FLATTEN\", \"OutputType\": \"JSON\"}}", "EXPRESS", ECHO);
        String none = map("\"ResultWriter\": {\"WriterConfig\": {\"Transformation\": \"NONE\"}}", "EXPRESS", ECHO);
        assertThat(run(flatten, "{\"pairs\": [[1, 2], [3]]}").output()).isEqualTo(json("[1, 2, 3]"));
        JsonNode entries = run(none, "[\"x\"]").output();
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.get("Output").asText()).isEqualTo("\"x\"");
            assertThat(entry.get("Status").asText()).isEqualTo("SUCCEEDED");
            assertThat(entry.get("ExecutionArn").asText()).contains(":execution:");
        });
    }

    @Test
    void aThousandJsonLinesRunAsExpressChildren() {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            lines.append("{\"n\":").append(i).append("}\n");
        }
        put("many.jsonl", lines.toString());
        ExecutionOutcome outcome = run(map(reader("getObject", "{\"Bucket\": \"datasets\", \"Key\": \"many.jsonl\"}",
                "{\"InputType\": \"JSONL\"}") + ", \"ItemSelector\": {\"v.$\": \"$$.Map.Item.Value.n\"}",
                "EXPRESS", ECHO), "{}");
        assertThat(outcome.output()).hasSize(1000);
        assertThat(outcome.output().get(999)).isEqualTo(json("{\"v\": 999}"));
    }
}
