package dev.persona.infra.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import software.constructs.Node;
import dev.persona.contracts.FileQuotas;
import dev.persona.contracts.FunctionSettings;

/**
 * Reads a {@link StageConfig} from the CDK context: {@code stage} names the stage (cdk.json sets a
 * default, {@code -c stage=prod} picks another) and {@code stages.<name>} holds its settings. Every
 * problem is reported at once, each with its key, so synthesis fails with one clear message.
 */
public final class StageConfigReader {

    /** Context key naming the stage to synthesize. */
    public static final String STAGE_KEY = "stage";
    /** Context key holding one object of settings per stage. */
    public static final String STAGES_KEY = "stages";

    static final String PRODUCTION = "production";
    static final String ACCOUNT = "account";
    static final String REGION = "region";
    static final String GOOGLE_CLIENT_ID = "googleClientId";
    static final String GOOGLE_CLIENT_SECRET_NAME = "googleClientSecretName";
    static final String COGNITO_DOMAIN_PREFIX = "cognitoDomainPrefix";
    static final String CALLBACK_URLS = "callbackUrls";
    static final String LOGOUT_URLS = "logoutUrls";
    static final String ALLOWED_ORIGINS = "allowedOrigins";
    static final String ALARM_EMAIL = "alarmEmail";
    static final String MAX_UPLOAD_BYTES = "maxUploadBytes";
    static final String UPLOAD_RETENTION_DAYS = "uploadRetentionDays";
    static final String PROCESSED_RETENTION_DAYS = "processedRetentionDays";
    static final String LOG_RETENTION_DAYS = "logRetentionDays";
    static final String ACCESS_LOG_RETENTION_DAYS = "accessLogRetentionDays";
    static final String THREAT_PROTECTION = "threatProtection";
    static final String API_KEY_REQUIRED = "apiKeyRequired";
    static final String WEB_DOMAIN_NAME = "webDomainName";
    static final String WEB_CERTIFICATE_ARN = "webCertificateArn";
    static final String UPLOADS_DATA_EVENTS_TRAIL = "uploadsDataEventsTrail";
    static final String TABLE_REPLICA_REGIONS = "tableReplicaRegions";
    static final String FILE_QUOTA_FILES = "fileQuotaFiles";
    static final String FILE_QUOTA_BYTES = "fileQuotaBytes";
    static final String FILE_QUOTA_UPLOADS_PER_MONTH = "fileQuotaUploadsPerMonth";

    static final Set<String> KEYS = Set.of(PRODUCTION, ACCOUNT, REGION, GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET_NAME,
            COGNITO_DOMAIN_PREFIX, CALLBACK_URLS, LOGOUT_URLS, ALLOWED_ORIGINS, ALARM_EMAIL, MAX_UPLOAD_BYTES,
            UPLOAD_RETENTION_DAYS, PROCESSED_RETENTION_DAYS, LOG_RETENTION_DAYS, ACCESS_LOG_RETENTION_DAYS,
            THREAT_PROTECTION, API_KEY_REQUIRED, WEB_DOMAIN_NAME, WEB_CERTIFICATE_ARN, UPLOADS_DATA_EVENTS_TRAIL,
            TABLE_REPLICA_REGIONS, FILE_QUOTA_FILES, FILE_QUOTA_BYTES, FILE_QUOTA_UPLOADS_PER_MONTH);

    static final long DEFAULT_MAX_UPLOAD_BYTES = FunctionSettings.DEFAULT_MAX_UPLOAD_BYTES;
    /** S3's limit for one PUT or presigned POST. */
    static final long LARGEST_SINGLE_UPLOAD_BYTES = 5L << 30;
    static final int DEFAULT_UPLOAD_RETENTION_DAYS = 7;
    static final int DEFAULT_PROCESSED_RETENTION_DAYS = 30;
    static final int DEFAULT_LOG_RETENTION_DAYS = 30;
    static final int DEFAULT_ACCESS_LOG_RETENTION_DAYS = 90;
    static final int LONGEST_OBJECT_RETENTION_DAYS = 3650;

