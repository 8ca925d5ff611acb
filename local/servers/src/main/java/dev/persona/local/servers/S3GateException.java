package dev.persona.local.servers;

/** An S3 error a {@link S3RequestGate} answers a request with, rendered as S3's XML error document. */
public final class S3GateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public S3GateException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static S3GateException accessDenied(String message) {
        return new S3GateException(403, "AccessDenied", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
