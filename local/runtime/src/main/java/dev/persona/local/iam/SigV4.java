package dev.persona.local.iam;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signature Version 4 as a service checks it for a request signed in the {@code Authorization} header:
 * the canonical request is rebuilt from what arrived (method, path, query, the signed headers, a digest
 * of the body) and signed again with the caller's secret; the signatures must be equal.
 */
public final class SigV4 {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    /** How far the request's date may be from the server's clock, as AWS allows. */
    static final Duration MAX_SKEW = Duration.ofMinutes(15);

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");

    private SigV4() {
    }

    /** The parts of an {@code Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…} header. */
    public record Authorization(String accessKeyId, String date, String region, String service, List<String> signedHeaders,
            String signature) {

        String scope() {
            return date + "/" + region + "/" + service + "/aws4_request";
        }
    }

    /** What arrived: the headers by lower-case name, the body as bytes. */
    public record Request(String method, String rawPath, String rawQuery, Function<String, List<String>> headers,
            byte[] body) {

        String header(String name) {
            List<String> values = headers.apply(name);
            return values == null || values.isEmpty() ? null : String.join(",", values);
        }
    }

    public static Authorization parse(String header) {
        if (header == null) {
            throw new SigV4Exception(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
        }
        if (!header.startsWith(ALGORITHM + " ")) {
            throw new SigV4Exception(400, "IncompleteSignature", "Authorization header must use " + ALGORITHM);
        }
        Map<String, String> parts = new HashMap<>();
        for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                parts.put(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
            }
        }
        String credential = parts.get("Credential");
        String signedHeaders = parts.get("SignedHeaders");
        String signature = parts.get("Signature");
        if (credential == null || signedHeaders == null || signature == null) {
            throw new SigV4Exception(400, "IncompleteSignature",
                    "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters");
        }
        String[] scope = credential.split("/");
        if (scope.length != 5 || !scope[4].equals("aws4_request")) {
            throw new SigV4Exception(400, "IncompleteSignature", "Credential must be "
                    + "<access key>/<date>/<region>/<service>/aws4_request, not " + credential);
        }
        return new Authorization(scope[0], scope[1], scope[2], scope[3],
                Arrays.asList(signedHeaders.toLowerCase(Locale.ROOT).split(";")), signature);
    }

    /**
     * Checks the scope and the date, then the signature.
     *
     * @throws SigV4Exception {@code SignatureDoesNotMatch} when anything differs
     */
    public static void verify(Authorization authorization, String secret, Request request, String region, String service,
            Instant now) {
        if (!authorization.service().equals(service)) {
            throw mismatch("Credential should be scoped to correct service: '" + service + "'.");
        }
        if (!authorization.region().equals(region)) {
            throw mismatch("Credential should be scoped to a valid region, not '" + authorization.region() + "'.");
        }
        String amzDate = request.header("x-amz-date");
        if (amzDate == null || !authorization.signedHeaders().contains("x-amz-date")
                || !authorization.signedHeaders().contains("host")) {
            throw new SigV4Exception(400, "IncompleteSignature", "The request must sign the host and x-amz-date headers");
        }
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new SigV4Exception(400, "IncompleteSignature", "x-amz-date is not yyyyMMdd'T'HHmmss'Z': " + amzDate);
        }
        if (!amzDate.startsWith(authorization.date())) {
            throw mismatch("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                    + authorization.date() + "' != '" + amzDate.substring(0, 8) + "'");
        }
        if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
            throw mismatch("Signature expired: " + amzDate + " is more than " + MAX_SKEW.toMinutes()
                    + " minutes from the server's time " + AMZ_DATE.format(now.atOffset(ZoneOffset.UTC)));
        }
        String expected = sign(stringToSign(authorization, amzDate, request), secret, authorization);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                authorization.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw mismatch("The request signature we calculated does not match the signature you provided. "
                    + "Check your AWS Secret Access Key and signing method.");
        }
    }

    private static SigV4Exception mismatch(String message) {
        return new SigV4Exception(403, "SignatureDoesNotMatch", message);
    }

    private static String stringToSign(Authorization authorization, String amzDate, Request request) {
        StringBuilder canonical = new StringBuilder()
                .append(request.method()).append('\n')
                .append(canonicalUri(request.rawPath())).append('\n')
                .append(canonicalQuery(request.rawQuery())).append('\n');
        for (String name : authorization.signedHeaders()) {
            String value = request.header(name);
            canonical.append(name).append(':')
                    .append(value == null ? "" : value.trim().replaceAll(" +", " ")).append('\n');
        }
        canonical.append('\n').append(String.join(";", authorization.signedHeaders())).append('\n');
        String payloadHash = request.header("x-amz-content-sha256");
        canonical.append(payloadHash != null ? payloadHash : hex(sha256(request.body())));
        return ALGORITHM + "\n" + amzDate + "\n" + authorization.scope() + "\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Services other than S3 encode the (already encoded) path once more, segment by segment. */
    private static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        return String.join("/", Arrays.stream(rawPath.split("/", -1)).map(SigV4::encode).toList());
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            pairs.add(new String[] {encode(name), encode(value)});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder query = new StringBuilder();
        for (String[] pair : pairs) {
            if (!query.isEmpty()) {
                query.append('&');
            }
            query.append(pair[0]).append('=').append(pair[1]);
        }
        return query.toString();
    }

    /** Percent-decoding only: in a signed query a plus sign is itself, not a space. */
    private static String decode(String encoded) {
        return java.net.URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** RFC 3986 percent-encoding of everything but the unreserved characters. */
    static String encode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                encoded.append(c);
            } else {
                encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return encoded.toString();
    }

    private static String sign(String stringToSign, String secret, Authorization authorization) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), authorization.date());
        key = hmac(key, authorization.region());
        key = hmac(key, authorization.service());
        key = hmac(key, "aws4_request");
        return hex(hmac(key, stringToSign));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
