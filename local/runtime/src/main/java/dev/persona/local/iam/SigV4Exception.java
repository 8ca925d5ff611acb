package dev.persona.local.iam;

/**
 * A request whose Signature Version 4 does not hold: each service reports it in its own protocol, with this
 * status, code and message.
 */
public final class SigV4Exception extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    SigV4Exception(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
