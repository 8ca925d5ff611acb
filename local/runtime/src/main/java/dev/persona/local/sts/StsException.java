package dev.persona.local.sts;

/** An STS error as the Query protocol reports it: an HTTP status, a code and a message. */
final class StsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    StsException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static StsException validation(String message) {
        return new StsException(400, "ValidationError", message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** {@code Sender} for the caller's mistakes (4xx), {@code Receiver} for the service's. */
    String type() {
        return status < 500 ? "Sender" : "Receiver";
    }
}
