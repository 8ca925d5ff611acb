package dev.persona.local.iam;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An IAM identity or session policy, parsed and evaluated as IAM does for one request: a matching {@code Deny}
 * statement wins, else a matching {@code Allow} allows, else the request is implicitly denied.
 *
 * <p>Statements: {@code Effect}, {@code Action} or {@code NotAction}, {@code Resource} or {@code NotResource} (a
 * string or a list of strings, with the {@code *} and {@code ?} wildcards; actions match without regard to case,
 * resources exactly), {@code Sid} and {@code Condition}. A {@code Principal} is refused, as IAM refuses it in an
 * identity or session policy.
 *
 * <p>{@code Condition} blocks are evaluated as the IAM policy reference describes them: every operator of a block
 * and every key of an operator must hold (AND), any value of a key may match (OR), keys are matched without regard
 * to case. The operators are the string, ARN, {@code Bool} and {@code Null} ones, with the {@code IfExists}
 * suffix; for a key the request does not carry, a positive operator is false and a negated one
 * ({@code StringNotEquals}…) true, and {@code …IfExists} is true either way. Operators it cannot decide exactly
 * (numeric, date, IP address, binary, the set operators {@code ForAnyValue:}/{@code ForAllValues:}) and policy
 * variables are refused: accepting a policy this evaluator would then decide wrongly is worse than refusing it.
 */
public final class IamPolicy {

    static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> DOCUMENT_KEYS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_KEYS = Set.of("Sid", "Effect", "Action", "NotAction", "Resource",
            "NotResource", "Principal", "NotPrincipal", "Condition");

    /** No statement at all: what a role without policies has, which allows nothing. */
    public static final IamPolicy NONE = new IamPolicy(List.of());

    private final List<Statement> statements;

    private IamPolicy(List<Statement> statements) {
        this.statements = List.copyOf(statements);
    }

    /** What a policy says about one request. */
    public enum Decision {
        /** A statement allows it and none denies it. */
        ALLOW,
        /** A statement denies it explicitly: nothing else can allow it. */
        DENY,
        /** No statement applies: denied unless another policy allows it. */
        NOT_APPLICABLE
    }

