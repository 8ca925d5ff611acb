package dev.persona.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.asl.intrinsics.IntrinsicEvaluator;
import dev.persona.local.stepfunctions.asl.intrinsics.IntrinsicParser;
import dev.persona.local.stepfunctions.asl.paths.JsonPathSyntaxException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Intrinsic functions beyond the corpus: escapes, errors and arity. */
class IntrinsicFunctionsTest {

    private static final JsonNode INPUT = Json.parse("{\"name\":\"Ada\",\"list\":[3,1,3],\"obj\":{\"k\":[1,\"v\"]}}");

    private static JsonNode evaluate(String call) {
        return IntrinsicEvaluator.evaluate(IntrinsicParser.parse(call), path -> path.read(INPUT));
    }

    @Test
    void formatEscapesBracesAndPrintsCollectionsLikeJava() {
        assertThat(evaluate("States.Format('\\{{}\\} has {}', $.name, $.obj)").textValue())
                .isEqualTo("{Ada} has {k=[1, v]}");
        assertThat(evaluate("States.Format('it\\'s {}', $.list)").textValue()).isEqualTo("it's [3, 1, 3]");
    }

    @Test
    void nestedCallsAndLiterals() {
        assertThat(evaluate("States.ArrayLength(States.ArrayUnique($.list))").intValue()).isEqualTo(2);
        assertThat(evaluate("States.Array(1, 2.5, 'x', true, null)")).isEqualTo(Json.parse("[1,2.5,\"x\",true,null]"));
        assertThat(evaluate("States.MathAdd(-3, States.ArrayGetItem($.list, 0))").intValue()).isEqualTo(0);
        assertThat(evaluate("States.ArrayRange(10, 0, -5)")).isEqualTo(Json.parse("[10,5,0]"));
    }

    @Test
    void badArgumentsFailWithIntrinsicFailure() {
        for (String call : new String[] {"States.ArrayGetItem($.list, 3)", "States.Format('{} {}', $.name)",
                "States.JsonMerge($.obj, $.obj, true)", "States.Hash($.name, 'SHA-3')", "States.ArrayPartition($.list, 0)",
                "States.StringToJson('{nope')", "States.ArrayRange(0, 5000, 1)", "States.ArrayLength($.name)"}) {
            assertThatThrownBy(() -> evaluate(call)).as(call).isInstanceOfSatisfying(StatesFailure.class,
                    failure -> assertThat(failure.error()).isEqualTo("States.IntrinsicFailure"));
        }
    }

    @Test
    void unknownFunctionsAndWrongArityAreSyntaxErrors() {
        assertThatThrownBy(() -> IntrinsicParser.parse("States.Nope(1)")).isInstanceOf(JsonPathSyntaxException.class);
        assertThatThrownBy(() -> IntrinsicParser.parse("States.UUID(1)")).isInstanceOf(JsonPathSyntaxException.class);
        assertThatThrownBy(() -> IntrinsicParser.parse("States.Format('x'")).isInstanceOf(JsonPathSyntaxException.class);
    }
}