    private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,19}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d");
    private static final Pattern GOOGLE_CLIENT = Pattern.compile("\\d+-[a-z0-9]+\\.apps\\.googleusercontent\\.com");
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    private static final Pattern DOMAIN_PREFIX = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final List<String> RESERVED_IN_DOMAIN_PREFIX = List.of("aws", "amazon", "cognito");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern DOMAIN_NAME =
            Pattern.compile("(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Pattern ACM_CERTIFICATE_IN_US_EAST_1 =
            Pattern.compile("arn:aws[a-z-]*:acm:us-east-1:\\d{12}:certificate/[0-9a-f-]+");

    private StageConfigReader() {
    }

    /** The stage named by the {@code stage} context key, from {@code stages}. */
    public static StageConfig fromContext(Node node) {
        Object stage = node.tryGetContext(STAGE_KEY);
        if (!(stage instanceof String name) || name.isBlank()) {
            throw new InvalidStageConfigException("Context key \"" + STAGE_KEY
                    + "\" must name the stage to synthesize (cdk.json sets a default; pick another with -c "
                    + STAGE_KEY + "=<name>).");
        }
        return read(name, node.tryGetContext(STAGES_KEY));
    }

    /** Reads and validates stage {@code stageName} from the value of the {@code stages} context key. */
    public static StageConfig read(String stageName, Object stages) {
        if (!(stages instanceof Map<?, ?> stagesByName)) {
            throw new InvalidStageConfigException("Context key \"" + STAGES_KEY
                    + "\" must be an object with one entry per stage (see cdk.json).");
        }
        Object settings = stagesByName.get(stageName);
        if (!(settings instanceof Map<?, ?> values)) {
            throw new InvalidStageConfigException("Stage \"" + stageName + "\" is not defined in context \""
                    + STAGES_KEY + "\"; defined stages: " + new TreeSet<>(keys(stagesByName)) + ".");
        }
        Fields fields = new Fields(values);
        if (!STAGE_NAME.matcher(stageName).matches()) {
            fields.errors.add("stage name \"" + stageName
                    + "\" must be lower case letters, digits and dashes, start with a letter, at most 20 characters");
        }
        for (String key : new TreeSet<>(keys(values))) {
            if (!KEYS.contains(key)) {
                fields.errors.add(key + ": unknown key (known keys: " + new TreeSet<>(KEYS) + ")");
            }
        }

        boolean production = fields.bool(PRODUCTION, false);
        String account = fields.optionalText(ACCOUNT, ACCOUNT_ID, "a 12-digit AWS account id");
        String region = fields.optionalText(REGION, REGION_NAME, "an AWS region such as eu-west-1");
        fields.together(ACCOUNT, REGION);
        String googleClientId = fields.text(GOOGLE_CLIENT_ID, GOOGLE_CLIENT,
                "a Google OAuth client id (<number>-<id>.apps.googleusercontent.com)");
        String secretName = fields.text(GOOGLE_CLIENT_SECRET_NAME, SECRET_NAME,
                "a Secrets Manager secret name (letters, digits and /_+=.@-)");
        String domainPrefix = fields.text(COGNITO_DOMAIN_PREFIX, DOMAIN_PREFIX,
                "lower case letters, digits and inner dashes, at most 63 characters");
        if (domainPrefix != null) {
            RESERVED_IN_DOMAIN_PREFIX.stream().filter(domainPrefix::contains).findFirst().ifPresent(word ->
                    fields.errors.add(COGNITO_DOMAIN_PREFIX + ": must not contain \"" + word
                            + "\" (reserved by Cognito)"));
        }
        List<String> callbackUrls = fields.urls(CALLBACK_URLS, StageConfigReader::isRedirectUrl,
                "https URLs (http only on localhost)");
        List<String> logoutUrls = fields.urls(LOGOUT_URLS, StageConfigReader::isRedirectUrl,
                "https URLs (http only on localhost)");
        List<String> allowedOrigins = fields.urls(ALLOWED_ORIGINS, StageConfigReader::isOrigin,
                "origins such as https://app.example.com (scheme, host and optional port; http only on localhost)");
        String alarmEmail = fields.text(ALARM_EMAIL, EMAIL, "an e-mail address");
        long maxUploadBytes = fields.number(MAX_UPLOAD_BYTES, DEFAULT_MAX_UPLOAD_BYTES, 1,
                LARGEST_SINGLE_UPLOAD_BYTES);
        int uploadRetentionDays = (int) fields.number(UPLOAD_RETENTION_DAYS, DEFAULT_UPLOAD_RETENTION_DAYS, 1,
                LONGEST_OBJECT_RETENTION_DAYS);
        int processedRetentionDays = (int) fields.number(PROCESSED_RETENTION_DAYS, DEFAULT_PROCESSED_RETENTION_DAYS,
                1, LONGEST_OBJECT_RETENTION_DAYS);
        int logRetentionDays = (int) fields.number(LOG_RETENTION_DAYS, DEFAULT_LOG_RETENTION_DAYS, 1, 3653);
        if (!StageConfig.LOG_RETENTION.containsKey(logRetentionDays)) {
            fields.errors.add(LOG_RETENTION_DAYS + ": " + logRetentionDays + " is not a period CloudWatch Logs offers; "
                    + "one of " + new TreeSet<>(StageConfig.LOG_RETENTION.keySet()));
            logRetentionDays = DEFAULT_LOG_RETENTION_DAYS;
        }
        int accessLogRetentionDays = (int) fields.number(ACCESS_LOG_RETENTION_DAYS, DEFAULT_ACCESS_LOG_RETENTION_DAYS,
                1, LONGEST_OBJECT_RETENTION_DAYS);
        boolean threatProtection = fields.bool(THREAT_PROTECTION, false);
        boolean apiKeyRequired = fields.bool(API_KEY_REQUIRED, false);
        boolean uploadsDataEventsTrail = fields.bool(UPLOADS_DATA_EVENTS_TRAIL, false);
        List<String> tableReplicaRegions = fields.replicaRegions(region);
        String webDomainName = fields.optionalText(WEB_DOMAIN_NAME, DOMAIN_NAME, "a lower case DNS name");
        String webCertificateArn = fields.optionalText(WEB_CERTIFICATE_ARN, ACM_CERTIFICATE_IN_US_EAST_1,
                "the ARN of an ACM certificate in us-east-1 (CloudFront only uses certificates from there)");
        fields.together(WEB_DOMAIN_NAME, WEB_CERTIFICATE_ARN);
        FileQuotas fileQuotas = new FileQuotas(
                fields.number(FILE_QUOTA_FILES, FileQuotas.DEFAULT.files(), 1, 1_000_000),
                fields.number(FILE_QUOTA_BYTES, FileQuotas.DEFAULT.bytes(), 1, 1L << 40),
                fields.number(FILE_QUOTA_UPLOADS_PER_MONTH, FileQuotas.DEFAULT.uploadsPerMonth(), 1, 1_000_000));

        if (!fields.errors.isEmpty()) {
            throw new InvalidStageConfigException("Stage \"" + stageName + "\" (context \"" + STAGES_KEY + "\".\""
                    + stageName + "\") is invalid:\n  - " + String.join("\n  - ", fields.errors));
        }
        return new StageConfig(stageName, production, account, region, googleClientId, secretName, domainPrefix,
                callbackUrls, logoutUrls, allowedOrigins, alarmEmail, maxUploadBytes, uploadRetentionDays,
                processedRetentionDays, logRetentionDays, accessLogRetentionDays, threatProtection, apiKeyRequired,
                webDomainName, webCertificateArn, uploadsDataEventsTrail, tableReplicaRegions, fileQuotas);
    }

    private static List<String> keys(Map<?, ?> map) {
        return map.keySet().stream().map(String::valueOf).toList();
    }

    /** Cognito accepts https redirects, and http ones only for localhost. */
    private static boolean isRedirectUrl(String value) {
        URI uri = parse(value);
        return uri != null && uri.getHost() != null && uri.getFragment() == null && isSecureOrLocal(uri);
    }

    /** A browser origin: scheme, host and optional port, nothing else. */
    private static boolean isOrigin(String value) {
        URI uri = parse(value);
        return uri != null && uri.getHost() != null && isSecureOrLocal(uri) && uri.getRawPath().isEmpty()
                && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
    }

    private static boolean isSecureOrLocal(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || scheme.equals("http")
                && (uri.getHost().equals("localhost") || uri.getHost().equals("127.0.0.1"));
    }

    private static URI parse(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Typed reads of one stage's settings, collecting problems instead of stopping at the first. */
    private static final class Fields {

        final Map<?, ?> values;
        final List<String> errors = new ArrayList<>();

        Fields(Map<?, ?> values) {
            this.values = values;
        }

        String text(String key, Pattern pattern, String expected) {
            if (values.get(key) == null) {
                errors.add(key + ": required, " + expected);
                return null;
            }
            return optionalText(key, pattern, expected);
        }

        String optionalText(String key, Pattern pattern, String expected) {
            Object value = values.get(key);
            if (value == null) {
                return null;
            }
            if (value instanceof String text && pattern.matcher(text).matches()) {
                return text;
            }
            errors.add(key + ": \"" + value + "\" is not " + expected);
            return null;
        }

        List<String> urls(String key, Predicate<String> valid, String expected) {
            Object value = values.get(key);
            if (!(value instanceof List<?> list) || list.isEmpty()) {
                errors.add(key + ": required, a non-empty list of " + expected);
                return List.of();
            }
            List<String> urls = new ArrayList<>();
            for (Object item : list) {
                if (item instanceof String url && valid.test(url)) {
                    urls.add(url);
                } else {
                    errors.add(key + ": \"" + item + "\" is not one of " + expected);
                }
            }
            return urls;
        }

        /**
         * The regions of {@code tableReplicaRegions}. A global table is created in its stack's region and replicated
         * to the others, so the stage must name its own region (CDK cannot place replicas of a region-agnostic
         * stack) and may not list it again.
         */
        List<String> replicaRegions(String stageRegion) {
            Object value = values.get(TABLE_REPLICA_REGIONS);
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List<?> list)) {
                errors.add(TABLE_REPLICA_REGIONS + ": a list of AWS regions such as [\"eu-central-1\"]");
                return List.of();
            }
            List<String> regions = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof String name) || !REGION_NAME.matcher(name).matches()) {
                    errors.add(TABLE_REPLICA_REGIONS + ": \"" + item + "\" is not an AWS region such as eu-central-1");
                } else if (name.equals(stageRegion)) {
                    errors.add(TABLE_REPLICA_REGIONS + ": " + name + " is the stage's own region, which always holds "
                            + "the tables; list only the other regions");
                } else if (regions.contains(name)) {
                    errors.add(TABLE_REPLICA_REGIONS + ": " + name + " is listed twice");
                } else {
                    regions.add(name);
                }
            }
            if (!regions.isEmpty() && stageRegion == null) {
                errors.add(TABLE_REPLICA_REGIONS + ": needs \"" + REGION + "\" (and \"" + ACCOUNT
                        + "\"): replicas are placed relative to the region the stage is deployed to");
            }
            return List.copyOf(regions);
        }

        long number(String key, long defaultValue, long min, long max) {
            Object value = values.get(key);
            if (value == null) {
                return defaultValue;
            }
            if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                    && number.doubleValue() >= min && number.doubleValue() <= max) {
                return number.longValue();
            }
            errors.add(key + ": \"" + value + "\" is not a whole number from " + min + " to " + max);
            return defaultValue;
        }

        boolean bool(String key, boolean defaultValue) {
            Object value = values.get(key);
            if (value == null) {
                return defaultValue;
            }
            if (value instanceof Boolean flag) {
                return flag;
            }
            errors.add(key + ": \"" + value + "\" is not true or false");
            return defaultValue;
        }

        void together(String firstKey, String secondKey) {
            if (values.get(firstKey) != null ^ values.get(secondKey) != null) {
                errors.add(firstKey + " and " + secondKey + " must be given together");
            }
        }
    }
}
