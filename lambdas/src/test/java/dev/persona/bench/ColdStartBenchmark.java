package dev.persona.bench;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import dev.persona.api.testing.JwksServer;
import dev.persona.api.testing.LocalAws;
import dev.persona.api.testing.TestTokens;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.JobAttributes;
import dev.persona.contracts.JobStatus;
import dev.persona.contracts.StorageLayout;
import dev.persona.json.Json;
import dev.persona.local.servers.LocalS3Server;
import dev.persona.pipeline.StepRequests.BuildPersonaRequest;
import dev.persona.pipeline.StepRequests.CategorizeRequest;
import dev.persona.pipeline.StepRequests.CategorizeResult;
import dev.persona.pipeline.StepRequests.PreprocessRequest;
import dev.persona.pipeline.StepRequests.PreprocessResult;
import dev.persona.pipeline.StepRequests.UploadedObject;
import dev.persona.pipeline.categorize.CategorizeHandler;
import dev.persona.pipeline.preprocess.PreprocessHandler;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Each function's cold start with and without its SnapStart priming, in fresh JVMs ({@link ColdStart}) against
 * DynamoDB Local and S3Proxy in this process: the time to construct the function (SDK clients included), the time
 * the hooks take (before the snapshot: paid once per published version; after the restore: paid by a cold start),
 * and the first response's latency. Children
 * run with Lambda's JVM defaults for Java ({@code -XX:TieredStopAtLevel=1}, serial GC). Prints medians.
 *
 * <p>Options: {@code --runs 5}. Run it through {@code lambdas/benchmark --cold-start}.
 */
public final class ColdStartBenchmark {

