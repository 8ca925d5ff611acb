package dev.persona.local.stepfunctions.asl;

import java.util.concurrent.atomic.AtomicInteger;

import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.Machines;
import dev.persona.local.stepfunctions.asl.exec.ExecutionStatus;
import dev.persona.local.stepfunctions.asl.exec.HistoryEventType;
import dev.persona.local.stepfunctions.time.VirtualTimeSource;
import dev.persona.local.stepfunctions.tasks.lambda.LambdaFunctionError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.persona.local.stepfunctions.Machines.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Map states: order of results under concurrency, failure, tolerated failures, batching. */
class MapStateTest {

    private final LocalStepFunctions engine = Machines.engine(new VirtualTimeSource(Machines.EPOCH));

    @AfterEach
    void close() {
        engine.close();
    }

    private static String map(String mode, String extra) {
        return """
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", %s
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "%s"}, "StartAt": "Work", "States": {
                    "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                             "Parameters": {"FunctionName": "work", "Payload.$": "$"},
                             "OutputPath": "$.Payload", "End": true}}}, "End": true}}}
                """.formatted(extra, mode);
    }

    @Test
    void resultsKeepItemOrderWhateverTheConcurrency() {
        engine.lambdaFunctions().registerFunction("work", payload -> {
            Thread.sleep((10 - payload.intValue()) * 2L);
            return json(Integer.toString(payload.intValue() * payload.intValue()));
        });
        var run = Machines.run(engine, map("INLINE", "\"MaxConcurrency\": 0,"), "{\"items\":[1,2,3,4,5,6,7,8,9]}");
        assertThat(run.outcome().output()).isEqualTo(json("[1,4,9,16,25,36,49,64,81]"));
        assertThat(Machines.types(run.history()).stream().filter(HistoryEventType.MAP_ITERATION_SUCCEEDED::equals))
                .hasSize(9);
    }

    @Test
    void anInlineIterationFailureFailsTheMapAndStopsTheRest() {
        AtomicInteger calls = new AtomicInteger();
        engine.lambdaFunctions().registerFunction("work", payload -> {
            calls.incrementAndGet();
            if (payload.intValue() == 2) {
                throw new LambdaFunctionError("BadItem", "item 2");
            }
            return payload;
        });
        var run = Machines.run(engine, map("INLINE", "\"MaxConcurrency\": 1,"), "{\"items\":[1,2,3,4]}");
        assertThat(run.outcome().error()).isEqualTo("BadItem");
        assertThat(calls).hasValue(2);
        assertThat(Machines.types(run.history())).containsSubsequence(HistoryEventType.MAP_ITERATION_FAILED,
                HistoryEventType.MAP_STATE_FAILED, HistoryEventType.EXECUTION_FAILED);
    }

    @Test
    void aDistributedMapToleratesFailuresUpToTheCount() {
        engine.lambdaFunctions().registerFunction("work", payload -> {
            if (payload.intValue() % 2 == 0) {
                throw new LambdaFunctionError("Even", "even item");
            }
            return payload;
        });
        var tolerated = Machines.run(engine, map("DISTRIBUTED", "\"ToleratedFailureCount\": 2,"),
                "{\"items\":[1,2,3,4,5]}");
        assertThat(tolerated.outcome().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(tolerated.outcome().output().get(0).intValue()).isEqualTo(1);
        assertThat(tolerated.outcome().output().get(1).get("Error").textValue()).isEqualTo("Even");
        assertThat(Machines.types(tolerated.history())).contains(HistoryEventType.MAP_RUN_STARTED,
                HistoryEventType.MAP_RUN_SUCCEEDED).doesNotContain(HistoryEventType.MAP_ITERATION_STARTED);

        var exceeded = Machines.run(engine, map("DISTRIBUTED", "\"ToleratedFailurePercentage\": 30,"),
                "{\"items\":[1,2,3,4,5]}");
        assertThat(exceeded.outcome().error()).isEqualTo("States.ExceedToleratedFailureThreshold");
        assertThat(Machines.types(exceeded.history())).contains(HistoryEventType.MAP_RUN_FAILED);
    }

    @Test
    void anInlineMapIgnoresToleranceAndADistributedOneWithoutToleranceFailsOnTheFirstFailure() {
        engine.lambdaFunctions().registerFunction("work", payload -> {
            throw new LambdaFunctionError("Broken", "always");
        });
        assertThat(Machines.run(engine, map("INLINE", "\"ToleratedFailureCount\": 5,"), "{\"items\":[1]}")
                .outcome().error()).isEqualTo("Broken");
        assertThat(Machines.run(engine, map("DISTRIBUTED", ""), "{\"items\":[1]}").outcome().error())
                .isEqualTo("States.ExceedToleratedFailureThreshold");
    }

    @Test
    void itemBatcherGroupsItemsWithTheBatchInput() {
        var run = Machines.run(engine, """
                {"StartAt": "Each", "States": {"Each": {"Type": "Map",
                  "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"job.$": "$.job"}},
                  "ItemsPath": "$.items",
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "Count", "States": {"Count": {"Type": "Pass",
                      "Parameters": {"n.$": "States.ArrayLength($.Items)", "job.$": "$.BatchInput.job"}, "End": true}}},
                  "End": true}}}
                """, "{\"job\":\"j1\",\"items\":[1,2,3,4,5]}");
        assertThat(run.outcome().output()).isEqualTo(json(
                "[{\"n\":2,\"job\":\"j1\"},{\"n\":2,\"job\":\"j1\"},{\"n\":1,\"job\":\"j1\"}]"));
    }

    @Test
    void itemSelectorSeesTheMapInputAndTheItem() {
        var run = Machines.run(engine, """
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items",
                  "ItemSelector": {"prefix.$": "$.prefix", "value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},
                  "ItemProcessor": {"StartAt": "Join", "States": {"Join": {"Type": "Pass",
                    "Parameters": {"s.$": "States.Format('{}{}-{}', $.prefix, $.value, $.index)"}, "OutputPath": "$.s",
                    "End": true}}}, "End": true}}}
                """, "{\"prefix\":\"p\",\"items\":[\"a\",\"b\"]}");
        assertThat(run.outcome().output()).isEqualTo(json("[\"pa-0\",\"pb-1\"]"));
    }
}
