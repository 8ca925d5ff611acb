package dev.persona.local.servers;

/**
 * Decides, before DynamoDB Local serves a request, whether DynamoDB would: the signature, the credentials and
 * what the caller may do. A gate must fail closed: an operation it does not know is denied.
 */
@FunctionalInterface
public interface DynamoDbRequestGate {

    /**
     * @throws DynamoDbGateException to refuse the request with that DynamoDB error
     */
    void check(DynamoDbRequest request);
}
