package dev.persona.pipeline;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.aws.DynamoPersonaSummaries;
import dev.persona.aws.S3ObjectStore;
import dev.persona.contracts.Tables;
import dev.persona.json.Json;
import dev.persona.local.servers.LocalDynamoDb;
import dev.persona.local.servers.LocalS3Server;
import dev.persona.local.servers.TableProvisioner;
import dev.persona.pipeline.categorize.CategorizeHandler;
import dev.persona.pipeline.categorize.CategorizeService;
import dev.persona.pipeline.categorize.Taxonomy;
import dev.persona.pipeline.errors.PipelineException;
import dev.persona.pipeline.persona.BuildPersonaHandler;
import dev.persona.pipeline.persona.BuildPersonaService;
import dev.persona.pipeline.preprocess.PreprocessHandler;
import dev.persona.pipeline.preprocess.PreprocessService;
import dev.persona.pipeline.preprocess.PreprocessSettings;
import dev.persona.statemachines.StateMachineDefinitions;
import dev.persona.testing.TestContext;
import dev.persona.testing.exports.ExportCorpus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The three step handlers, invoked with the payloads the state machine sends, against S3Proxy and DynamoDB
 * Local through the real SDK.
 */
class PipelineStepsIT {

    private static final String BUCKET = "uploads";
    private static final String PERSONAS = "personas";
    private static final String JOBS = "jobs";
    private static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:pipeline:run-1";

    private static LocalS3Server s3Server;
    private static LocalDynamoDb dynamoServer;
    private static S3Client s3;
    private static DynamoDbClient dynamo;
    private static RequestStreamHandler preprocess;
    private static RequestStreamHandler categorize;
    private static RequestStreamHandler buildPersona;

    @BeforeAll
    static void start() {
        s3Server = LocalS3Server.builder().bucket(BUCKET).build().start();
        dynamoServer = LocalDynamoDb.builder().build().start();
        s3 = s3Server.client();
        dynamo = dynamoServer.client();
        TableProvisioner.ensureTable(dynamo, Tables.PERSONAS, PERSONAS);
        TableProvisioner.ensureTable(dynamo, Tables.JOBS, JOBS);
        S3ObjectStore store = new S3ObjectStore(s3);
        preprocess = new PreprocessHandler(new PreprocessService(store, PreprocessSettings.defaults(BUCKET),
                Clock.systemUTC()));
        categorize = new CategorizeHandler(new CategorizeService(store, BUCKET, Taxonomy.load()));
        buildPersona = new BuildPersonaHandler(new BuildPersonaService(store,
                new DynamoPersonaSummaries(dynamo, PERSONAS, JOBS), BUCKET, Clock.systemUTC()));
    }

    @AfterAll
    static void stop() {
        s3.close();
        dynamo.close();
        s3Server.stop();
        dynamoServer.stop();
    }

    @ParameterizedTest
    @CsvSource({
        "u-takeout, takeout-my-activity.json, false, takeout-my-activity",
        "u-takeout-gz, takeout-my-activity.json, true, takeout-my-activity",
        "u-csv, events.csv, false, csv",
        "u-csv-gz, events.csv, true, csv",
        "u-tsv, events.tsv, false, csv",
        "u-jsonl, events.jsonl, false, json-lines",
        "u-jsonl-gz, events.jsonl, true, json-lines",
        "u-array, events-array.json, false, json-array"
    })
    void everySupportedFormatBecomesAPersona(String user, String file, boolean gzipped, String format) throws IOException {
        byte[] content = corpus(file);
        JsonNode persona = runPipeline(user, "job-1", gzipped ? gzip(content) : content);

        assertThat(persona.get("schemaVersion").asText()).isEqualTo("1.1");
        assertThat(persona.at("/dataQuality/detectedFormat").asText()).isEqualTo(format);
        assertThat(persona.at("/dataQuality/recordsUsed").asLong()).isPositive();
        assertThat(persona.get("archetype").get("label").asText()).isNotBlank();
        Map<String, AttributeValue> summary = dynamo.getItem(b -> b.tableName(PERSONAS).key(Map.of(
                "userId", AttributeValue.fromS(user), "jobId", AttributeValue.fromS("job-1")))).item();
        assertThat(summary.get("personaKey").s()).isEqualTo("personas/" + user + "/job-1/persona.json");
        assertThat(summary.get("archetype").s()).isEqualTo(persona.at("/archetype/label").asText());
        assertThat(keys("processed/" + user + "/")).containsExactlyInAnyOrder(
                "processed/" + user + "/job-1/activities.blocks", "processed/" + user + "/job-1/report.json",
                "processed/" + user + "/job-1/categorized.blocks");
    }

