package dev.persona.local.iam;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.persona.contracts.iam.PermissionModel;
import dev.persona.contracts.iam.PolicyDocuments;
import dev.persona.contracts.iam.Principal;
import dev.persona.contracts.iam.ResourceNames;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * The local account's identities and what each may do, from the {@link PermissionModel}: one role per principal
 * (every function's execution role, the uploader role, the state machine's and the upload rule's roles), the
 * sessions issued for them, and IAM's decision for each request a local service serves.
 *
 * <p>As in AWS, every function calls with temporary credentials of its own role ({@link #credentialsOf}), a
 * session's permissions are its role's narrowed by the session policy it was assumed with, and a temporary key
 * is refused without its session token. The account's own credentials ({@link Caller.AccountRoot}) stand for
 * the account root, which identity policies do not restrict: the AWS CLI and administrative clients use them.
 */
public final class LocalIam {

    /** How long the execution-role sessions the functions sign with last; they are renewed before they end. */
    static final Duration EXECUTION_SESSION = Duration.ofHours(12);
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final Builder settings;
    private final Map<String, LocalRole> rolesByPrincipal = new LinkedHashMap<>();
    private final Map<String, LocalRole> rolesByArn = new LinkedHashMap<>();
    private final Map<String, Caller.RoleSession> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    private LocalIam(Builder settings) {
        this.settings = settings;
        for (Principal principal : settings.model.principals()) {
            if (principal.kind() == Principal.Kind.UPLOADER_SESSION_POLICY) {
                continue;
            }
            String arn = principal.kind() == Principal.Kind.UPLOADER_ROLE ? settings.names.uploaderRoleArn()
                    : roleArn(settings.names, principal.id());
            IamPolicy permissions = principal.permissions().isEmpty() ? IamPolicy.NONE
                    : IamPolicy.parse(PolicyDocuments.of(principal, settings.names));
            LocalRole role = new LocalRole(principal.id(), arn, permissions, principal.trustedBy(),
                    settings.maxSessionDuration);
            rolesByPrincipal.put(principal.id(), role);
            rolesByArn.put(arn, role);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code arn:aws:iam::{account}:role/persona-local-{principal}}: the local name of a principal's role. */
    public static String roleArn(ResourceNames names, String principalId) {
        String account = names.uploaderRoleArn().split(":")[4];
        return "arn:" + names.partition() + ":iam::" + account + ":role/persona-local-" + principalId;
    }

    public String account() {
        return settings.account;
    }

    public String region() {
        return settings.names.region();
    }

    /** The time requests are signed against and sessions expire by. */
    public java.time.Instant now() {
        return settings.clock.instant();
    }

    public PermissionModel model() {
        return settings.model;
    }

    public ResourceNames names() {
        return settings.names;
    }

    public LocalRole role(String principalId) {
        LocalRole role = rolesByPrincipal.get(principalId);
        if (role == null) {
            throw new IllegalArgumentException("no role for the principal " + principalId);
        }
        return role;
    }

    public Optional<LocalRole> roleByArn(String arn) {
        return Optional.ofNullable(rolesByArn.get(arn));
    }

    /**
     * Credentials of the principal's role, as Lambda gives a function the credentials of its execution role: a
     * session renewed before it expires. SDK clients built with it sign every call as that role.
     */
    public AwsCredentialsProvider credentialsOf(String principalId) {
        LocalRole role = role(principalId);
        return new AwsCredentialsProvider() {
            private volatile Caller.RoleSession current;

            @Override
            public AwsCredentials resolveCredentials() {
                Caller.RoleSession session = current;
                if (session == null || !settings.clock.instant().plus(RENEW_BEFORE).isBefore(session.expiration())) {
                    session = issue(role, principalId, null, null, EXECUTION_SESSION);
                    current = session;
                }
                return AwsSessionCredentials.builder().accessKeyId(session.accessKeyId())
                        .secretAccessKey(session.secretAccessKey()).sessionToken(session.sessionToken())
                        .expirationTime(session.expiration()).build();
            }
        };
    }

    /** A new session of {@code role}, valid for {@code duration} from now. */
    public Caller.RoleSession issue(LocalRole role, String sessionName, IamPolicy sessionPolicy, String sourceIdentity,
            Duration duration) {
        Caller.RoleSession session;
        do {
            session = new Caller.RoleSession("ASIA" + random(BASE32, 16), random(SECRET_ALPHABET, 40),
                    Base64.getEncoder().encodeToString(randomBytes(96)),
                    // STS states expirations to the second.
                    settings.clock.instant().plus(duration).truncatedTo(ChronoUnit.SECONDS),
                    role, sessionName, sessionPolicy, sourceIdentity);
        } while (sessions.putIfAbsent(session.accessKeyId(), session) != null);
        return session;
    }

    /**
     * Who signs with {@code accessKeyId}, after the checks every AWS service makes before it looks at
     * permissions: the key exists, a temporary key comes with its own session token and is not expired, a
     * long-term key comes without one.
     *
     * @param sessionToken the request's {@code x-amz-security-token}, or null
     * @throws CredentialsException when the credentials are refused
     */
    public Caller authenticate(String accessKeyId, String sessionToken) {
        if (accessKeyId != null && accessKeyId.equals(settings.rootAccessKeyId)) {
            if (sessionToken != null) {
                throw new CredentialsException(CredentialsException.Reason.INVALID_TOKEN);
            }
            return new Caller.AccountRoot(settings.account, settings.rootAccessKeyId, settings.rootSecretAccessKey);
        }
        Caller.RoleSession session = accessKeyId == null ? null : sessions.get(accessKeyId);
        if (session == null) {
            throw new CredentialsException(CredentialsException.Reason.UNKNOWN_ACCESS_KEY);
        }
        if (sessionToken == null || !java.security.MessageDigest.isEqual(
                session.sessionToken().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                sessionToken.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            throw new CredentialsException(CredentialsException.Reason.INVALID_TOKEN);
        }
        if (session.isExpiredAt(settings.clock.instant())) {
            throw new CredentialsException(CredentialsException.Reason.EXPIRED_TOKEN);
        }
        return session;
    }

    /**
     * The caller of a request signed with Signature Version 4 for {@code service} in {@code region}: its {@code Authorization} and
     * {@code X-Amz-Security-Token} headers name known, current credentials, and the signature is theirs.
     *
     * @throws SigV4Exception       when the request is not signed, or not signed with the credentials' secret
     * @throws CredentialsException when the credentials are refused
     */
    public Caller authenticate(SigV4.Request request, String region, String service) {
        SigV4.Authorization authorization = SigV4.parse(first(request, "Authorization"));
        Caller caller = authenticate(authorization.accessKeyId(), first(request, "X-Amz-Security-Token"));
        SigV4.verify(authorization, caller.secretAccessKey(), request, region, service, now());
        return caller;
    }

    private static String first(SigV4.Request request, String header) {
        List<String> values = request.headers().apply(header);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The caller with this access key, without checking a token: for a signature's secret. */
    public Optional<Caller> find(String accessKeyId) {
        if (accessKeyId == null) {
            return Optional.empty();
        }
        if (accessKeyId.equals(settings.rootAccessKeyId)) {
            return Optional.of(new Caller.AccountRoot(settings.account, settings.rootAccessKeyId,
                    settings.rootSecretAccessKey));
        }
        return Optional.ofNullable(sessions.get(accessKeyId));
    }

    /**
     * IAM's decision for a caller's request: allowed when the caller is the account root, or when the role's
     * identity policy and (for a session assumed with one) the session policy both allow it and neither denies it.
     *
     * @throws AccessDeniedException otherwise, with the message AWS services give
     */
    public void authorize(Caller caller, String action, String resource, RequestContext context) {
        if (caller instanceof Caller.RoleSession session) {
            RequestContext full = context.with("aws:PrincipalArn", session.role().arn())
                    .with("aws:PrincipalAccount", session.role().account());
            Decision decision = decide(session.role().permissions(), session.sessionPolicy(), action, resource, full);
            if (decision != Decision.ALLOWED) {
                throw new AccessDeniedException("User: " + caller.arn() + " is not authorized to perform: " + action
                        + " on resource: " + resource + " " + decision.reason(action), action, resource);
            }
        }
    }

    /** IAM's decision for a role session, and why. */
    public enum Decision {
        ALLOWED(null),
        IMPLICITLY_DENIED_BY_IDENTITY("because no identity-based policy allows the %s action"),
        EXPLICITLY_DENIED_BY_IDENTITY("with an explicit deny in an identity-based policy"),
        IMPLICITLY_DENIED_BY_SESSION("because no session policy allows the %s action"),
        EXPLICITLY_DENIED_BY_SESSION("with an explicit deny in a session policy");

        private final String reason;

        Decision(String reason) {
            this.reason = reason;
        }

        String reason(String action) {
            return String.format(reason, action);
        }

        public boolean explicit() {
            return this == EXPLICITLY_DENIED_BY_IDENTITY || this == EXPLICITLY_DENIED_BY_SESSION;
        }
    }

    /**
     * How IAM combines a role's identity policy and a session policy in one account: an explicit deny in either
     * denies, otherwise both must allow; without a session policy the identity policy decides alone.
     *
     * @param sessionPolicy the session policy, or null for none
     */
    public static Decision decide(IamPolicy identity, IamPolicy sessionPolicy, String action, String resource,
            RequestContext context) {
        IamPolicy.Decision byIdentity = identity.evaluate(action, resource, context);
        IamPolicy.Decision bySession = sessionPolicy == null ? null : sessionPolicy.evaluate(action, resource, context);
        if (byIdentity == IamPolicy.Decision.DENY) {
            return Decision.EXPLICITLY_DENIED_BY_IDENTITY;
        }
        if (bySession == IamPolicy.Decision.DENY) {
            return Decision.EXPLICITLY_DENIED_BY_SESSION;
        }
        if (byIdentity != IamPolicy.Decision.ALLOW) {
            return Decision.IMPLICITLY_DENIED_BY_IDENTITY;
        }
        if (bySession != null && bySession != IamPolicy.Decision.ALLOW) {
            return Decision.IMPLICITLY_DENIED_BY_SESSION;
        }
        return Decision.ALLOWED;
    }

    /** Whether a request would be allowed, for callers that report denials themselves. */
    public boolean allows(Caller caller, String action, String resource, RequestContext context) {
        try {
            authorize(caller, action, resource, context);
            return true;
        } catch (AccessDeniedException e) {
            return false;
        }
    }

    /** The roles, by principal id. */
    public List<LocalRole> roles() {
        return List.copyOf(rolesByPrincipal.values());
    }

    private String random(String alphabet, int length) {
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return value.toString();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Settings with defaults: the standard model, one-hour maximum sessions, the system clock. */
    public static final class Builder {
        private PermissionModel model = PermissionModel.standard();
        private ResourceNames names;
        private String account;
        private String rootAccessKeyId;
        private String rootSecretAccessKey;
        private Duration maxSessionDuration = Duration.ofHours(1);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder model(PermissionModel model) {
            this.model = Objects.requireNonNull(model);
            return this;
        }

        /** Where the model's resources are, locally. */
        public Builder names(ResourceNames names) {
            this.names = Objects.requireNonNull(names);
            return this;
        }

        /** The account's own credentials (the account root). */
        public Builder root(String account, String accessKeyId, String secretAccessKey) {
            if (!account.matches("\\d{12}")) {
                throw new IllegalArgumentException("an account id is 12 digits: " + account);
            }
            this.account = account;
            this.rootAccessKeyId = Objects.requireNonNull(accessKeyId);
            this.rootSecretAccessKey = Objects.requireNonNull(secretAccessKey);
            return this;
        }

        /** The longest session {@code AssumeRole} grants for the uploader role (its MaxSessionDuration). */
        public Builder maxSessionDuration(Duration maxSessionDuration) {
            this.maxSessionDuration = Objects.requireNonNull(maxSessionDuration);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public LocalIam build() {
            Objects.requireNonNull(names, "names");
            Objects.requireNonNull(account, "root");
            return new LocalIam(this);
        }
    }
}
