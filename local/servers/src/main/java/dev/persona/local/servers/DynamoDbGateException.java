package dev.persona.local.servers;

/**
 * A DynamoDB error a {@link DynamoDbRequestGate} answers with, rendered as the AWS JSON 1.0 protocol renders
 * errors: the status, and a body {@code {"__type": "…#Code", "Message": "…"}}.
 */
public final class DynamoDbGateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;

    /**
     * @param type the full error type, such as {@code com.amazon.coral.service#AccessDeniedException}
     */
    public DynamoDbGateException(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }
}
