package dev.persona.local.iam;

import java.util.Locale;

/**
 * An IAM condition operator the local evaluator decides exactly: its comparison, whether it is negated, and
 * whether it carries the {@code IfExists} suffix.
 */
record ConditionOperator(String name, Kind kind, boolean negated, boolean ifExists) {

    enum Kind { STRING_EQUALS, STRING_EQUALS_IGNORE_CASE, STRING_LIKE, ARN_EQUALS, ARN_LIKE, BOOL, NULL }

    static ConditionOperator parse(String name) {
        if (name.startsWith("ForAnyValue:") || name.startsWith("ForAllValues:")) {
            throw new MalformedPolicyException("The local evaluator does not decide the set operator " + name
                    + " exactly, so it refuses the policy.");
        }
        boolean ifExists = name.endsWith("IfExists");
        String base = ifExists ? name.substring(0, name.length() - "IfExists".length()) : name;
        ConditionOperator operator = switch (base) {
            case "StringEquals" -> new ConditionOperator(name, Kind.STRING_EQUALS, false, ifExists);
            case "StringNotEquals" -> new ConditionOperator(name, Kind.STRING_EQUALS, true, ifExists);
            case "StringEqualsIgnoreCase" -> new ConditionOperator(name, Kind.STRING_EQUALS_IGNORE_CASE, false, ifExists);
            case "StringNotEqualsIgnoreCase" ->
                    new ConditionOperator(name, Kind.STRING_EQUALS_IGNORE_CASE, true, ifExists);
            case "StringLike" -> new ConditionOperator(name, Kind.STRING_LIKE, false, ifExists);
            case "StringNotLike" -> new ConditionOperator(name, Kind.STRING_LIKE, true, ifExists);
            case "ArnEquals" -> new ConditionOperator(name, Kind.ARN_EQUALS, false, ifExists);
            case "ArnNotEquals" -> new ConditionOperator(name, Kind.ARN_EQUALS, true, ifExists);
            case "ArnLike" -> new ConditionOperator(name, Kind.ARN_LIKE, false, ifExists);
            case "ArnNotLike" -> new ConditionOperator(name, Kind.ARN_LIKE, true, ifExists);
            case "Bool" -> new ConditionOperator(name, Kind.BOOL, false, ifExists);
            case "Null" -> ifExists ? null : new ConditionOperator(name, Kind.NULL, false, false);
            default -> null;
        };
        if (operator == null) {
            throw new MalformedPolicyException("The local evaluator does not decide the condition operator " + name
                    + " exactly, so it refuses the policy.");
        }
        return operator;
    }

    /** Whether the request's value satisfies the (non-negated) comparison with one policy value. */
    boolean matches(String policyValue, String actual) {
        return switch (kind) {
            case STRING_EQUALS -> policyValue.equals(actual);
            case STRING_EQUALS_IGNORE_CASE -> policyValue.equalsIgnoreCase(actual);
            case STRING_LIKE -> Wildcards.matches(policyValue, actual);
            case ARN_EQUALS, ARN_LIKE -> arnMatches(policyValue, actual);
            case BOOL -> policyValue.toLowerCase(Locale.ROOT).equals(actual.toLowerCase(Locale.ROOT));
            case NULL -> throw new IllegalStateException("Null is decided by presence");
        };
    }

    /**
     * ARN operators compare the six colon-separated parts one by one, each with the {@code *} and {@code ?}
     * wildcards; the resource part may itself hold colons.
     */
    private static boolean arnMatches(String pattern, String arn) {
        String[] expected = pattern.split(":", 6);
        String[] actual = arn.split(":", 6);
        if (expected.length != 6 || actual.length != 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (!Wildcards.matches(expected[i], actual[i])) {
                return false;
            }
        }
        return true;
    }
}
