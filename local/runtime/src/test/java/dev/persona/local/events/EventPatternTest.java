package dev.persona.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** EventBridge's pattern matching, on a Step Functions status change event. */
class EventPatternTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode EVENT = parse("""
            {"version": "0", "id": "e1", "detail-type": "Step Functions Execution Status Change",
             "source": "aws.states", "account": "123456789012", "region": "us-east-1",
             "resources": ["arn:aws:states:us-east-1:123456789012:execution:persona-pipeline:run-1"],
             "detail": {"executionArn": "arn:aws:states:us-east-1:123456789012:execution:persona-pipeline:run-1",
               "stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:persona-pipeline",
               "status": "TIMED_OUT", "redriveCount": 0, "stopDate": 1767225660000, "output": null,
               "error": "States.Timeout"}}""");

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"source\": [\"aws.states\"]}",
            "{\"source\": [\"aws.states\"], \"detail-type\": [\"Step Functions Execution Status Change\"],"
                    + " \"detail\": {\"status\": [\"FAILED\", \"TIMED_OUT\", \"ABORTED\"]}}",
            "{\"detail\": {\"stateMachineArn\": [{\"suffix\": \":stateMachine:persona-pipeline\"}]}}",
            "{\"resources\": [{\"prefix\": \"arn:aws:states:us-east-1:123456789012:execution:persona-pipeline:\"}]}",
            "{\"detail\": {\"status\": [{\"anything-but\": [\"RUNNING\", \"SUCCEEDED\"]}]}}",
            "{\"detail\": {\"status\": [{\"anything-but\": \"RUNNING\"}]}}",
            "{\"detail\": {\"status\": [{\"equals-ignore-case\": \"timed_out\"}]}}",
            "{\"detail\": {\"redriveCount\": [0.0]}}",
            "{\"detail\": {\"output\": [null]}}",
            "{\"detail\": {\"error\": [{\"exists\": true}], \"cause\": [{\"exists\": false}]}}",
            "{\"detail\": {\"status\": [\"RUNNING\", {\"prefix\": \"TIMED\"}]}}"})
    void matchingPatterns(String pattern) {
        assertThat(EventPattern.parse(pattern).matches(EVENT)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"source\": [\"aws.s3\"]}",
            "{\"detail\": {\"status\": [\"SUCCEEDED\"]}}",
            "{\"detail\": {\"status\": [{\"anything-but\": [\"TIMED_OUT\"]}]}}",
            "{\"detail\": {\"cause\": [{\"anything-but\": \"x\"}]}}",
            "{\"detail\": {\"error\": [{\"exists\": false}]}}",
            "{\"detail\": {\"redriveCount\": [\"0\"]}}",
            "{\"detail\": {\"status\": {\"nested\": [\"x\"]}}}",
            "{\"detail\": {\"cause\": [null]}}",
            "{\"detail-type\": [{\"prefix\": \"Step Functions Map\"}]}"})
    void patternsThatDoNotMatch(String pattern) {
        assertThat(EventPattern.parse(pattern).matches(EVENT)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not json                                          | an event pattern is a JSON object
            []                                                | an event pattern is a JSON object naming
            {}                                                | an event pattern is a JSON object naming
            {"source": "aws.states"}                          | /source is neither an object nor a non-empty array
            {"source": []}                                    | /source is neither an object nor a non-empty array
            {"detail": {"status": [["RUNNING"]]}}             | /detail/status holds an array as a condition
            {"detail": {"n": [{"numeric": [">", 0]}]}}        | /detail/n uses a filter this local bus does not implement
            {"detail": {"n": [{"wildcard": "a*"}]}}           | /detail/n uses a filter this local bus does not implement
            {"detail": {"n": [{"prefix": 3}]}}                | /detail/n gives prefix a wrong argument
            {"detail": {"n": [{"exists": "yes"}]}}            | /detail/n gives exists a wrong argument
            {"detail": {"n": [{"anything-but": [{"a": 1}]}]}} | /detail/n gives anything-but a wrong argument
            """)
    void patternsItCannotMatchExactlyAreRefused(String pattern, String reason) {
        assertThatThrownBy(() -> EventPattern.parse(pattern)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void aBusDeliversAnEventToEveryMatchingRuleEvenWhenOneFails() {
        LocalEventBus bus = new LocalEventBus();
        StringBuilder delivered = new StringBuilder();
        bus.addRule(new LocalEventBus.Rule("failing", EventPattern.parse("{\"source\": [\"aws.states\"]}"),
                (id, event) -> {
                    throw new IllegalStateException("the target is down");
                }));
        bus.addRule(new LocalEventBus.Rule("timeouts", EventPattern.parse(
                "{\"detail\": {\"status\": [\"TIMED_OUT\"]}}"), (id, event) -> delivered.append(id).append(' ')
                .append(parse(event).at("/detail/error").asText())));
        bus.addRule(new LocalEventBus.Rule("successes", EventPattern.parse(
                "{\"detail\": {\"status\": [\"SUCCEEDED\"]}}"), (id, event) -> delivered.append("wrong")));

        assertThat(bus.put(EVENT)).isEqualTo(2);
        assertThat(delivered).hasToString("e1 States.Timeout");
        assertThat(bus.ruleNames()).containsExactly("failing", "timeouts", "successes");
        assertThatThrownBy(() -> bus.addRule(new LocalEventBus.Rule("timeouts", EventPattern.parse(
                "{\"source\": [\"x\"]}"), (id, event) -> { }))).hasMessageContaining("exists already");
    }
}
