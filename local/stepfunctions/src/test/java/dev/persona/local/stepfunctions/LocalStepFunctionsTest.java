package dev.persona.local.stepfunctions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.persona.local.stepfunctions.asl.exec.ExecutionStatus;
import dev.persona.local.stepfunctions.time.VirtualTimeSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The service: names, listeners, and executions running concurrently on the bounded pool. */
class LocalStepFunctionsTest {

    private static final String PASS = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";

    private final LocalStepFunctions engine = Machines.engine(new VirtualTimeSource(Machines.EPOCH));

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void listenersHearEveryExecutionStartAndEnd() {
        List<String> heard = new CopyOnWriteArrayList<>();
        engine.addListener(execution -> heard.add(execution.name() + ":" + execution.status()));
        var machine = engine.createStateMachine("listened", PASS, Machines.ROLE, StateMachineType.STANDARD);
        Execution execution = engine.startExecution(machine.arn(), "one", "{}");
        engine.awaitExecution(execution.arn(), Duration.ofSeconds(10));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (heard.size() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(heard).containsExactly("one:RUNNING", "one:SUCCEEDED");
    }

    @Test
    void manyExecutionsRunOnTheBoundedPool() {
        var machine = engine.createStateMachine("many", """
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 60, "Next": "P"},
                  "P": {"Type": "Pass", "End": true}}}""", Machines.ROLE, StateMachineType.STANDARD);
        List<Execution> executions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            executions.add(engine.startExecution(machine.arn(), "run-" + i, "{\"i\":" + i + "}"));
        }
        for (Execution execution : executions) {
            assertThat(engine.awaitExecution(execution.arn(), Duration.ofSeconds(10)).status())
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
        }
        assertThat(engine.listExecutions(machine.arn(), ExecutionStatus.SUCCEEDED)).hasSize(50);
    }

    @Test
    void namesAndRolesAreValidated() {
        assertThatThrownBy(() -> engine.createStateMachine("has space", PASS, Machines.ROLE, StateMachineType.STANDARD))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.errorType()).isEqualTo("InvalidName"));
        assertThatThrownBy(() -> engine.createStateMachine("ok", PASS, "not-a-role", StateMachineType.STANDARD))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.errorType()).isEqualTo("InvalidArn"));
        var machine = engine.createStateMachine("ok", PASS, Machines.ROLE, StateMachineType.STANDARD);
        assertThatThrownBy(() -> engine.startExecution(machine.arn(), "x".repeat(81), "{}"))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.errorType()).isEqualTo("InvalidName"));
        assertThatThrownBy(() -> engine.startExecution(machine.arn(), null, "{not json"))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.errorType()).isEqualTo("InvalidExecutionInput"));
    }

    @Test
    void definitionsWithTasksThatCannotRunLocallyAreInvalid() {
        assertThatThrownBy(() -> engine.createStateMachine("dynamo", """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                  "Parameters": {}, "End": true}}}""", Machines.ROLE, StateMachineType.STANDARD))
                .isInstanceOfSatisfying(StepFunctionsException.class, e -> {
                    assertThat(e.errorType()).isEqualTo("InvalidDefinition");
                    assertThat(e.getMessage()).contains("No DynamoDB endpoint is configured", "/States/T/Resource");
                });
    }
}
