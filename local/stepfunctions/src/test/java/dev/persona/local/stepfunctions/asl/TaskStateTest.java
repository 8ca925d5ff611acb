package dev.persona.local.stepfunctions.asl;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.Machines;
import dev.persona.local.stepfunctions.asl.exec.ExecutionStatus;
import dev.persona.local.stepfunctions.asl.exec.HistoryEvent;
import dev.persona.local.stepfunctions.asl.exec.HistoryEventType;
import dev.persona.local.stepfunctions.time.VirtualTimeSource;
import dev.persona.local.stepfunctions.tasks.lambda.LambdaFunctionError;
import dev.persona.local.stepfunctions.tasks.lambda.LambdaServiceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.persona.local.stepfunctions.Machines.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Task states: Lambda results, Retry with backoff on virtual time, Catch and timeouts. */
class TaskStateTest {

    private final VirtualTimeSource clock = new VirtualTimeSource(Machines.EPOCH);
    private final LocalStepFunctions engine = Machines.engine(clock);

    @AfterEach
    void close() {
        engine.close();
    }

    private static String invoke(String extra) {
        return """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "fn", "Payload.$": "$"}%s, "End": true}}}
                """.formatted(extra);
    }

    @Test
    void lambdaInvokeWrapsThePayloadAsTheInvokeResponse() {
        engine.lambdaFunctions().registerFunction("fn", payload -> json("{\"echo\":" + payload + "}"));
        var run = Machines.run(engine, invoke(""), "{\"a\":1}");
        JsonNode output = run.outcome().output();
        assertThat(output.get("Payload")).isEqualTo(json("{\"echo\":{\"a\":1}}"));
        assertThat(output.get("StatusCode").intValue()).isEqualTo(200);
        assertThat(output.get("ExecutedVersion").textValue()).isEqualTo("$LATEST");
        assertThat(output.at("/SdkHttpMetadata/HttpStatusCode").intValue()).isEqualTo(200);
        assertThat(output.at("/SdkHttpMetadata/HttpHeaders/x-amzn-RequestId").textValue())
                .isEqualTo(output.at("/SdkResponseMetadata/RequestId").textValue());
        assertThat(Machines.types(run.history())).containsExactly(HistoryEventType.EXECUTION_STARTED,
                HistoryEventType.TASK_STATE_ENTERED, HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_STARTED,
                HistoryEventType.TASK_SUCCEEDED, HistoryEventType.TASK_STATE_EXITED,
                HistoryEventType.EXECUTION_SUCCEEDED);
        HistoryEvent scheduled = run.history().get(2);
        assertThat(scheduled.details().get("resourceType").textValue()).isEqualTo("lambda");
        assertThat(scheduled.details().get("resource").textValue()).isEqualTo("invoke");
        assertThat(scheduled.details().get("parameters")).isEqualTo(json("{\"FunctionName\":\"fn\",\"Payload\":{\"a\":1}}"));
    }

    @Test
    void aFunctionArnResourceReturnsThePayloadWithLambdaEvents() {
        engine.lambdaFunctions().registerFunction("fn", payload -> json("[1,2]"));
        var run = Machines.run(engine, """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:123456789012:function:fn", "End": true}}}
                """, "{}");
        assertThat(run.outcome().output()).isEqualTo(json("[1,2]"));
        assertThat(Machines.types(run.history())).containsSubsequence(HistoryEventType.LAMBDA_FUNCTION_SCHEDULED,
                HistoryEventType.LAMBDA_FUNCTION_STARTED, HistoryEventType.LAMBDA_FUNCTION_SUCCEEDED);
    }

