package dev.persona.local.servers;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A CloudFront distribution on loopback that serves objects of a bucket to signed URLs only, as the download
 * distribution does with a trusted key group and origin access control: a request's signed URL is verified as
 * CloudFront verifies it (its {@code Key-Pair-Id} must name a public key of the trusted key group, its signature must
 * verify with that key over the policy, canned from the URL and {@code Expires} or given as {@code Policy}, and the
 * policy must allow the URL now), then the object at the request's path is read from the origin with the
 * distribution's own credentials and streamed back. A refused request gets CloudFront's 403 with its XML error
 * ({@code Missing Key-Pair-Id query parameter or cookie value}, {@code Unknown Key}, {@code Access denied}); what the
 * origin refuses is passed on, as CloudFront passes S3's errors.
 */
public final class LocalCdn implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> SIGNING_PARAMETERS = List.of("Expires", "Policy", "Signature", "Key-Pair-Id");

    private final Builder settings;
    private LoopbackEndpoint server;

    private LocalCdn(Builder settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    public LocalCdn start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        server = LoopbackEndpoint.start("download-distribution", settings.host, settings.port, this::serve);
        return this;
    }

    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The distribution's base URL: an object's URL is this and its key. */
    public URI endpoint() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.endpoint();
    }

    private LoopbackEndpoint.HttpResponse serve(LoopbackEndpoint.HttpRequest request) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return denied("This distribution is configured to allow only cacheable requests.");
        }
        Map<String, String> query = query(request.rawQuery());
        String keyPairId = query.get("Key-Pair-Id");
        if (keyPairId == null || keyPairId.isEmpty()) {
            return denied("Missing Key-Pair-Id query parameter or cookie value");
        }
        Optional<PublicKey> key = settings.trustedKeys.apply(settings.keyGroupId, keyPairId);
        if (key.isEmpty()) {
            return denied("Unknown Key");
        }
        String url = "http://" + request.header("Host") + request.path() + remainingQuery(request.rawQuery());
        String policy;
        String encodedPolicy = query.get("Policy");
        if (encodedPolicy != null) {
            policy = new String(decode(encodedPolicy), StandardCharsets.UTF_8);
        } else if (query.get("Expires") != null && query.get("Expires").matches("\\d{1,12}")) {
            // The canned policy, exactly as CloudFront builds it from the URL and Expires.
            policy = "{\"Statement\":[{\"Resource\":\"" + url + "\",\"Condition\":{\"DateLessThan\":"
                    + "{\"AWS:EpochTime\":" + query.get("Expires") + "}}}]}";
        } else {
            return denied("Access denied");
        }
        String signature = query.get("Signature");
        if (signature == null || !verifies(key.get(), policy, signature) || !allows(policy, url)) {
            return denied("Access denied");
        }
        return origin(request);
    }

    private static boolean verifies(PublicKey key, String policy, String signature) {
        try {
            Signature verifier = Signature.getInstance("SHA1withRSA");
            verifier.initVerify(key);
            verifier.update(policy.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The policy's one statement: its resource matches the URL ({@code *} matching anything) and it is in time. */
    private boolean allows(String policy, String url) {
        try {
            JsonNode statements = MAPPER.readTree(policy).path("Statement");
            if (statements.size() != 1) {
                return false;
            }
            JsonNode statement = statements.get(0);
            String resource = statement.path("Resource").asText(null);
            JsonNode condition = statement.path("Condition");
            long now = settings.clock.instant().getEpochSecond();
            long lessThan = condition.at("/DateLessThan/AWS:EpochTime").asLong(-1);
            long greaterThan = condition.at("/DateGreaterThan/AWS:EpochTime").asLong(Long.MIN_VALUE);
            return resource != null && matches(resource, url) && lessThan > now && now > greaterThan;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean matches(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        return value.matches(regex.toString());
    }

    /** The object at the request's path, read as the distribution; the origin's refusals are passed on. */
    private LoopbackEndpoint.HttpResponse origin(LoopbackEndpoint.HttpRequest request) {
        String key = java.net.URLDecoder.decode(request.path().substring(1).replace("+", "%2B"), StandardCharsets.UTF_8);
        try {
            ResponseInputStream<GetObjectResponse> object = settings.origin.getObject(get -> get.bucket(settings.bucket)
                    .key(key));
            GetObjectResponse head = object.response();
            Map<String, String> headers = new LinkedHashMap<>(settings.responseHeaders);
            headers.put("Content-Type", head.contentType() == null ? "binary/octet-stream" : head.contentType());
            if (head.eTag() != null) {
                headers.put("ETag", head.eTag());
            }
            if (head.contentDisposition() != null) {
                headers.put("Content-Disposition", head.contentDisposition());
            }
            if (head.lastModified() != null) {
                headers.put("Last-Modified", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                        .format(head.lastModified().atZone(java.time.ZoneOffset.UTC)));
            }
            headers.put("X-Cache", "Miss from cloudfront");
            InputStream body = object;
            return new LoopbackEndpoint.HttpResponse(200, headers, body,
                    head.contentLength() == null ? -1 : head.contentLength());
        } catch (S3Exception e) {
            byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                    + (e.awsErrorDetails() == null ? "AccessDenied" : e.awsErrorDetails().errorCode())
                    + "</Code><Message>" + (e.awsErrorDetails() == null ? "Access Denied"
                    : e.awsErrorDetails().errorMessage()) + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
            return LoopbackEndpoint.HttpResponse.of(e.statusCode(), "application/xml", body);
        }
    }

    private LoopbackEndpoint.HttpResponse denied(String message) {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>" + message
                + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
        LoopbackEndpoint.HttpResponse response = LoopbackEndpoint.HttpResponse.of(403, "text/xml", body);
        for (Map.Entry<String, String> header : settings.responseHeaders.entrySet()) {
            response = response.withHeader(header.getKey(), header.getValue());
        }
        return response.withHeader("X-Cache", "Error from cloudfront");
    }

    /** CloudFront's URL-safe base64: {@code -} for {@code +}, {@code _} for {@code =}, {@code ~} for {@code /}. */
    private static byte[] decode(String value) {
        return Base64.getDecoder().decode(value.replace('-', '+').replace('_', '=').replace('~', '/'));
    }

    /** The query without the signing parameters, as the canned policy's resource names the URL. */
    private static String remainingQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (!SIGNING_PARAMETERS.contains(name)) {
                kept.add(pair);
            }
        }
        return kept.isEmpty() ? "" : "?" + String.join("&", kept);
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    query.putIfAbsent(pair.substring(0, equals), java.net.URLDecoder.decode(
                            pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    /** Settings: loopback and a free port by default; the key group, the origin and the trusted keys are required. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private String keyGroupId;
        private BiFunction<String, String, Optional<PublicKey>> trustedKeys;
        private S3Client origin;
        private String bucket;
        private Map<String, String> responseHeaders = Map.of();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * The key group the distribution trusts and how to find its keys: (group id, key pair id) to the public key,
         * when the group holds it ({@link LocalCloudFront#trustedKey}).
         */
        public Builder trustedKeyGroup(String keyGroupId, BiFunction<String, String, Optional<PublicKey>> trustedKeys) {
            this.keyGroupId = Objects.requireNonNull(keyGroupId);
            this.trustedKeys = Objects.requireNonNull(trustedKeys);
            return this;
        }

        /** The origin: the bucket, read with a client signing as the distribution's origin access. */
        public Builder origin(S3Client origin, String bucket) {
            this.origin = Objects.requireNonNull(origin);
            this.bucket = Objects.requireNonNull(bucket);
            return this;
        }

        /** Headers every response carries (the distribution's response headers policy). */
        public Builder responseHeaders(Map<String, String> responseHeaders) {
            this.responseHeaders = Map.copyOf(responseHeaders);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public LocalCdn build() {
            Objects.requireNonNull(keyGroupId, "trustedKeyGroup");
            Objects.requireNonNull(origin, "origin");
            return new LocalCdn(this);
        }
    }
}