    private static final String USER = "cold-start-user";
    private static final String AUDIENCE = "persona-bench";

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) {
        // The local servers' threads would keep the JVM alive, after a failure too; LocalAws stops them in its
        // shutdown hook.
        try {
            run(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        List<String> options = List.of(args);
        int runs = options.contains("--runs") ? Integer.parseInt(options.get(options.indexOf("--runs") + 1)) : 5;
        // --metrics: the primed first response with the business metrics written, and with Powertools' documented
        // switch POWERTOOLS_METRICS_DISABLED turning them off, to show what the metrics cost a cold start.
        List<String> modes = options.contains("--metrics") ? List.of("metrics", "no-metrics")
                : List.of("unprimed", "primed");
        LocalAws aws = LocalAws.shared();
        RSAKey key = TestTokens.rsaKey("bench-1");
        Path work = Files.createTempDirectory("persona-cold-start");
        try (JwksServer jwks = new JwksServer(List.of(key.toPublicJWK()))) {
            Map<String, String> environment = environment(aws, jwks);
            Map<String, String> requests = requests(aws, key, jwks);
            System.out.printf(Locale.ROOT, "median of %d fresh JVMs per line (ms)%n", runs);
            System.out.printf(Locale.ROOT, "%-22s %-9s %13s %14s %11s %18s   %s%n", "function", "priming",
                    "construction", "before snapshot", "after restore", "first response", "answer");
            for (Map.Entry<String, String> function : requests.entrySet()) {
                Path request = work.resolve(function.getKey() + ".request");
                Files.writeString(request, function.getValue());
                for (String mode : modes) {
                    measure(function.getKey(), mode, request, environment, runs);
                }
            }
        } finally {
            Measurements.deleteTree(work);
        }
    }

    private static void measure(String function, String mode, Path request, Map<String, String> environment,
                                int runs) throws Exception {
        List<Long> constructions = new ArrayList<>();
        List<Long> checkpoints = new ArrayList<>();
        List<Long> restores = new ArrayList<>();
        List<Long> firstResponses = new ArrayList<>();
        String answer = "";
        for (int run = 0; run < runs; run++) {
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                    "-cp", System.getProperty("java.class.path"), ColdStart.class.getName(), function, mode,
                    request.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            builder.environment().put("AWS_LAMBDA_INITIALIZATION_TYPE", mode.equals("unprimed") ? "on-demand"
                    : "snap-start");
            if (mode.equals("no-metrics")) {
                builder.environment().put("POWERTOOLS_METRICS_DISABLED", "true");
            }
            Process child = builder.start();
            List<String> output = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(ColdStart.RESULT)) {
                        String[] values = line.substring(ColdStart.RESULT.length()).trim().split(" ", 5);
                        constructions.add(Long.parseLong(values[0]));
                        checkpoints.add(Long.parseLong(values[1]));
                        restores.add(Long.parseLong(values[2]));
                        firstResponses.add(Long.parseLong(values[3]));
                        answer = values[4];
                    } else {
                        output.add(line);
                    }
                }
            }
            if (child.waitFor() != 0) {
                throw new IllegalStateException(function + " cold start failed:\n" + String.join("\n", output));
            }
        }
        System.out.printf(Locale.ROOT, "%-22s %-9s %13.1f %14.1f %11.1f %18.1f   %s%n", function, mode,
                median(constructions) / 1000.0, median(checkpoints) / 1000.0, median(restores) / 1000.0,
                median(firstResponses) / 1000.0, answer);
    }

    private static Map<String, String> environment(LocalAws aws, JwksServer jwks) {
        Map<String, String> environment = new HashMap<>();
        environment.put("AWS_REGION", LocalS3Server.REGION.id());
        environment.put("AWS_ACCESS_KEY_ID", aws.s3Server().accessKeyId());
        environment.put("AWS_SECRET_ACCESS_KEY", aws.s3Server().secretAccessKey());
        environment.put("AWS_ENDPOINT_URL_S3", aws.s3Server().endpoint().toString());
        environment.put("AWS_ENDPOINT_URL_DYNAMODB", aws.dynamoDbServer().endpoint().toString());
        environment.put(EnvironmentVariables.UPLOADS_BUCKET, LocalAws.BUCKET);
        environment.put(EnvironmentVariables.JOBS_TABLE, LocalAws.JOBS_TABLE);
        environment.put(EnvironmentVariables.PERSONAS_TABLE, LocalAws.PERSONAS_TABLE);
        environment.put(EnvironmentVariables.ALLOWED_ORIGINS, LocalAws.ORIGIN);
        environment.put(EnvironmentVariables.DEV_ISSUER_URL, jwks.baseUri().toString());
        environment.put(EnvironmentVariables.DEV_ISSUER_AUDIENCES, AUDIENCE);
        environment.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", aws.secretsManager().endpoint().toString());
        for (String variable : List.of(EnvironmentVariables.ACCOUNTS_TABLE, EnvironmentVariables.BOOKMARKS_TABLE,
                EnvironmentVariables.NOTES_TABLE, EnvironmentVariables.FILES_TABLE,
                EnvironmentVariables.SIGNING_KEY_SECRET_ARN, EnvironmentVariables.DOWNLOAD_BASE_URL)) {
            environment.put(variable, aws.environment().required(variable));
        }
        return environment;
    }

    /**
     * One real request per function. The pipeline's inputs are made here first: a generated upload, preprocessed
     * and categorized in this process, so each child's step finds what the state machine would hand it.
     */
    private static Map<String, String> requests(LocalAws aws, RSAKey key, JwksServer jwks) throws Exception {
        String job = "cold-start-job";
        String uploadKey = StorageLayout.uploadKey(USER, job, "activity.jsonl");
        ByteArrayOutputStream upload = new ByteArrayOutputStream();
        new ActivityFileGenerator(42, ActivityFileGenerator.Format.JSONL).write(upload, 256 * 1024, -1);
        aws.s3().putObject(b -> b.bucket(LocalAws.BUCKET).key(uploadKey), RequestBody.fromBytes(upload.toByteArray()));
        PreprocessRequest preprocess = new PreprocessRequest(USER, job, LocalAws.BUCKET,
                new UploadedObject(uploadKey, (long) upload.size(), null, null));
        PreprocessResult preprocessed = Json.MAPPER.readValue(invoke(new PreprocessHandler(aws.environment(),
                aws.s3(), aws.dynamoDb()), preprocess), PreprocessResult.class);
        CategorizeRequest categorize = new CategorizeRequest(USER, job, LocalAws.BUCKET, preprocessed.activitiesKey());
        CategorizeResult categorized = Json.MAPPER.readValue(invoke(new CategorizeHandler(aws.environment(),
                aws.s3()), categorize), CategorizeResult.class);
        // Build-persona records the persona only for the execution that owns the job, as the state machine's would.
        String execution = "arn:aws:states:us-east-1:000000000000:execution:persona-pipeline:cold-start";
        aws.dynamoDb().putItem(put -> put.tableName(LocalAws.JOBS_TABLE).item(Map.of(
                JobAttributes.USER_ID, AttributeValue.fromS(USER), JobAttributes.JOB_ID, AttributeValue.fromS(job),
                JobAttributes.STATUS, AttributeValue.fromS(JobStatus.RUNNING.name()),
                JobAttributes.EXECUTION_ARN, AttributeValue.fromS(execution))));
        BuildPersonaRequest build = new BuildPersonaRequest(USER, job, LocalAws.BUCKET, categorized.categorizedKey(),
                preprocessed.reportKey(), execution);

        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("preprocess", Json.MAPPER.writeValueAsString(preprocess));
        requests.put("categorize", Json.MAPPER.writeValueAsString(categorize));
        requests.put("build-persona", Json.MAPPER.writeValueAsString(build));
        requests.put("google-jwt-authorizer", TestTokens.sign(key, TestTokens.google(Instant.now(), "cold")
                .issuer(jwks.baseUri().toString()).audience(AUDIENCE).expirationTime(
                        java.util.Date.from(Instant.now().plusSeconds(3600))).build()));
        requests.put("uploads", "POST /v1/uploads\n"
                + "{\"filename\":\"MyActivity.json\",\"contentType\":\"application/json\",\"sizeBytes\":1024}");
        requests.put("jobs", "GET /v1/jobs");
        requests.put("personas", "GET /v1/personas/{jobId} jobId " + job);
        requests.put("delete-my-data", "DELETE /v1/me/data");
        requests.put("trpc", "GET /trpc/{proxy+} proxy jobs.list");
        return requests;
    }

    private static byte[] invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, Object request)
            throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(request)), output, null);
        return output.toByteArray();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
