package dev.persona.metrics;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Set;

import dev.persona.contracts.FunctionDefinition;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.http.ApiEndpoint;
import dev.persona.pipeline.StepInvocation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The cold-start metric is on in every function: each handler holds what counts its first invocation. */
class ColdStartCoverageTest {

    /** A handler's own cold start, a step's measurements (which hold one), or the API edge (which holds one). */
    private static final Set<Class<?>> COUNTS_COLD_STARTS = Set.of(ColdStart.class, StepInvocation.Measured.class,
            ApiEndpoint.class);

    @Test
    void everyFunctionsHandlerCountsItsColdStart() throws ClassNotFoundException {
        for (FunctionDefinition function : LambdaFunctions.ALL) {
            Field[] fields = Class.forName(function.handlerClass()).getDeclaredFields();
            assertThat(Arrays.stream(fields).map(Field::getType)).as(function.id())
                    .anyMatch(COUNTS_COLD_STARTS::contains);
        }
    }
}
