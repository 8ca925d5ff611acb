package dev.persona.local.servers;

import java.util.List;
import java.util.function.Function;

/**
 * One DynamoDB request as a {@link DynamoDbRequestGate} sees it before DynamoDB Local serves it.
 *
 * @param target   the {@code X-Amz-Target} header ({@code DynamoDB_20120810.GetItem}), or null
 * @param method   the HTTP method
 * @param rawPath  the request path, undecoded
 * @param rawQuery the query, undecoded, or null
 * @param headers  every value of a header by (any case) name, or null
 * @param body     the whole body (DynamoDB requests are at most 16 MB)
 */
public record DynamoDbRequest(String target, String method, String rawPath, String rawQuery,
        Function<String, List<String>> headers, byte[] body) {

    /** The operation: {@code GetItem} for the target {@code DynamoDB_20120810.GetItem}; null without a target. */
    public String operation() {
        if (target == null) {
            return null;
        }
        int dot = target.indexOf('.');
        return dot < 0 ? target : target.substring(dot + 1);
    }
}
