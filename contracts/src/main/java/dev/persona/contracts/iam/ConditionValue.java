package dev.persona.contracts.iam;

/** A value of a {@link Condition}: a literal, or one that depends on where the stack runs. */
public sealed interface ConditionValue {

    static ConditionValue literal(String value) {
        return new Literal(value);
    }

    /** {@code {service}.{region}.amazonaws.com}, the form of {@code kms:ViaService}. */
    static ConditionValue serviceEndpoint(String service) {
        return new ServiceEndpoint(service);
    }

    record Literal(String value) implements ConditionValue {
    }

    record ServiceEndpoint(String service) implements ConditionValue {
    }
}
