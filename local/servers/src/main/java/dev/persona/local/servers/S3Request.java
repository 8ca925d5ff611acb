package dev.persona.local.servers;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One S3 request as a {@link S3RequestGate} sees it before S3Proxy serves it.
 *
 * @param operation       what it is
 * @param method          the HTTP method
 * @param bucket          the bucket, or null for the service
 * @param key             the object key, literally as S3 stores it, or null for a bucket or the service; for a
 *                        browser POST, the form's {@code key} with {@code ${filename}} replaced
 * @param query           the decoded query parameters
 * @param header          a header by (any case) name, or null
 * @param accessKeyId     the key the request is signed with, or null for an anonymous request
 * @param securityToken   its session token ({@code x-amz-security-token}), or null
 * @param authType        how it is signed: {@code REST-HEADER}, {@code REST-QUERY-STRING}, {@code POST}, or null when
 *                        anonymous (the values of the {@code s3:authType} condition key)
 * @param formFields      the form fields of a browser POST (names in lower case) before its file; empty otherwise
 */
public record S3Request(S3ApiOperation operation, String method, String bucket, String key,
        Map<String, List<String>> query, Function<String, String> header, String accessKeyId, String securityToken,
        String authType, Map<String, String> formFields) {

    /** The first value of a query parameter, or null. */
    public String queryValue(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