    @Test
    void aFileOfSportsSitesYieldsSportsAsTheTopInterest() throws IOException {
        StringBuilder csv = new StringBuilder("timestamp,title,url\n");
        String[] sites = {"https://www.espn.com/nba/", "https://www.nfl.com/scores/", "https://www.skysports.com/football",
            "https://www.bbc.co.uk/sport", "https://www.nba.com/games"};
        for (int i = 0; i < 200; i++) {
            csv.append(String.format("2024-05-%02dT%02d:15:00Z,match report %d,%s%n", i % 28 + 1, 18 + i % 5, i,
                    sites[i % sites.length]));
        }
        JsonNode persona = runPipeline("u-sports", "job-1", csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(persona.at("/interests/0/category").asText()).isEqualTo("Sports");
        assertThat(persona.at("/interests/0/share").asDouble()).isGreaterThan(0.9);
        assertThat(persona.at("/archetype/noun").asText()).isEqualTo("Sports Fan");
    }

    @Test
    void aBadFileEndsInItsNamedErrorWithNothingWritten() {
        s3.putObject(b -> b.bucket(BUCKET).key("uploads/u-bad/job-1/x.json"),
                RequestBody.fromBytes(corpus("broken-array.json")));
        assertThatThrownBy(() -> invoke(preprocess, preprocessPayload("u-bad", "job-1", "uploads/u-bad/job-1/x.json")))
                .isInstanceOf(PipelineException.class)
                .hasFieldOrPropertyWithValue("class", dev.persona.pipeline.errors.MalformedUpload.class);
        assertThat(keys("processed/u-bad/")).isEmpty();
        assertThat(keys("personas/u-bad/")).isEmpty();
        assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).isEmpty();
    }

    /** A persona is recorded only while its execution owns the running job: a job deleted meanwhile gets none. */
    @Test
    void buildingThePersonaOfAJobItsOwnerDeletedRecordsNothing() throws IOException {
        byte[] csv = corpus("events.csv");
        assertThatThrownBy(() -> runPipeline("u-withdrawn", "job-1", csv, false))
                .isInstanceOf(PipelineException.class)
                .hasFieldOrPropertyWithValue("class", dev.persona.pipeline.errors.JobNotOwned.class);
        assertThat(keys("personas/u-withdrawn/")).isEmpty();
        assertThat(dynamo.getItem(b -> b.tableName(PERSONAS).key(Map.of("userId", AttributeValue.fromS("u-withdrawn"),
                "jobId", AttributeValue.fromS("job-1")))).hasItem()).isFalse();
    }

