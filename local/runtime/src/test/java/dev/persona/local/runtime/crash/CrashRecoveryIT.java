package dev.persona.local.runtime.crash;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.persona.bench.ActivityFileGenerator;
import dev.persona.contracts.JobAttributes;
import dev.persona.contracts.PersonaAttributes;
import dev.persona.contracts.StorageLayout;
import dev.persona.local.cli.PersonaLocal;
import dev.persona.local.runtime.AwaitingUploads;
import dev.persona.local.runtime.Endpoints;
import dev.persona.local.runtime.LocalFunctions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code persona-local up --data-dir DIR} killed with SIGKILL in the middle of every step of the pipeline, and
 * started again on the same folder: every job still ends, within a bound, SUCCEEDED with exactly one persona, or
 * FAILED with its code when a step keeps failing; no job and no execution stays RUNNING; and a job that failed on
 * our side can be redriven to success by {@code persona-local redrive} on the restarted stack.
 *
 * <p>Each job stops at its own crash point ({@link CrashPoints}): before or after each DynamoDB state's write
 * (after = written, but not yet recorded by Step Functions) and before or after each Lambda step's handler
 * (after = its objects written, its result not recorded). Jobs run in batches, one batch per run of the stack;
 * the run is killed when every job of its batch has stopped, while the previous batch's jobs, resumed from the
 * data directory, are wherever they are.
 */
class CrashRecoveryIT {

    private static final List<String> STATES = List.of("RegisterJob", "MarkPreprocessing", "Preprocess",
            "MarkCategorizing", "Categorize", "MarkBuildingPersona", "BuildPersona", "MarkSucceeded");
    /** The stack runs 8 executions at a time: a batch leaves one thread for the executions it resumes. */
    private static final int BATCH = 7;
    private static final Duration START_BOUND = Duration.ofSeconds(120);
    private static final Duration CRASH_POINT_BOUND = Duration.ofSeconds(90);
    /** From the last start to every job's end; the retried failure alone takes up to 30 s of backoff. */
    private static final Duration FINISH_BOUND = Duration.ofSeconds(120);

    @TempDir
    Path data;
    @TempDir
    Path control;

    private Process stack;
    private int runs;

    /** One job: its user (each job has its own), its plan and how it must end. */
    private record Job(String userId, String jobId, List<String> plan, String status, String errorCode) {
    }

    @AfterEach
    void kill() throws InterruptedException {
        if (stack != null) {
            stack.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void killedInTheMiddleOfEveryStepEveryJobEndsAfterARestart() throws Exception {
        List<Job> jobs = new ArrayList<>();
        for (String state : STATES) {
            for (String phase : List.of("before", "after")) {
                String id = "crash-" + state + "-" + phase;
                jobs.add(new Job("dev_" + id, id, List.of("crash " + state + ":" + phase), "SUCCEEDED", null));
            }
        }
        Job internal = new Job("dev_fail-internal", "fail-internal",
                List.of("fail Categorize internal", "crash RecordFailure:after"), "FAILED", "InternalError");
        Job refused = new Job("dev_fail-format", "fail-format",
                List.of("fail Preprocess format", "crash RecordFailure:before"), "FAILED", "UnsupportedFormat");
        Job retried = new Job("dev_fail-retried", "fail-retried",
                List.of("fail BuildPersona storage", "crash BuildPersona:before"), "FAILED", "InternalError");
        jobs.addAll(List.of(internal, refused, retried));
        byte[] upload = activityFile();

        for (int from = 0; from < jobs.size(); from += BATCH) {
            List<Job> batch = jobs.subList(from, Math.min(jobs.size(), from + BATCH));
            Endpoints endpoints = startStack();
            for (Job job : batch) {
                Files.createDirectories(control.resolve("plans"));
                Files.write(control.resolve("plans").resolve(job.jobId()), job.plan());
                upload(endpoints, job, upload);
            }
            Instant uploaded = Instant.now();
            awaitCondition("the batch's jobs at their crash points", CRASH_POINT_BOUND, () -> batch.stream()
                    .allMatch(job -> Files.exists(control.resolve("reached").resolve(job.jobId()))));
            System.out.printf("run %d: every job of the batch at its crash point %d ms after the uploads%n", runs,
                    Duration.between(uploaded, Instant.now()).toMillis());
            killStack();
        }

        Endpoints endpoints = startStack();
        Instant restarted = Instant.now();
        try (LocalFunctions.Clients clients = endpoints.clients()) {
            awaitCondition("every job ended and no execution runs", FINISH_BOUND, () ->
                    jobs.stream().allMatch(job -> List.of("SUCCEEDED", "FAILED")
                            .contains(status(clients, endpoints, job)))
                            && runningExecutions(endpoints).isEmpty());
            Duration finished = Duration.between(restarted, Instant.now());
            System.out.printf("every job ended %d ms after the last start%n", finished.toMillis());

            for (Job job : jobs) {
                Map<String, AttributeValue> item = item(clients, endpoints, job).orElseThrow();
                assertThat(item.get(JobAttributes.STATUS).s()).as(job.jobId()).isEqualTo(job.status());
                assertThat(Optional.ofNullable(item.get(JobAttributes.ERROR_CODE)).map(AttributeValue::s))
                        .as(job.jobId()).isEqualTo(Optional.ofNullable(job.errorCode()));
                assertThat(personas(clients, endpoints, job)).as(job.jobId() + "'s personas")
                        .isEqualTo(job.status().equals("SUCCEEDED") ? 1 : 0);
            }
            assertThat(finished).isLessThan(FINISH_BOUND);

            // The job that failed on our side, once its step is fixed, succeeds by a redrive on the restarted
            // stack: its execution's history came back from the data directory.
            Files.createDirectories(control.resolve("healed"));
            Files.writeString(control.resolve("healed").resolve(internal.jobId()), "");
            assertThat(cli("redrive", internal.jobId(), "--wait", "60")).isZero();
            assertThat(status(clients, endpoints, internal)).isEqualTo("SUCCEEDED");
            assertThat(personas(clients, endpoints, internal)).isEqualTo(1);
            assertThat(cli("redrive", refused.jobId())).isEqualTo(1);
            assertThat(runningExecutions(endpoints)).isEmpty();
        }
    }

    private static byte[] activityFile() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        new ActivityFileGenerator(11, ActivityFileGenerator.Format.TAKEOUT).write(file, 0, 200);
        return file.toByteArray();
    }

    private Endpoints startStack() throws IOException, InterruptedException {
        Path endpointsFile = control.resolve("endpoints.json");
        Files.deleteIfExists(endpointsFile);
        Path log = control.resolve("stack-" + (++runs) + ".log");
        stack = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), CrashableStack.class.getName(),
                data.toString(), control.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Process started = stack;
        Instant begun = Instant.now();
        awaitCondition("the stack's endpoints (log: " + log + ")", START_BOUND, () -> {
            if (!started.isAlive()) {
                throw new AssertionError("the stack exited with " + started.exitValue() + ": " + tail(log));
            }
            return Endpoints.read(endpointsFile).filter(e -> e.pid() == started.pid()).isPresent();
        });
        System.out.printf("run %d: up after %d ms%n", runs, Duration.between(begun, Instant.now()).toMillis());
        return Endpoints.read(endpointsFile).orElseThrow();
    }

