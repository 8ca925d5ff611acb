package dev.persona.http;

import java.util.List;
import java.util.Objects;

/**
 * An expected failure the client can act on: carries the {@link ErrorCode}, an optional more specific
 * detail (always safe to show) and, for validation failures, the invalid fields.
 */
public final class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldError> fieldErrors;

    public ApiException(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }

    public ApiException(ErrorCode code) {
        this(code, code.detail(), List.of());
    }

    private ApiException(ErrorCode code, String detail, List<FieldError> fieldErrors) {
        // No stack trace: these are answers, not faults, and are never logged with one.
        super(Objects.requireNonNull(detail), null, false, false);
        this.code = Objects.requireNonNull(code);
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    /** A 400 listing every invalid field. */
    public static ApiException invalidFields(List<FieldError> errors) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, ErrorCode.VALIDATION_FAILED.detail(), errors);
    }

    /** A method and resource the handler does not serve: answered like the gateway's missing route. */
    public static ApiException noSuchRoute() {
        return new ApiException(ErrorCode.NOT_FOUND, "No such route.");
    }

    public static ApiException invalidField(String field, String message) {
        return invalidFields(List.of(new FieldError(field, message)));
    }

    public ErrorCode code() {
        return code;
    }

    /** The detail shown to the client. */
    public String detail() {
        return getMessage();
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }
}
