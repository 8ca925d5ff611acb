package dev.persona.local.sts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.Deflater;

import com.sun.net.httpserver.HttpExchange;
import dev.persona.local.http.LoopbackHttpServer;
import dev.persona.local.iam.AccessDeniedException;
import dev.persona.local.iam.Caller;
import dev.persona.local.iam.CredentialsException;
import dev.persona.local.iam.IamPolicy;
import dev.persona.local.iam.LocalIam;
import dev.persona.local.iam.LocalRole;
import dev.persona.local.iam.MalformedPolicyException;
import dev.persona.local.iam.RequestContext;
import dev.persona.local.iam.SigV4;
import dev.persona.local.iam.SigV4Exception;
import dev.persona.local.servers.LocalS3Server;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * AWS STS on loopback, speaking the Query protocol ({@code POST /} with a form-encoded
 * {@code Action=…&Version=2011-06-15&…}, XML answers, AWS-shaped {@code ErrorResponse}s), so the
 * unmodified SDK {@code StsClient} works against it with an endpoint override.
 *
 * <ul>
 *   <li>{@code AssumeRole}: {@code RoleArn}, {@code RoleSessionName}, {@code DurationSeconds} (900 up to the
 *       role's maximum; 3600 by default), {@code Policy} (an inline session policy of up to 2048
 *       characters), {@code SourceIdentity}, {@code Tags.member.N.Key/Value} (up to 50). Answers
 *       {@code Credentials} ({@code ASIA…} key, secret, session token, expiration), {@code AssumedRoleUser},
 *       {@code PackedPolicySize} and {@code SourceIdentity}. Errors: {@code ValidationError},
 *       {@code MalformedPolicyDocument}, {@code PackedPolicyTooLarge}, {@code AccessDenied} (a role it does
 *       not know). Parameters it cannot honour (managed {@code PolicyArns}, {@code ExternalId}, MFA,
 *       transitive tags) are refused with a {@code ValidationError} rather than ignored.</li>
 *   <li>{@code GetCallerIdentity}: who signed the request.</li>
 * </ul>
 *
 * <p>Every request must be signed (Signature Version 4, service {@code sts}, the configured region) with
 * credentials of the {@link LocalIam}: the account's own, or a session's with its {@code x-amz-security-token}.
 * Assuming a role takes what AWS takes: the role's trust policy must trust the caller's role for each action
 * used ({@code sts:AssumeRole}, {@code sts:TagSession} with tags, {@code sts:SetSourceIdentity} with a source
 * identity) and the caller's own policies must allow them on the role; the account root cannot assume roles, and
 * a role session that assumes one chains roles, for at most one hour. The sessions it issues are the
 * {@link LocalIam}'s, which every local service authenticates and authorizes.
 */
public final class LocalSts implements AutoCloseable {

    public static final String VERSION = "2011-06-15";
    /** STS refuses plain-text session policies longer than this. */
    public static final int MAX_POLICY_CHARS = 2048;
    /** At most this many session tags. */
    public static final int MAX_TAGS = 50;
    /**
     * The size the packed session policy and tags are measured against for {@code PackedPolicySize}.
     * AWS does not publish its packing; here the policy is deflated and the tags counted as their UTF-8
     * bytes, which gives percentages of the same order as STS reports.
     */
    static final int PACKED_LIMIT_BYTES = 2048;
    static final Duration DEFAULT_DURATION = Duration.ofHours(1);
    static final Duration MIN_DURATION = Duration.ofMinutes(15);
    static final Duration MAX_DURATION = Duration.ofHours(12);
    static final Duration MAX_CHAINED_DURATION = Duration.ofHours(1);

