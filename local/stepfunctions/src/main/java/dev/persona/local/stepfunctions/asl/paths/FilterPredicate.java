package dev.persona.local.stepfunctions.asl.paths;

import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.asl.Json;

/** The condition of a JSONPath filter {@code [?(...)]}, tested against each candidate element. */
sealed interface FilterPredicate {

    boolean test(JsonNode current, JsonNode documentRoot);

    static FilterPredicate parse(String expression) {
        return new FilterParser(expression).parse();
    }

    record And(FilterPredicate left, FilterPredicate right) implements FilterPredicate {
        @Override
        public boolean test(JsonNode current, JsonNode documentRoot) {
            return left.test(current, documentRoot) && right.test(current, documentRoot);
        }
    }

    record Or(FilterPredicate left, FilterPredicate right) implements FilterPredicate {
        @Override
        public boolean test(JsonNode current, JsonNode documentRoot) {
            return left.test(current, documentRoot) || right.test(current, documentRoot);
        }
    }

    record Not(FilterPredicate operand) implements FilterPredicate {
        @Override
        public boolean test(JsonNode current, JsonNode documentRoot) {
            return !operand.test(current, documentRoot);
        }
    }

    /** {@code @.name}: the path exists. */
    record Exists(Operand operand) implements FilterPredicate {
        @Override
        public boolean test(JsonNode current, JsonNode documentRoot) {
            return operand.value(current, documentRoot).isPresent();
        }
    }

    record Comparison(Operand left, String operator, Operand right) implements FilterPredicate {
        @Override
        public boolean test(JsonNode current, JsonNode documentRoot) {
            Optional<JsonNode> a = left.value(current, documentRoot);
            Optional<JsonNode> b = right.value(current, documentRoot);
            if (operator.equals("=~")) {
                return a.isPresent() && a.get().isTextual() && right instanceof Operand.Regex regex
                        && regex.pattern().matcher(a.get().textValue()).matches();
            }
            if (a.isEmpty() || b.isEmpty()) {
                return operator.equals("!=");
            }
            JsonNode x = a.get();
            JsonNode y = b.get();
            return switch (operator) {
                case "==" -> Json.equivalent(x, y);
                case "!=" -> !Json.equivalent(x, y);
                default -> ordered(x, y);
            };
        }

        private boolean ordered(JsonNode x, JsonNode y) {
            int order;
            if (x.isNumber() && y.isNumber()) {
                order = x.decimalValue().compareTo(y.decimalValue());
            } else if (x.isTextual() && y.isTextual()) {
                order = x.textValue().compareTo(y.textValue());
            } else {
                return false;
            }
            return switch (operator) {
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case ">" -> order > 0;
                case ">=" -> order >= 0;
                default -> false;
            };
        }
    }

    /** A value in a filter: a path relative to the candidate ({@code @}) or the document ({@code $}), or a literal. */
    sealed interface Operand {
        Optional<JsonNode> value(JsonNode current, JsonNode documentRoot);

        record Path(JsonPath path) implements Operand {
            @Override
            public Optional<JsonNode> value(JsonNode current, JsonNode documentRoot) {
                return path.find(path.root() == JsonPath.Root.CURRENT ? current : documentRoot);
            }
        }

        record Literal(JsonNode literal) implements Operand {
            @Override
            public Optional<JsonNode> value(JsonNode current, JsonNode documentRoot) {
                return Optional.of(literal);
            }
        }

        record Regex(Pattern pattern) implements Operand {
            @Override
            public Optional<JsonNode> value(JsonNode current, JsonNode documentRoot) {
                return Optional.of(Json.NODES.textNode(pattern.pattern()));
            }
        }
    }
}
