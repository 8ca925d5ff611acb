package dev.persona.local.stepfunctions.asl.paths;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.asl.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JSONPath as Step Functions evaluates it (Jayway's semantics and messages). */
class JsonPathTest {

    private static final JsonNode DOC = Json.parse("""
            {"store": {"books": [{"title": "A", "price": 8, "tags": ["x"]}, {"title": "B", "price": 12},
                                 {"title": "C", "price": 20, "tags": []}],
                       "detail-type": "Object Created", "odd'name": 1}}""");

    private static JsonNode read(String path) {
        return JsonPath.parse(path).read(DOC);
    }

    @Test
    void definitePathsReadOneValue() {
        assertThat(read("$.store.books[1].title").textValue()).isEqualTo("B");
        assertThat(read("$.store.books[-1].price").intValue()).isEqualTo(20);
        assertThat(read("$['store']['detail-type']").textValue()).isEqualTo("Object Created");
        assertThat(read("$.store.detail-type").textValue()).isEqualTo("Object Created");
        assertThat(read("$['store']['odd\\'name']").intValue()).isEqualTo(1);
        assertThat(read("$")).isSameAs(DOC);
    }

    @Test
    void indefinitePathsReadAllMatchesAsAnArray() {
        assertThat(read("$.store.books[*].title")).isEqualTo(Json.parse("[\"A\",\"B\",\"C\"]"));
        assertThat(read("$.store.books[0:2].price")).isEqualTo(Json.parse("[8,12]"));
        assertThat(read("$.store.books[?(@.price > 10)].title")).isEqualTo(Json.parse("[\"B\",\"C\"]"));
        assertThat(read("$.store.books[?(@.tags)].title")).isEqualTo(Json.parse("[\"A\",\"C\"]"));
        assertThat(read("$..price")).isEqualTo(Json.parse("[8,12,20]"));
        assertThat(read("$.store.books[0,2].title")).isEqualTo(Json.parse("[\"A\",\"C\"]"));
        assertThat(read("$.nothing[*]")).isEqualTo(Json.parse("[]"));
    }

    @Test
    void missingValuesOfDefinitePathsFailWithJaywaysMessages() {
        assertThatThrownBy(() -> read("$.store.missing")).isInstanceOf(PathNotFoundException.class)
                .hasMessage("No results for path: $['store']['missing']");
        assertThatThrownBy(() -> read("$.missing.deeper")).isInstanceOf(PathNotFoundException.class)
                .hasMessage("Missing property in path $['missing']");
        assertThatThrownBy(() -> read("$.store.books[9]")).isInstanceOf(PathNotFoundException.class)
                .hasMessage("No results for path: $['store']['books'][9]");
    }

    @Test
    void rootsAreTheInputTheContextOrAVariable() {
        assertThat(JsonPath.parse("$$.Execution.Id").root()).isEqualTo(JsonPath.Root.CONTEXT);
        JsonPath variable = JsonPath.parse("$order.lines[0]");
        assertThat(variable.root()).isEqualTo(JsonPath.Root.VARIABLE);
        assertThat(variable.variable()).isEqualTo("order");
        assertThat(variable.normalized()).isEqualTo("$['lines'][0]");
        assertThat(JsonPath.parse("$.a[0].b").isReferencePath()).isTrue();
        assertThat(JsonPath.parse("$.a[*]").isReferencePath()).isFalse();
    }

    @Test
    void invalidPathsAreRejected() {
        for (String invalid : new String[] {"$.", "$[", "$.a[?(@.x ==)]", "store", "$.a[x]"}) {
            assertThatThrownBy(() -> JsonPath.parse(invalid)).as(invalid).isInstanceOf(JsonPathSyntaxException.class);
        }
    }
}