    private static final String XMLNS = "https://sts.amazonaws.com/doc/" + VERSION + "/";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}");
    private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}");
    private static final Pattern TAG_PARAMETER = Pattern.compile("Tags\\.member\\.(\\d+)\\.(Key|Value)");
    private static final Set<String> ASSUME_ROLE_PARAMETERS = Set.of("Action", "Version", "RoleArn",
            "RoleSessionName", "DurationSeconds", "Policy", "SourceIdentity");
    private static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ISO_INSTANT;

    private final Builder settings;
    private LoopbackHttpServer server;

    private LocalSts(Builder settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    public LocalSts start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        server = LoopbackHttpServer.start("STS", settings.host, settings.port, this::handle);
        return this;
    }

    /** Stops serving; the issued sessions stay valid for S3 until they expire. Safe to call twice. */
    public void stop() {
        if (server == null) {
            return;
        }
        server.stop();
        server = null;
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.port();
    }

    public URI endpoint() {
        return URI.create("http://" + settings.host + ":" + port());
    }

    public Region region() {
        return Region.of(settings.region);
    }

    /** The identities this STS authenticates and issues sessions of. */
    public LocalIam iam() {
        return settings.iam;
    }

    /** A client for this endpoint signing with {@code credentials}. Close it when done. */
    public StsClient client(AwsCredentialsProvider credentials) {
        return StsClient.builder()
                .endpointOverride(endpoint())
                .region(region())
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            try {
                Map<String, String> parameters = parameters(exchange, body);
                Caller caller = authenticate(exchange, body);
                String action = parameters.getOrDefault("Action", "");
                if (!VERSION.equals(parameters.get("Version"))) {
                    throw new StsException(400, "InvalidAction", "Could not find operation " + action
                            + " for version " + parameters.get("Version"));
                }
                String result = switch (action) {
                    case "AssumeRole" -> assumeRole(caller, parameters);
                    case "GetCallerIdentity" -> callerIdentity(caller);
                    default -> throw new StsException(400, "InvalidAction", "Could not find operation " + action
                            + " for version " + VERSION);
                };
                respond(exchange, 200, "<" + action + "Response xmlns=\"" + XMLNS + "\">\n  <" + action + "Result>\n"
                        + result + "  </" + action + "Result>\n  <ResponseMetadata>\n    <RequestId>" + requestId
                        + "</RequestId>\n  </ResponseMetadata>\n</" + action + "Response>\n", requestId);
            } catch (StsException e) {
                respond(exchange, e.status(), "<ErrorResponse xmlns=\"" + XMLNS + "\">\n  <Error>\n    <Type>"
                        + e.type() + "</Type>\n    <Code>" + e.code() + "</Code>\n    <Message>" + xml(e.getMessage())
                        + "</Message>\n  </Error>\n  <RequestId>" + requestId + "</RequestId>\n</ErrorResponse>\n",
                        requestId);
            }
        }
    }

    private Caller authenticate(HttpExchange exchange, byte[] body) {
        try {
            return settings.iam.authenticate(new SigV4.Request(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders()::get, body), settings.region, "sts");
        } catch (CredentialsException e) {
            throw switch (e.reason()) {
                case UNKNOWN_ACCESS_KEY, INVALID_TOKEN -> new StsException(403, "InvalidClientTokenId",
                        "The security token included in the request is invalid.");
                case EXPIRED_TOKEN -> new StsException(403, "ExpiredToken",
                        "The security token included in the request is expired");
            };
        } catch (SigV4Exception e) {
            throw new StsException(e.status(), e.code(), e.getMessage());
        }
    }

    private String assumeRole(Caller caller, Map<String, String> parameters) {
        for (String name : parameters.keySet()) {
            if (!ASSUME_ROLE_PARAMETERS.contains(name) && !TAG_PARAMETER.matcher(name).matches()) {
                throw StsException.validation("The local STS does not support the parameter " + name);
            }
        }
        String roleArn = required(parameters, "RoleArn", "roleArn");
        if (roleArn.length() < 20 || roleArn.length() > 2048) {
            throw StsException.validation(constraint("roleArn", roleArn, "Member must have length between 20 and 2048"));
        }
        String sessionName = required(parameters, "RoleSessionName", "roleSessionName");
        if (!SESSION_NAME.matcher(sessionName).matches()) {
            throw StsException.validation(constraint("roleSessionName", sessionName,
                    "Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length between 2 and 64"));
        }
        Duration duration = duration(parameters.get("DurationSeconds"));
        String sourceIdentity = parameters.get("SourceIdentity");
        if (sourceIdentity != null && (!SESSION_NAME.matcher(sourceIdentity).matches()
                || sourceIdentity.toLowerCase(Locale.ROOT).startsWith("aws:"))) {
            throw StsException.validation(constraint("sourceIdentity", sourceIdentity,
                    "Member must satisfy regular expression pattern: [\\w+=,.@-]*, have length between 2 and 64 "
                            + "and not start with aws:"));
        }
        String policyDocument = parameters.get("Policy");
        IamPolicy policy = null;
        if (policyDocument != null) {
            if (policyDocument.isEmpty() || policyDocument.length() > MAX_POLICY_CHARS) {
                throw StsException.validation(constraint("policy", "…",
                        "Member must have length between 1 and " + MAX_POLICY_CHARS));
            }
            try {
                policy = IamPolicy.parse(policyDocument);
            } catch (MalformedPolicyException e) {
                throw new StsException(400, "MalformedPolicyDocument", e.getMessage());
            }
        }
        Map<String, String> tags = tags(parameters);

        LocalRole role = settings.iam.roleByArn(roleArn).orElse(null);
        List<String> actions = new ArrayList<>(List.of("sts:AssumeRole"));
        if (!tags.isEmpty()) {
            actions.add("sts:TagSession");
        }
        if (sourceIdentity != null) {
            actions.add("sts:SetSourceIdentity");
        }
        for (String action : actions) {
            authorizeAssume(caller, role, roleArn, action);
        }
        // A role session assuming a role chains roles.
        boolean chained = caller instanceof Caller.RoleSession;
        if (duration.compareTo(role.maxSessionDuration()) > 0) {
            throw StsException.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        if (chained && duration.compareTo(MAX_CHAINED_DURATION) > 0) {
            throw StsException.validation("The requested DurationSeconds exceeds the 1 hour session limit for roles "
                    + "assumed by role chaining.");
        }
        int packedPercent = packedPercent(policyDocument, tags);
        if (packedPercent > 100) {
            throw new StsException(400, "PackedPolicyTooLarge", "Packed policy consumes " + packedPercent
                    + "% of allotted space, please use smaller policy.");
        }

        Caller.RoleSession session = settings.iam.issue(role, sessionName, policy, sourceIdentity, duration);
        StringBuilder result = new StringBuilder();
        if (sourceIdentity != null) {
            result.append("    <SourceIdentity>").append(xml(sourceIdentity)).append("</SourceIdentity>\n");
        }
        result.append("    <AssumedRoleUser>\n      <AssumedRoleId>").append(xml(session.assumedRoleId()))
                .append("</AssumedRoleId>\n      <Arn>").append(xml(session.arn()))
                .append("</Arn>\n    </AssumedRoleUser>\n    <Credentials>\n      <AccessKeyId>")
                .append(session.accessKeyId()).append("</AccessKeyId>\n      <SecretAccessKey>")
                .append(xml(session.secretAccessKey())).append("</SecretAccessKey>\n      <SessionToken>")
                .append(session.sessionToken()).append("</SessionToken>\n      <Expiration>")
                .append(EXPIRATION.format(session.expiration())).append("</Expiration>\n    </Credentials>\n");
        if (policyDocument != null || !tags.isEmpty()) {
            result.append("    <PackedPolicySize>").append(packedPercent).append("</PackedPolicySize>\n");
        }
        return result.toString();
    }

    /**
     * What AWS takes to assume a role: the trust policy trusts the caller's role for the action, and the caller's
     * policies allow it on the role. The account root cannot assume roles.
     */
    private void authorizeAssume(Caller caller, LocalRole role, String roleArn, String action) {
        boolean trusted = role != null && caller instanceof Caller.RoleSession session
                && role.trustedBy().stream().anyMatch(trust -> session.role().principalId().equals(trust.principalId())
                        && trust.actions().contains(action));
        if (!trusted) {
            throw new StsException(403, "AccessDenied", "User: " + caller.arn() + " is not authorized to perform: "
                    + action + " on resource: " + roleArn);
        }
        try {
            settings.iam.authorize(caller, action, roleArn, RequestContext.EMPTY);
        } catch (AccessDeniedException e) {
            throw new StsException(403, "AccessDenied", e.getMessage());
        }
    }

    private String callerIdentity(Caller caller) {
        String userId = switch (caller) {
            case Caller.AccountRoot root -> root.account();
            case Caller.RoleSession session -> session.assumedRoleId();
        };
        String account = switch (caller) {
            case Caller.AccountRoot root -> root.account();
            case Caller.RoleSession session -> session.role().account();
        };
        return "    <Arn>" + xml(caller.arn()) + "</Arn>\n    <UserId>" + xml(userId) + "</UserId>\n    <Account>"
                + account + "</Account>\n";
    }

    private static Duration duration(String seconds) {
        if (seconds == null) {
            return DEFAULT_DURATION;
        }
        long value;
        try {
            value = Long.parseLong(seconds);
        } catch (NumberFormatException e) {
            throw StsException.validation(constraint("durationSeconds", seconds, "Member must be a number"));
        }
        Duration duration = Duration.ofSeconds(value);
        if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0) {
            throw StsException.validation(constraint("durationSeconds", seconds, "Member must have value between "
                    + MIN_DURATION.toSeconds() + " and " + MAX_DURATION.toSeconds()));
        }
        return duration;
    }

    /** {@code Tags.member.N.Key}/{@code .Value}, numbered from 1 without gaps. */
    private static Map<String, String> tags(Map<String, String> parameters) {
        Map<Integer, String[]> members = new TreeMap<>();
        parameters.forEach((name, value) -> {
            var match = TAG_PARAMETER.matcher(name);
            if (match.matches()) {
                String[] member = members.computeIfAbsent(Integer.parseInt(match.group(1)), n -> new String[2]);
                member[match.group(2).equals("Key") ? 0 : 1] = value;
            }
        });
        if (members.size() > MAX_TAGS) {
            throw StsException.validation(constraint("tags", members.size() + " tags",
                    "Member must have length less than or equal to " + MAX_TAGS));
        }
        Map<String, String> tags = new LinkedHashMap<>();
        Set<String> lowerCaseKeys = new java.util.HashSet<>();
        int expected = 1;
        for (Map.Entry<Integer, String[]> member : members.entrySet()) {
            String key = member.getValue()[0];
            String value = member.getValue()[1];
            if (member.getKey() != expected++ || key == null || value == null) {
                throw StsException.validation("Tags.member." + member.getKey() + " must have a Key and a Value, "
                        + "and tags must be numbered from 1 without gaps");
            }
            if (!TAG_KEY.matcher(key).matches() || !TAG_VALUE.matcher(value).matches()) {
                throw StsException.validation(constraint("tags", key,
                        "Keys must be 1 to 128 and values 0 to 256 characters of [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]"));
            }
            if (!lowerCaseKeys.add(key.toLowerCase(Locale.ROOT))) {
                throw StsException.validation("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
            tags.put(key, value);
        }
        return tags;
    }

    static int packedPercent(String policy, Map<String, String> tags) {
        int bytes = 0;
        if (policy != null) {
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
            deflater.setInput(policy.getBytes(StandardCharsets.UTF_8));
            deflater.finish();
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                bytes += deflater.deflate(buffer);
            }
            deflater.end();
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            bytes += tag.getKey().getBytes(StandardCharsets.UTF_8).length
                    + tag.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        return (int) Math.ceil(100.0 * bytes / PACKED_LIMIT_BYTES);
    }

    private static String required(Map<String, String> parameters, String name, String member) {
        String value = parameters.get(name);
        if (value == null) {
            throw StsException.validation(constraint(member, null, "Member must not be null"));
        }
        return value;
    }

    private static String constraint(String member, String value, String rule) {
        return "1 validation error detected: Value " + (value == null ? "null" : "'" + value + "'") + " at '" + member
                + "' failed to satisfy constraint: " + rule;
    }

    /** Query-string and form parameters together, as the Query protocol allows both. */
    private static Map<String, String> parameters(HttpExchange exchange, byte[] body) {
        Map<String, String> parameters = new LinkedHashMap<>();
        decodeInto(parameters, exchange.getRequestURI().getRawQuery());
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (body.length > 0) {
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(FORM)) {
                throw new StsException(400, "InvalidParameterValue", "The request body must be " + FORM);
            }
            decodeInto(parameters, new String(body, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static void decodeInto(Map<String, String> parameters, String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            if (parameters.put(name, value) != null) {
                throw StsException.validation("The parameter " + name + " is given more than once");
            }
        }
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void respond(HttpExchange exchange, int status, String xml, String requestId) throws IOException {
        byte[] bytes = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Settings with defaults: loopback, a free port, region {@code us-east-1}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private String region = LocalS3Server.REGION.id();
        private LocalIam iam;

        private Builder() {
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The region requests must be signed for. */
        public Builder region(Region region) {
            this.region = region.id();
            return this;
        }

        /** The account's identities: who may call, which roles exist and who may assume them. Required. */
        public Builder iam(LocalIam iam) {
            this.iam = Objects.requireNonNull(iam);
            return this;
        }

        public LocalSts build() {
            Objects.requireNonNull(iam, "iam");
            return new LocalSts(this);
        }
    }
}
