package dev.persona.local.servers;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Decides, before a local stand-in of this module serves a request, whether AWS would: the Signature Version 4
 * signature and the credentials, then every action the request performs on its resource. The server works out the
 * actions (it knows its operations); the gate knows the identities. A gate fails closed: what it cannot decide, it
 * refuses.
 */
@FunctionalInterface
public interface AwsRequestGate {

    /**
     * @param service      the signing name ({@code secretsmanager}, {@code cloudfront})
     * @param requirements every (action, resource, request context) the request needs
     * @throws AwsGateException to refuse it
     */
    void check(SignedRequest request, String service, List<Requirement> requirements);

    /** A request as signed: method, path and query undecoded, headers by any-case name, the whole body. */
    record SignedRequest(String method, String rawPath, String rawQuery, Function<String, List<String>> headers,
            byte[] body) {
    }

    /** One action on one resource, with the condition keys the request carries besides the caller's. */
    record Requirement(String action, String resource, Map<String, String> context) {

        public Requirement {
            context = Map.copyOf(context);
        }

        public static Requirement of(String action, String resource) {
            return new Requirement(action, resource, Map.of());
        }
    }

    /** Why a request was refused; each server answers with its service's error for the reason. */
    final class AwsGateException extends RuntimeException {

        /** The reasons AWS refuses a request before or while authorizing it. */
        public enum Reason { MISSING_AUTHENTICATION, UNKNOWN_KEY, EXPIRED_TOKEN, BAD_SIGNATURE, ACCESS_DENIED }

        private final Reason reason;

        public AwsGateException(Reason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }
}
