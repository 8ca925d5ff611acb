package dev.persona.local.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persona.contracts.JobAttributes;
import dev.persona.contracts.JobStatus;
import dev.persona.local.runtime.Endpoints;
import dev.persona.local.runtime.LocalFunctions;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code persona-local redrive JOB_ID [--wait SECONDS]}: RedriveExecution of the execution of a job that failed on our
 * side, on the running stack. The pipeline resumes the job at the step that failed (see the README's pipeline).
 */
final class RedriveCommand extends Command {

    static final String HELP = """
            Usage: persona-local redrive JOB_ID [--wait SECONDS]

            Redrives the Step Functions execution of a job that failed on our side (error code InternalError)
            on the running stack ('persona-local up'): the execution goes on from the state it failed in, the job
            goes back to RUNNING at the first step whose result is missing, and the steps that had succeeded do
            not run again. A job refused for its upload (UnsupportedFormat, EmptyUpload, ...) would be refused
            again and is not redriven.

              JOB_ID  the job's id (the upload id), as the API and the jobs table show it

            Options:
              --wait SECONDS  wait up to SECONDS for the execution to end, and print how the job ended
              --help          show this help

            Exit status: 0 when the redrive started (with --wait: when the job then succeeded); 1 when there is no
            stack, no such job, the job cannot be redriven, or (with --wait) it did not succeed; 2 for bad
            arguments.
            """;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String INTERNAL_ERROR = "InternalError";

    private final Path endpointsFile;

    RedriveCommand(PrintStream out, PrintStream err, Path endpointsFile) {
        super(out, err, HELP, Set.of("--wait"), 1);
        this.endpointsFile = endpointsFile;
    }

    @Override
    int run(Options options) throws Options.UsageException {
        if (options.positional().isEmpty()) {
            throw new Options.UsageException("JOB_ID is required");
        }
        String jobId = options.positional().getFirst();
        Optional<Duration> wait = waitTime(options);
        Optional<Endpoints> stack = Endpoints.read(endpointsFile).filter(Endpoints::isLive);
        if (stack.isEmpty()) {
            err.println("persona-local redrive: no stack is running (start one with ./persona-local up)");
            return PersonaLocal.FAILED;
        }
        try (LocalFunctions.Clients clients = stack.get().clients()) {
            return redrive(stack.get(), clients, jobId, wait);
        } catch (IOException e) {
            err.println("persona-local redrive: Step Functions at " + stack.get().stepFunctions() + " did not answer: "
                    + e);
            return PersonaLocal.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PersonaLocal.FAILED;
        }
    }

    private static Optional<Duration> waitTime(Options options) throws Options.UsageException {
        Optional<String> given = options.value("--wait");
        if (given.isEmpty()) {
            return Optional.empty();
        }
        String value = given.get();
        try {
            long seconds = Long.parseLong(value);
            if (seconds <= 0) {
                throw new NumberFormatException();
            }
            return Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            throw new Options.UsageException("--wait must be a positive number of seconds, not '" + value + "'");
        }
    }

    private int redrive(Endpoints stack, LocalFunctions.Clients clients, String jobId, Optional<Duration> wait)
            throws IOException, InterruptedException {
        Optional<Map<String, AttributeValue>> found = job(stack, clients, jobId);
        if (found.isEmpty()) {
            err.println("persona-local redrive: no job '" + jobId + "' in " + stack.jobsTable());
            return PersonaLocal.FAILED;
        }
        Map<String, AttributeValue> job = found.get();
        String status = text(job, JobAttributes.STATUS);
        String code = text(job, JobAttributes.ERROR_CODE);
        String executionArn = text(job, JobAttributes.EXECUTION_ARN);
        if (!JobStatus.FAILED.name().equals(status) || executionArn == null) {
            err.println("persona-local redrive: job " + jobId + " is " + status
                    + "; only a FAILED job can be redriven");
            return PersonaLocal.FAILED;
        }
        if (!INTERNAL_ERROR.equals(code)) {
            err.println("persona-local redrive: job " + jobId + " was refused for its upload (" + code
                    + "); running it again would refuse it again");
            return PersonaLocal.FAILED;
        }
        HttpResponse<String> redriven = call(stack, "RedriveExecution", Map.of("executionArn", executionArn));
        if (redriven.statusCode() != 200) {
            JsonNode error = JSON.readTree(redriven.body());
            err.println("persona-local redrive: " + error.path("__type").asText() + ": "
                    + error.path("message").asText(redriven.body()));
            return PersonaLocal.FAILED;
        }
        out.println("Redriving " + executionArn + " (job " + jobId + ")");
        if (wait.isEmpty()) {
            return PersonaLocal.OK;
        }
        Instant deadline = Instant.now().plus(wait.get());
        String executionStatus = "RUNNING";
        while (executionStatus.equals("RUNNING")) {
            if (Instant.now().isAfter(deadline)) {
                err.println("persona-local redrive: the execution still runs after " + wait.get().toSeconds() + " s");
                return PersonaLocal.FAILED;
            }
            Thread.sleep(POLL);
            executionStatus = JSON.readTree(call(stack, "DescribeExecution", Map.of("executionArn", executionArn))
                    .body()).path("status").asText();
        }
        Map<String, AttributeValue> ended = job(stack, clients, jobId).orElse(job);
        String endedStatus = text(ended, JobAttributes.STATUS);
        out.println("Job " + jobId + " " + endedStatus + (JobStatus.FAILED.name().equals(endedStatus)
                ? " (" + text(ended, JobAttributes.ERROR_CODE) + ")" : "") + "; execution " + executionStatus);
        return JobStatus.SUCCEEDED.name().equals(endedStatus) ? PersonaLocal.OK : PersonaLocal.FAILED;
    }

    /** The job with {@code jobId}, of whichever user (job ids are unique; the table is small locally). */
    private static Optional<Map<String, AttributeValue>> job(Endpoints stack, LocalFunctions.Clients clients,
                                                            String jobId) {
        return clients.dynamoDb().scanPaginator(b -> b.tableName(stack.jobsTable()).consistentRead(true)
                        .filterExpression("#job = :job")
                        .expressionAttributeNames(Map.of("#job", JobAttributes.JOB_ID))
                        .expressionAttributeValues(Map.of(":job", AttributeValue.fromS(jobId))))
                .items().stream().findFirst();
    }

    private static String text(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null ? null : value.s();
    }

    /** One call of Step Functions' JSON protocol. */
    private static HttpResponse<String> call(Endpoints stack, String action, Map<String, String> request)
            throws IOException, InterruptedException {
        return SignedCall.post(stack, stack.stepFunctions(), "states", Map.of(
                "Content-Type", "application/x-amz-json-1.0",
                "X-Amz-Target", "AWSStepFunctions." + action), JSON.writeValueAsBytes(request));
    }
}
