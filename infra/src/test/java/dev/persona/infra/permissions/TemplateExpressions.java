package dev.persona.infra.permissions;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Evaluates the CloudFormation intrinsics CDK writes into IAM statements to symbolic strings: a reference to a
 * resource becomes {@code {Ref:LogicalId}} or {@code {LogicalId.Attribute}}, a pseudo parameter
 * {@code ${AWS::Region}}, an import the value its exporting stack gives it. {@link SymbolicResourceNames} names
 * the model's resources the same way, so the two sides compare as strings.
 */
final class TemplateExpressions {

    /** Export name to the stack template and the expression it exports. */
    private final Map<String, Exported> exports = new HashMap<>();

    private record Exported(JsonNode template, JsonNode value) {
    }

    TemplateExpressions(Iterable<JsonNode> templates) {
        for (JsonNode template : templates) {
            template.path("Outputs").properties().forEach(output -> {
                JsonNode name = output.getValue().at("/Export/Name");
                if (name.isTextual()) {
                    exports.put(name.asText(), new Exported(template, output.getValue().path("Value")));
                }
            });
        }
    }

    String evaluate(JsonNode expression) {
        if (expression.isTextual()) {
            return expression.asText();
        }
        if (expression.has("Ref")) {
            String name = expression.path("Ref").asText();
            return name.startsWith("AWS::") ? "${" + name + "}" : "{Ref:" + name + "}";
        }
        if (expression.has("Fn::GetAtt")) {
            JsonNode getAtt = expression.path("Fn::GetAtt");
            return "{" + getAtt.path(0).asText() + "." + getAtt.path(1).asText() + "}";
        }
        if (expression.has("Fn::ImportValue")) {
            String name = evaluate(expression.path("Fn::ImportValue"));
            Exported exported = exports.get(name);
            if (exported == null) {
                throw new AssertionError("no stack exports " + name);
            }
            return evaluate(exported.value());
        }
        if (expression.has("Fn::Join")) {
            StringBuilder joined = new StringBuilder();
            String separator = expression.at("/Fn::Join/0").asText();
            JsonNode parts = expression.at("/Fn::Join/1");
            for (int i = 0; i < parts.size(); i++) {
                if (i > 0) {
                    joined.append(separator);
                }
                joined.append(evaluate(parts.get(i)));
            }
            return joined.toString();
        }
        throw new AssertionError("an intrinsic this comparison does not evaluate: " + expression);
    }
}