    /** Issue 12: every export people have, archived or not, through the real handlers against S3 and DynamoDB. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.persona.testing.exports.ExportCorpus#good")
    void everyExportBecomesAPersonaWithItsTopInterestAndSources(ExportCorpus.Sample sample) throws IOException {
        String user = "u-export-" + Math.abs(sample.name().hashCode());
        JsonNode persona = runPipeline(user, "job-1", sample.content());

        assertThat(persona.at("/dataQuality/detectedFormat").asText()).isEqualTo(sample.expected().detectedFormat());
        assertThat(persona.at("/interests/0/category").asText()).isEqualTo(sample.expected().topInterest());
        Map<String, Long> sources = new java.util.LinkedHashMap<>();
        persona.path("sources").forEach(s -> sources.put(s.path("source").asText(), s.path("count").asLong()));
        assertThat(sources).containsExactlyInAnyOrderEntriesOf(sample.expected().sources());
        assertThat(keys("processed/" + user + "/")).hasSize(3);
    }

    /** Issue 12: every hostile upload ends in its named error within seconds, leaving nothing behind. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.persona.testing.exports.ExportCorpus#hostile")
    void everyHostileUploadEndsInItsNamedErrorWithNothingWritten(ExportCorpus.Sample sample) {
        String user = "u-hostile-" + Math.abs(sample.name().hashCode());
        String key = "uploads/" + user + "/job-1/upload";
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(sample.content()));
        long started = System.nanoTime();

        assertThatThrownBy(() -> invoke(preprocess, preprocessPayload(user, "job-1", key)))
                .isInstanceOf(PipelineException.class)
                .satisfies(e -> assertThat(e.getClass().getName())
                        .isEqualTo("dev.persona.pipeline.errors." + sample.error()))
                .hasMessageContaining(sample.messageContains());

        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(20));
        assertThat(keys("processed/" + user + "/")).isEmpty();
        assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).isEmpty();
    }

    private JsonNode runPipeline(String user, String job, byte[] upload) throws IOException {
        return runPipeline(user, job, upload, true);
    }

    /** The three steps as the state machine runs them; {@code owned}: the job item is this execution's, running. */
    private JsonNode runPipeline(String user, String job, byte[] upload, boolean owned) throws IOException {
        if (owned) {
            dynamo.putItem(b -> b.tableName(JOBS).item(Map.of("userId", AttributeValue.fromS(user),
                    "jobId", AttributeValue.fromS(job), "status", AttributeValue.fromS("RUNNING"),
                    "executionArn", AttributeValue.fromS(EXECUTION))));
        }
        String key = "uploads/" + user + "/" + job + "/upload";
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(upload));
        JsonNode preprocessed = invoke(preprocess, preprocessPayload(user, job, key));
        assertSelectable("Preprocess", preprocessed);
        JsonNode categorized = invoke(categorize, Json.MAPPER.createObjectNode().put("userId", user).put("jobId", job)
                .put("bucket", BUCKET).put("activitiesKey", preprocessed.get("activitiesKey").asText()));
        assertThat(categorized.get("recordsCategorized").asLong()).isEqualTo(preprocessed.get("recordsKept").asLong());
        assertSelectable("Categorize", categorized);
        JsonNode built = invoke(buildPersona, Json.MAPPER.createObjectNode().put("userId", user).put("jobId", job)
                .put("bucket", BUCKET).put("categorizedKey", categorized.get("categorizedKey").asText())
                .put("reportKey", preprocessed.get("reportKey").asText()).put("executionArn", EXECUTION));
        assertSelectable("BuildPersona", built);
        return Json.MAPPER.readTree(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(built.get("personaKey").asText()))
                .asByteArray());
    }

    /**
     * Every field the state's ResultSelector takes from {@code $.Payload} is in the step's result: a missing
     * one would fail the execution with States.Runtime, which no Catch handles.
     */
    private static void assertSelectable(String state, JsonNode result) throws IOException {
        JsonNode selector = Json.MAPPER.readTree(StateMachineDefinitions.pipelineTemplate())
                .at("/States/" + state + "/ResultSelector");
        assertThat(selector.size()).as(state + " selects fields").isPositive();
        selector.forEach(path -> {
            String field = path.asText().substring("$.Payload.".length());
            assertThat(result.has(field)).as(state + " result has " + field + ": " + result).isTrue();
        });
    }

    private JsonNode preprocessPayload(String user, String job, String key) {
        var head = s3.headObject(b -> b.bucket(BUCKET).key(key));
        var payload = Json.MAPPER.createObjectNode().put("userId", user).put("jobId", job).put("bucket", BUCKET);
        payload.putObject("object").put("key", key).put("size", head.contentLength())
                .put("etag", head.eTag().replace("\"", "")).put("sequencer", "0001");
        return payload;
    }

    private static JsonNode invoke(RequestStreamHandler handler, JsonNode payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(payload)), out, new TestContext());
        return Json.MAPPER.readTree(out.toByteArray());
    }

    private static List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    private static byte[] corpus(String file) {
        try (var in = PipelineStepsIT.class.getResourceAsStream("/uploads/" + file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        }
        return out.toByteArray();
    }
}
