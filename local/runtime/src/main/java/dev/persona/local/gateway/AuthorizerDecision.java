package dev.persona.local.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a Lambda authorizer answered: a principal, an IAM policy and a context. API Gateway caches the answer
 * and evaluates its policy against each request's method ARN, so one answer can allow some routes and not
 * others: an explicit Deny wins, otherwise an Allow must match, otherwise the request is denied.
 */
final class AuthorizerDecision {

    private static final String INVOKE = "execute-api:Invoke";

    private final String principalId;
    private final List<Statement> statements;
    private final Map<String, JsonNode> context;

    private AuthorizerDecision(String principalId, List<Statement> statements, Map<String, JsonNode> context) {
        this.principalId = principalId;
        this.statements = statements;
        this.context = context;
    }

    /**
     * Reads an authorizer's output, or throws {@link IllegalArgumentException} where API Gateway would answer
     * with an authorizer configuration error: no principal, no policy, or a context value that is an object or
     * an array (only strings, numbers and booleans can be passed on).
     */
    static AuthorizerDecision parse(JsonNode output) {
        if (output == null || !output.isObject()) {
            throw new IllegalArgumentException("the authorizer's response is not a JSON object");
        }
        JsonNode principal = output.get("principalId");
        if (principal == null || !principal.isTextual()) {
            throw new IllegalArgumentException("the authorizer's response has no principalId");
        }
        JsonNode document = output.get("policyDocument");
        if (document == null || !document.isObject()) {
            throw new IllegalArgumentException("the authorizer's response has no policyDocument");
        }
        List<Statement> statements = new ArrayList<>();
        for (JsonNode statement : oneOrMany(document.get("Statement"))) {
            statements.add(Statement.parse(statement));
        }
        Map<String, JsonNode> context = new LinkedHashMap<>();
        JsonNode contextNode = output.get("context");
        if (contextNode != null && !contextNode.isNull()) {
            if (!contextNode.isObject()) {
                throw new IllegalArgumentException("the authorizer's context is not an object");
            }
            for (Map.Entry<String, JsonNode> entry : contextNode.properties()) {
                JsonNode value = entry.getValue();
                if (value.isContainerNode()) {
                    throw new IllegalArgumentException("the authorizer's context value " + entry.getKey()
                            + " is not a string, number or boolean");
                }
                if (!value.isNull()) {
                    context.put(entry.getKey(), value);
                }
            }
        }
        return new AuthorizerDecision(principal.textValue(), List.copyOf(statements), context);
    }

    /** True when the policy allows invoking {@code methodArn}. */
    boolean allows(String methodArn) {
        boolean allowed = false;
        for (Statement statement : statements) {
            if (statement.covers(methodArn)) {
                if (statement.deny()) {
                    return false;
                }
                allowed = true;
            }
        }
        return allowed;
    }

    /**
     * {@code requestContext.authorizer} of the handler's event: the context with every value as a string, the
     * principal id and how long the authorizer call took (0 when the decision came from the cache).
     */
    ObjectNode handlerContext(long integrationLatencyMillis) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        context.forEach((name, value) -> node.put(name, value.asText()));
        node.put("principalId", principalId);
        node.put("integrationLatency", integrationLatencyMillis);
        return node;
    }

    private static List<JsonNode> oneOrMany(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(items::add);
            return items;
        }
        return List.of(node);
    }

    /** One policy statement: Allow or Deny, for actions and resources with {@code *} and {@code ?} wildcards. */
    private record Statement(boolean deny, List<Pattern> actions, List<Pattern> resources) {

        static Statement parse(JsonNode statement) {
            String effect = statement.path("Effect").asText("");
            if (!effect.equalsIgnoreCase("Allow") && !effect.equalsIgnoreCase("Deny")) {
                throw new IllegalArgumentException("a policy statement's Effect is neither Allow nor Deny: " + effect);
            }
            return new Statement(effect.equalsIgnoreCase("Deny"),
                    patterns(statement.get("Action"), Pattern.CASE_INSENSITIVE),
                    patterns(statement.get("Resource"), 0));
        }

        /** IAM action names are case-insensitive; resource ARNs are not. */
        private static List<Pattern> patterns(JsonNode values, int flags) {
            List<Pattern> patterns = new ArrayList<>();
            for (JsonNode value : oneOrMany(values)) {
                patterns.add(wildcard(value.asText(), flags));
            }
            return patterns;
        }

        boolean covers(String methodArn) {
            return actions.stream().anyMatch(action -> action.matcher(INVOKE).matches())
                    && resources.stream().anyMatch(resource -> resource.matcher(methodArn).matches());
        }

        private static Pattern wildcard(String glob, int flags) {
            StringBuilder regex = new StringBuilder();
            for (String part : glob.split("(?=[*?])|(?<=[*?])")) {
                switch (part) {
                    case "*" -> regex.append(".*");
                    case "?" -> regex.append('.');
                    default -> regex.append(Pattern.quote(part));
                }
            }
            return Pattern.compile(regex.toString(), flags | Pattern.DOTALL);
        }
    }
}