    /**
     * Parses a policy document.
     *
     * @throws MalformedPolicyException when it is not a policy this evaluator can decide exactly
     */
    public static IamPolicy parse(String document) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw new MalformedPolicyException("Syntax errors in policy.");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPolicyException("Syntax errors in policy.");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!DOCUMENT_KEYS.contains(name)) {
                throw new MalformedPolicyException("Policy document contains an unknown element: " + name);
            }
        }
        JsonNode version = root.get("Version");
        if (version != null && !(version.isTextual() && VERSIONS.contains(version.asText()))) {
            throw new MalformedPolicyException("The policy language version is not supported: " + version);
        }
        JsonNode statement = root.get("Statement");
        if (statement == null || (statement.isArray() && statement.isEmpty())) {
            throw new MalformedPolicyException("Policy document must contain at least one Statement.");
        }
        List<Statement> statements = new ArrayList<>();
        if (statement.isArray()) {
            statement.forEach(each -> statements.add(statement(each)));
        } else {
            statements.add(statement(statement));
        }
        return new IamPolicy(statements);
    }

    /** IAM's decision for {@code action} on the resource ARN, for a request carrying no condition keys. */
    public Decision evaluate(String action, String resource) {
        return evaluate(action, resource, RequestContext.EMPTY);
    }

    /** IAM's decision for {@code action} (for example {@code s3:PutObject}) on the resource ARN. */
    public Decision evaluate(String action, String resource, RequestContext context) {
        boolean allowed = false;
        for (Statement statement : statements) {
            if (statement.applies(action, resource, context)) {
                if (!statement.allow()) {
                    return Decision.DENY;
                }
                allowed = true;
            }
        }
        return allowed ? Decision.ALLOW : Decision.NOT_APPLICABLE;
    }

    private static Statement statement(JsonNode node) {
        if (!node.isObject()) {
            throw new MalformedPolicyException("Each Statement must be an object.");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            String name = fields.next().getKey();
            if (!STATEMENT_KEYS.contains(name)) {
                throw new MalformedPolicyException("Statement contains an unknown element: " + name);
            }
        }
        if (node.has("Principal") || node.has("NotPrincipal")) {
            throw new MalformedPolicyException("Policy document should not specify a principal.");
        }
        if (node.has("Sid") && !node.get("Sid").isTextual()) {
            throw new MalformedPolicyException("Sid must be a string.");
        }
        JsonNode effect = node.get("Effect");
        if (effect == null || !effect.isTextual() || !(effect.asText().equals("Allow")
                || effect.asText().equals("Deny"))) {
            throw new MalformedPolicyException("Effect must be Allow or Deny.");
        }
        Patterns actions = patterns(node, "Action", "NotAction", true);
        Patterns resources = patterns(node, "Resource", "NotResource", false);
        List<ConditionTest> conditions = node.has("Condition") ? conditions(node.get("Condition")) : List.of();
        return new Statement(effect.asText().equals("Allow"), actions, resources, conditions);
    }

    /** Exactly one of {@code element} and {@code notElement}: a string or a non-empty list of strings. */
    private static Patterns patterns(JsonNode statement, String element, String notElement, boolean areActions) {
        JsonNode positive = statement.get(element);
        JsonNode negative = statement.get(notElement);
        if ((positive == null) == (negative == null)) {
            throw new MalformedPolicyException("Statement must contain exactly one of " + element + " and "
                    + notElement + ".");
        }
        JsonNode values = positive != null ? positive : negative;
        String name = positive != null ? element : notElement;
        List<String> patterns = strings(name, values);
        for (String pattern : patterns) {
            validate(name, pattern, areActions);
        }
        return new Patterns(patterns, negative != null, areActions);
    }

    private static List<String> strings(String name, JsonNode values) {
        List<String> strings = new ArrayList<>();
        if (values.isTextual()) {
            strings.add(values.asText());
        } else if (values.isArray() && !values.isEmpty()) {
            for (JsonNode value : values) {
                if (!value.isTextual()) {
                    throw new MalformedPolicyException(name + " must hold strings only.");
                }
                strings.add(value.asText());
            }
        } else {
            throw new MalformedPolicyException(name + " must be a string or a non-empty list of strings.");
        }
        return strings;
    }

    private static void validate(String element, String pattern, boolean isAction) {
        if (pattern.equals("*")) {
            return;
        }
        if (isAction && !pattern.matches("[A-Za-z0-9-]+:[A-Za-z0-9*?]+")) {
            throw new MalformedPolicyException(element + " " + pattern + " is not service:action.");
        }
        if (!isAction && !pattern.startsWith("arn:")) {
            throw new MalformedPolicyException(element + " " + pattern + " is not an ARN.");
        }
        rejectVariables(pattern);
    }

    private static void rejectVariables(String value) {
        if (value.contains("${")) {
            throw new MalformedPolicyException("The local evaluator does not substitute policy variables: " + value);
        }
    }

    private static List<ConditionTest> conditions(JsonNode block) {
        if (!block.isObject() || block.isEmpty()) {
            throw new MalformedPolicyException("Condition must be an object of operators.");
        }
        List<ConditionTest> tests = new ArrayList<>();
        block.fields().forEachRemaining(operator -> {
            ConditionOperator parsed = ConditionOperator.parse(operator.getKey());
            JsonNode keys = operator.getValue();
            if (!keys.isObject() || keys.isEmpty()) {
                throw new MalformedPolicyException("Condition operator " + operator.getKey()
                        + " must map condition keys to values.");
            }
            keys.fields().forEachRemaining(key -> {
                List<String> values = strings(key.getKey(), key.getValue().isBoolean()
                        ? JSON.getNodeFactory().textNode(key.getValue().asText()) : key.getValue());
                values.forEach(IamPolicy::rejectVariables);
                tests.add(new ConditionTest(parsed, key.getKey().toLowerCase(Locale.ROOT), values));
            });
        });
        return tests;
    }

    private record Statement(boolean allow, Patterns actions, Patterns resources, List<ConditionTest> conditions) {

        boolean applies(String action, String resource, RequestContext context) {
            if (!actions.matches(action) || !resources.matches(resource)) {
                return false;
            }
            for (ConditionTest condition : conditions) {
                if (!condition.holds(context)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One key of one operator: true when the request's value of the key satisfies the operator for a value. */
    private record ConditionTest(ConditionOperator operator, String key, List<String> values) {

        boolean holds(RequestContext context) {
            String actual = context.value(key);
            if (operator.kind() == ConditionOperator.Kind.NULL) {
                boolean wantsAbsent = values.stream().anyMatch(value -> value.equalsIgnoreCase("true"));
                boolean wantsPresent = values.stream().anyMatch(value -> value.equalsIgnoreCase("false"));
                return actual == null ? wantsAbsent : wantsPresent;
            }
            if (actual == null) {
                return operator.ifExists() || operator.negated();
            }
            boolean anyMatches = values.stream().anyMatch(value -> operator.matches(value, actual));
            return operator.negated() != anyMatches;
        }
    }

    /** The values of {@code Action}/{@code Resource}, or of their negation ({@code NotAction}…). */
    private record Patterns(List<String> patterns, boolean negated, boolean ignoreCase) {

        boolean matches(String value) {
            boolean any = false;
            for (String pattern : patterns) {
                if (ignoreCase ? Wildcards.matches(pattern.toLowerCase(Locale.ROOT), value.toLowerCase(Locale.ROOT))
                        : Wildcards.matches(pattern, value)) {
                    any = true;
                    break;
                }
            }
            return any != negated;
        }
    }
}
