package dev.persona.local.servers;

/**
 * Decides, before S3Proxy serves a request, whether S3 would: checks the credentials and what the caller may do.
 * A gate must fail closed: an operation it does not know ({@link S3ApiOperation#UNKNOWN}) is denied.
 */
@FunctionalInterface
public interface S3RequestGate {

    /**
     * @throws S3GateException to refuse the request with that S3 error
     */
    void check(S3Request request);
}
