package dev.persona.local.iam;

/**
 * IAM denied a request: the message says who, what, on which resource and why, in the words AWS services use
 * ({@code User: … is not authorized to perform: … on resource: … because no identity-based policy allows the …
 * action}). Each service reports it in its own protocol.
 */
public final class AccessDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String action;
    private final String resource;

    AccessDeniedException(String message, String action, String resource) {
        super(message, null, false, false);
        this.action = action;
        this.resource = resource;
    }

    public String action() {
        return action;
    }

    public String resource() {
        return resource;
    }
}