    /** SIGKILL: no shutdown hook, nothing drained or flushed. */
    private void killStack() throws InterruptedException {
        stack.destroyForcibly();
        assertThat(stack.waitFor(30, TimeUnit.SECONDS)).isTrue();
        stack = null;
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.substring(Math.max(0, text.length() - 4000));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** {@code persona-local ARGS} as a process of its own, against the stack's endpoints file. */
    private int cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), "-Dpersona.local.state=" + control,
                PersonaLocal.class.getName()));
        command.addAll(List.of(args));
        Path log = control.resolve("cli-" + String.join("-", args).replace(' ', '_') + ".log");
        Process cli = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(cli.waitFor(120, TimeUnit.SECONDS)).as(tail(log)).isTrue();
        System.out.println(Files.readString(log));
        return cli.exitValue();
    }

    private static void upload(Endpoints endpoints, Job job, byte[] file) {
        String key = StorageLayout.uploadKey(job.userId(), job.jobId(), "MyActivity.json");
        try (LocalFunctions.Clients clients = endpoints.clients()) {
            AwaitingUploads.register(clients.dynamoDb(), endpoints.jobsTable(), key, file.length);
            clients.s3().putObject(b -> b.bucket(endpoints.bucket()).key(key), RequestBody.fromBytes(file));
        }
    }

    private static Optional<Map<String, AttributeValue>> item(LocalFunctions.Clients clients, Endpoints endpoints,
                                                              Job job) {
        Map<String, AttributeValue> item = clients.dynamoDb().getItem(b -> b.tableName(endpoints.jobsTable())
                .consistentRead(true).key(Map.of(JobAttributes.USER_ID, AttributeValue.fromS(job.userId()),
                        JobAttributes.JOB_ID, AttributeValue.fromS(job.jobId())))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private static String status(LocalFunctions.Clients clients, Endpoints endpoints, Job job) {
        return item(clients, endpoints, job).map(item -> item.get(JobAttributes.STATUS).s()).orElse(null);
    }

    /** The job's personas: its persona objects and its item in the personas table (one of each, or none). */
    private static int personas(LocalFunctions.Clients clients, Endpoints endpoints, Job job) {
        int objects = clients.s3().listObjectsV2(b -> b.bucket(endpoints.bucket())
                .prefix(StorageLayout.PERSONAS_PREFIX + job.userId() + "/")).keyCount();
        int items = clients.dynamoDb().query(b -> b.tableName(endpoints.personasTable()).consistentRead(true)
                .keyConditionExpression(PersonaAttributes.USER_ID + " = :user")
                .expressionAttributeValues(Map.of(":user", AttributeValue.fromS(job.userId())))).count();
        assertThat(items).as(job.jobId() + "'s persona items").isEqualTo(objects);
        return objects;
    }

    /** The pipeline's RUNNING executions, by Step Functions' own API. */
    private static List<String> runningExecutions(Endpoints endpoints) {
        try (SfnClient sfn = SfnClient.builder().endpointOverride(endpoints.stepFunctions())
                .region(Region.of(endpoints.region())).credentialsProvider(endpoints.credentials())
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            return sfn.listExecutionsPaginator(list -> list.stateMachineArn(endpoints.stateMachineArn())
                    .statusFilter(ExecutionStatus.RUNNING)).executions().stream()
                    .map(ExecutionListItem::executionArn).toList();
        }
    }

    private static void awaitCondition(String what, Duration bound, BooleanSupplier condition)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(bound);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + what + " within " + bound.toSeconds() + " s");
            }
            Thread.sleep(250);
        }
    }
}
