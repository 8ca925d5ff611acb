package dev.persona.local.iam;

/** A policy document IAM would refuse, or one this local evaluator cannot decide exactly. */
public final class MalformedPolicyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public MalformedPolicyException(String message) {
        super(message);
    }
}
