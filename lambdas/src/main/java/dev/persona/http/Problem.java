package dev.persona.http;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document ({@code application/problem+json}), with the API's extension members
 * {@code code}, {@code requestId} and, for validation failures, {@code errors}.
 */
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String code,
        String requestId,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldError> errors) {

    public static Problem of(ErrorCode code, String detail, List<FieldError> errors, String requestId) {
        return new Problem(code.type(), code.title(), code.status(), detail, code.name(), requestId,
                List.copyOf(errors));
    }
}
