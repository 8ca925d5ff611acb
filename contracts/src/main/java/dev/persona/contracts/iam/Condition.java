package dev.persona.contracts.iam;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One condition of a permission: an IAM condition operator applied to a condition key, true when the
 * request's value matches any of the values.
 *
 * @param operator {@code StringEquals} or {@code StringLike}: the operators the model uses, and the ones the
 *                 local evaluator decides (it refuses a policy with any other)
 * @param key      the condition key, such as {@code s3:prefix} or {@code kms:ViaService}
 * @param values   the values, at least one
 */
public record Condition(String operator, String key, List<ConditionValue> values) {

    public static final Set<String> OPERATORS = Set.of("StringEquals", "StringLike");

    public Condition {
        if (!OPERATORS.contains(operator)) {
            throw new IllegalArgumentException("the model uses only " + OPERATORS + ", not " + operator);
        }
        Objects.requireNonNull(key, "key");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a condition needs a value: " + key);
        }
    }

    /** {@code StringLike} on {@code s3:prefix}: listings only below these prefixes. */
    public static Condition listingPrefixes(List<String> prefixes) {
        return new Condition("StringLike", "s3:prefix",
                prefixes.stream().map(prefix -> ConditionValue.literal(prefix + "*")).toList());
    }

    /** {@code StringEquals} on {@code kms:ViaService}: the key only through this AWS service. */
    public static Condition viaService(String service) {
        return new Condition("StringEquals", "kms:ViaService", List.of(ConditionValue.serviceEndpoint(service)));
    }
}
