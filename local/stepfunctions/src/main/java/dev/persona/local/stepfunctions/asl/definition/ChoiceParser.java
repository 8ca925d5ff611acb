package dev.persona.local.stepfunctions.asl.definition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.QueryLanguage;
import dev.persona.local.stepfunctions.asl.jsonata.JsonataTemplate;
import dev.persona.local.stepfunctions.asl.paths.JsonPath;
import dev.persona.local.stepfunctions.asl.states.Assignment;
import dev.persona.local.stepfunctions.asl.states.ChoiceRule;
import dev.persona.local.stepfunctions.asl.states.ChoiceState;
import dev.persona.local.stepfunctions.asl.states.ComparisonOperator;
import dev.persona.local.stepfunctions.asl.states.Condition;
import dev.persona.local.stepfunctions.asl.states.State;

/** Choice states: rules with JSONPath comparisons (And, Or, Not nested) or a JSONata Condition, and a Default. */
final class ChoiceParser {

    private final Expressions expressions;
    private final Problems problems;

    ChoiceParser(Expressions expressions) {
        this.expressions = expressions;
        this.problems = expressions.problems();
    }

    ChoiceState parse(Fields fields, State.Header header, QueryLanguage language) {
        ArrayNode choicesNode = fields.array("Choices");
        List<ChoiceRule> rules = new ArrayList<>();
        if (choicesNode == null) {
            if (!fields.has("Choices")) {
                problems.schema("These fields are required: [Choices]", fields.pointer);
            }
        } else {
            if (choicesNode.isEmpty()) {
                problems.schema("Choices must not be empty", fields.pointer("Choices"));
            }
            for (int i = 0; i < choicesNode.size(); i++) {
                ChoiceRule rule = rule(choicesNode.get(i), fields.pointer("Choices") + "/" + i, language);
                if (rule != null) {
                    rules.add(rule);
                }
            }
        }
        return new ChoiceState(header, rules, fields.string("Default"));
    }

    private ChoiceRule rule(JsonNode node, String pointer, QueryLanguage language) {
        if (!node.isObject()) {
            problems.schema("A choice rule must be a JSON object", pointer);
            return null;
        }
        Fields fields = new Fields((ObjectNode) node, pointer, problems);
        String next = fields.requiredString("Next");
        Assignment assign = expressions.assignment(fields, "Assign", language);
        if (language == QueryLanguage.JSONATA) {
            fields.allowOnly(Set.of("Condition", "Next", "Assign", "Output", "Comment"));
            JsonataTemplate output = expressions.optionalJsonata(fields, "Output");
            if (!fields.has("Condition")) {
                problems.schema("These fields are required: [Condition]", pointer);
                return null;
            }
            JsonNode condition = fields.get("Condition");
            if (!condition.isBoolean() && !JsonataTemplate.isExpression(condition)) {
                problems.schema("Condition must be a boolean or a JSONata expression", fields.pointer("Condition"));
            }
            return new ChoiceRule(new Condition.Jsonata(expressions.jsonata(fields, "Condition")), next, assign,
                    output);
        }
        Condition condition = condition(fields, true);
        return condition == null ? null : new ChoiceRule(condition, next, assign, null);
    }

    private Condition condition(Fields fields, boolean topLevel) {
        Set<String> allowed = new HashSet<>(Set.of("Variable", "And", "Or", "Not", "Comment"));
        if (topLevel) {
            allowed.addAll(Set.of("Next", "Assign"));
        }
        List<String> operators = new ArrayList<>();
        for (String field : fields.names()) {
            if (ComparisonOperator.fromField(field).isPresent()) {
                operators.add(field);
            } else if (!allowed.contains(field)) {
                problems.schema("Field '" + field + "' is not supported in a choice rule", fields.pointer(field));
            }
        }
        fields.string("Comment");
        if (fields.has("And") || fields.has("Or")) {
            String name = fields.has("And") ? "And" : "Or";
            ArrayNode operands = fields.array(name);
            List<Condition> conditions = new ArrayList<>();
            if (operands != null) {
                if (operands.isEmpty()) {
                    problems.schema(name + " must not be empty", fields.pointer(name));
                }
                for (int i = 0; i < operands.size(); i++) {
                    Condition operand = nested(operands.get(i), fields.pointer(name) + "/" + i);
                    if (operand != null) {
                        conditions.add(operand);
                    }
                }
            }
            return name.equals("And") ? new Condition.And(conditions) : new Condition.Or(conditions);
        }
        if (fields.has("Not")) {
            Condition operand = nested(fields.get("Not"), fields.pointer("Not"));
            return operand == null ? null : new Condition.Not(operand);
        }
        if (operators.size() != 1) {
            problems.schema(operators.isEmpty() ? "A choice rule needs a comparison operator, And, Or or Not"
                    : "A choice rule must have exactly one comparison operator: " + operators, fields.pointer);
            return null;
        }
        JsonPath variable = fields.has("Variable") ? expressions.path(fields, "Variable") : null;
        if (!fields.has("Variable")) {
            problems.schema("These fields are required: [Variable]", fields.pointer);
        }
        String field = operators.getFirst();
        ComparisonOperator.Named named = ComparisonOperator.fromField(field).orElseThrow();
        if (named.path()) {
            JsonPath expectedPath = expressions.path(fields, field);
            return variable == null || expectedPath == null ? null
                    : new Condition.Comparison(variable, named.operator(), null, expectedPath);
        }
        JsonNode expected = fields.get(field);
        if (!named.operator().acceptsLiteral(expected)) {
            problems.schema("The value of " + field + " has the wrong type: " + Json.write(expected),
                    fields.pointer(field));
            return null;
        }
        return variable == null ? null : new Condition.Comparison(variable, named.operator(), expected, null);
    }

    private Condition nested(JsonNode node, String pointer) {
        if (!node.isObject()) {
            problems.schema("A choice rule must be a JSON object", pointer);
            return null;
        }
        return condition(new Fields((ObjectNode) node, pointer, problems), false);
    }
}
