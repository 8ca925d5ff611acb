package dev.persona.http;

import dev.persona.contracts.GatewayResponses;

/**
 * Every error the API answers with: the HTTP status, a short title and a detail safe to show a user.
 * Codes shared with {@link GatewayResponses} have the same status and title there, so a client cannot
 * tell whether the gateway or a handler refused a request.
 */
public enum ErrorCode {
    BAD_REQUEST(400, "Bad Request", "The request could not be accepted."),
    VALIDATION_FAILED(400, "Validation Failed", "One or more fields are invalid: see errors."),
    INVALID_CURSOR(400, "Invalid Cursor", "The cursor is not valid for this listing: start again without it."),
    UNAUTHORIZED(401, "Unauthorized", "Sign in again: a valid bearer token is required."),
    QUOTA_EXCEEDED(403, "Quota Exceeded",
            "This would exceed what one account may keep: delete files, or wait for next month's uploads."),
    NOT_FOUND(404, "Not Found", "No such resource."),
    CONFLICT(409, "Conflict", "The resource already exists."),
    PRECONDITION_FAILED(412, "Precondition Failed",
            "The resource changed since its ETag was read: read it again, then retry."),
    CONTENT_TOO_LARGE(413, "Content Too Large", "The request body is too large."),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported Media Type", "Send the request body as application/json."),
    PRECONDITION_REQUIRED(428, "Precondition Required",
            "Send If-Match with the ETag of the version you read, so that no one else's change is lost."),
    INTERNAL_ERROR(500, "Internal Server Error", "Something went wrong on our side. Please retry later."),
    SERVICE_UNAVAILABLE(503, "Service Unavailable", "The service is busy. Retry after a short wait.");

    private final int status;
    private final String title;
    private final String detail;

    ErrorCode(int status, String title, String detail) {
        this.status = status;
        this.title = title;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The default detail, used when the error carries no more specific one. */
    public String detail() {
        return detail;
    }

    /** The problem {@code type} URI, built the same way as the gateway's. */
    public String type() {
        return GatewayResponses.problemType(name());
    }
}
