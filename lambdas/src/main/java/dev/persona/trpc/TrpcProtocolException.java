package dev.persona.trpc;

import java.util.Objects;

import dev.persona.contracts.TrpcErrorCode;

/** A request the tRPC protocol refuses before any service is called, with tRPC's code for it. */
final class TrpcProtocolException extends RuntimeException {

    private final TrpcErrorCode code;

    TrpcProtocolException(TrpcErrorCode code, String message) {
        // No stack trace: an answer, not a fault.
        super(Objects.requireNonNull(message), null, false, false);
        this.code = Objects.requireNonNull(code);
    }

    TrpcErrorCode code() {
        return code;
    }
}