    @Test
    void aJavaExceptionFailsTheTaskAsTheJavaRuntimeReportsIt() {
        engine.lambdaFunctions().registerFunction("fn", payload -> {
            throw new IllegalStateException("the upload is empty");
        });
        var outcome = Machines.run(engine, invoke(""), "{}").outcome();
        assertThat(outcome.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(outcome.error()).isEqualTo("java.lang.IllegalStateException");
        JsonNode cause = json(outcome.cause());
        assertThat(Json.names(cause)).containsExactly("errorMessage", "errorType", "stackTrace");
        assertThat(cause.get("errorMessage").textValue()).isEqualTo("the upload is empty");
        assertThat(cause.get("errorType").textValue()).isEqualTo("java.lang.IllegalStateException");
        assertThat(cause.get("stackTrace").get(0).textValue()).contains("TaskStateTest");
        assertThat(cause.get("stackTrace").toString()).doesNotContain("dev.persona.local.stepfunctions.tasks");
    }

    @Test
    void retriesWithExponentialBackoffOnVirtualTime() {
        List<Instant> calls = new CopyOnWriteArrayList<>();
        engine.lambdaFunctions().registerFunction("fn", payload -> {
            calls.add(clock.now());
            if (calls.size() < 4) {
                throw new LambdaFunctionError("Transient", "try again");
            }
            return json("\"done\"");
        });
        var outcome = Machines.run(engine, invoke("""
                , "Retry": [{"ErrorEquals": ["Transient"], "IntervalSeconds": 2, "BackoffRate": 3.0,
                             "MaxAttempts": 3}]"""), "{}").outcome();
        assertThat(outcome.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(calls).hasSize(4);
        assertThat(Duration.between(calls.get(0), calls.get(1))).isEqualTo(Duration.ofSeconds(2));
        assertThat(Duration.between(calls.get(1), calls.get(2))).isEqualTo(Duration.ofSeconds(6));
        assertThat(Duration.between(calls.get(2), calls.get(3))).isEqualTo(Duration.ofSeconds(18));
    }

    @Test
    void maxDelayCapsTheBackoffAndFullJitterStaysBelowIt() {
        List<Instant> calls = new CopyOnWriteArrayList<>();
        engine.lambdaFunctions().registerFunction("fn", payload -> {
            calls.add(clock.now());
            throw LambdaServiceException.tooManyRequests();
        });
        var outcome = Machines.run(engine, invoke("""
                , "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 10,
                             "BackoffRate": 10, "MaxAttempts": 4, "MaxDelaySeconds": 15, "JitterStrategy": "FULL"}]"""),
                "{}").outcome();
        assertThat(outcome.error()).isEqualTo("Lambda.TooManyRequestsException");
        assertThat(outcome.cause()).startsWith("Rate Exceeded. (Service: AWSLambda; Status Code: 429; "
                + "Error Code: TooManyRequestsException; Request ID: ");
        assertThat(calls).hasSize(5);
        for (int i = 1; i < calls.size(); i++) {
            assertThat(Duration.between(calls.get(i - 1), calls.get(i))).isBetween(Duration.ZERO, Duration.ofSeconds(15));
        }
    }

    @Test
    void retriersDoNotRetryOtherErrorsAndMaxAttemptsZeroNeverRetries() {
        AtomicInteger calls = new AtomicInteger();
        engine.lambdaFunctions().registerFunction("fn", payload -> {
            calls.incrementAndGet();
            throw new LambdaFunctionError("Permanent", "no");
        });
        var outcome = Machines.run(engine, invoke("""
                , "Retry": [{"ErrorEquals": ["Permanent"], "MaxAttempts": 0},
                            {"ErrorEquals": ["States.ALL"], "MaxAttempts": 5}]"""), "{}").outcome();
        assertThat(outcome.error()).isEqualTo("Permanent");
        assertThat(calls).hasValue(1);
    }

    @Test
    void catchPlacesTheErrorOutputAtResultPathAndGoesToNext() {
        engine.lambdaFunctions().registerFunction("fn", payload -> {
            throw new LambdaFunctionError("UnsupportedFormat", "not a CSV file");
        });
        var outcome = Machines.run(engine, """
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                           "Parameters": {"FunctionName": "fn"}, "End": true,
                           "Catch": [{"ErrorEquals": ["Other"], "Next": "Wrong"},
                                     {"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.error", "Next": "Handled"}]},
                  "Wrong": {"Type": "Fail"},
                  "Handled": {"Type": "Pass", "Parameters": {"input.$": "$.in", "code.$": "$.error.Error",
                              "message.$": "States.StringToJson($.error.Cause)"}, "End": true}}}
                """, "{\"in\":1}").outcome();
        assertThat(outcome.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(outcome.output().get("input").intValue()).isEqualTo(1);
        assertThat(outcome.output().get("code").textValue()).isEqualTo("UnsupportedFormat");
        assertThat(outcome.output().get("message").get("errorMessage").textValue()).isEqualTo("not a CSV file");
    }

    @Test
    void aTaskThatOutlivesTimeoutSecondsFailsWithStatesTimeout() {
        engine.lambdaFunctions().registerFunction("fn", payload -> {
            clock.advance(Duration.ofSeconds(120));
            return json("{}");
        });
        var run = Machines.run(engine, invoke(", \"TimeoutSeconds\": 60"), "{}");
        assertThat(run.outcome().error()).isEqualTo("States.Timeout");
        assertThat(Machines.types(run.history())).contains(HistoryEventType.TASK_TIMED_OUT);
    }

    @Test
    void timeoutSecondsPathAndStatesTimeoutCanBeCaught() {
        engine.lambdaFunctions().registerFunction("fn", payload -> {
            clock.advance(Duration.ofSeconds(30));
            return json("{}");
        });
        var outcome = Machines.run(engine, """
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                           "Parameters": {"FunctionName": "fn"}, "TimeoutSecondsPath": "$.limit", "End": true,
                           "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "TimedOut"}]},
                  "TimedOut": {"Type": "Succeed"}}}
                """, "{\"limit\": 10}").outcome();
        assertThat(outcome.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(outcome.output().get("Error").textValue()).isEqualTo("States.Timeout");
    }

    @Test
    void aFunctionPastItsOwnTimeoutFailsWithSandboxTimedout() {
        engine.lambdaFunctions().register("slow", (com.amazonaws.services.lambda.runtime.RequestHandler<Object, Object>)
                (input, context) -> {
                    clock.advance(Duration.ofSeconds(5));
                    return "late";
                }, Duration.ofSeconds(3));
        var outcome = Machines.run(engine, """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "slow"}, "End": true}}}
                """, "{}").outcome();
        assertThat(outcome.error()).isEqualTo("Sandbox.Timedout");
        assertThat(json(outcome.cause()).get("errorMessage").textValue()).endsWith("Task timed out after 3.00 seconds");
    }

    @Test
    void anUnknownFunctionFailsWithLambdaResourceNotFound() {
        var outcome = Machines.run(engine, invoke(""), "{}").outcome();
        assertThat(outcome.error()).isEqualTo("Lambda.ResourceNotFoundException");
        assertThat(outcome.cause()).startsWith("Function not found: arn:aws:lambda:us-east-1:123456789012:function:fn "
                + "(Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: ");
    }

    @Test
    void jsonataTasksUseArgumentsAndStatesResult() {
        engine.lambdaFunctions().registerFunction("fn", payload -> json("{\"n\":" + (payload.get("n").intValue() + 1) + "}"));
        var outcome = Machines.run(engine, """
                {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {"Call": {"Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke",
                  "Arguments": {"FunctionName": "fn", "Payload": {"n": "{% $states.input.start %}"}},
                  "Output": {"next": "{% $states.result.Payload.n %}", "was": "{% $states.input.start %}"},
                  "Assign": {"seen": "{% $states.result.Payload.n %}"}, "Next": "Show"},
                  "Show": {"Type": "Pass", "Output": "{% $seen * 10 %}", "End": true}}}
                """, "{\"start\": 4}").outcome();
        assertThat(outcome.output()).isEqualTo(json("50"));
    }

    @Test
    void aCaughtFailureLeavesTheStateWithoutAnExitedEvent() {
        engine.lambdaFunctions().registerFunction("fn", payload -> {
            throw new LambdaFunctionError("Bad", "bad");
        });
        var run = Machines.run(engine, """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:123456789012:function:fn",
                  "Catch": [{"ErrorEquals": ["Bad"], "ResultPath": "$.error", "Next": "Handled"}], "End": true},
                  "Handled": {"Type": "Pass", "End": true}}}""", "{}");
        assertThat(Machines.types(run.history())).containsExactly(HistoryEventType.EXECUTION_STARTED,
                HistoryEventType.TASK_STATE_ENTERED, HistoryEventType.LAMBDA_FUNCTION_SCHEDULED,
                HistoryEventType.LAMBDA_FUNCTION_STARTED, HistoryEventType.LAMBDA_FUNCTION_FAILED,
                HistoryEventType.PASS_STATE_ENTERED, HistoryEventType.PASS_STATE_EXITED,
                HistoryEventType.EXECUTION_SUCCEEDED);
    }
}
