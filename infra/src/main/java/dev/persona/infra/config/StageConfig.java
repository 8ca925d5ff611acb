package dev.persona.infra.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.persona.contracts.FileQuotas;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * One deployment stage, read from the CDK context {@code stages.<name>} by {@link StageConfigReader},
 * which validates every value. The component names are the context keys.
 *
 * @param stageName              the key under {@code stages}; lower case letters, digits and dashes, at
 *                               most 20 characters. Prefixes stack names and names the API stage
 * @param production             {@code production}: keep data when a stack or resource is deleted
 *                               (RETAIN, deletion protection, termination protection). Default false:
 *                               data stacks of other stages delete their data with them
 * @param account                {@code account}: 12-digit AWS account id to pin the stacks to, or null
 *                               for environment-agnostic stacks (the default; synthesis needs no
 *                               credentials either way)
 * @param region                 {@code region}: AWS region to pin the stacks to, or null. Given together
 *                               with {@code account}
 * @param googleClientId         {@code googleClientId} (required): the Google OAuth client id
 *                               ({@code <number>-<id>.apps.googleusercontent.com}); Cognito federates with
 *                               it and the authorizer accepts Google ID tokens issued to it
 * @param googleClientSecretName {@code googleClientSecretName} (required): name of the Secrets Manager
 *                               secret holding the Google client secret as plain text. The template only
 *                               carries a dynamic reference to it
 * @param cognitoDomainPrefix    {@code cognitoDomainPrefix} (required): prefix of the Cognito hosted
 *                               domain {@code <prefix>.auth.<region>.amazoncognito.com}; globally unique,
 *                               lower case, must not contain {@code aws}, {@code amazon} or {@code cognito}
 * @param callbackUrls           {@code callbackUrls} (required): where Cognito may redirect after sign-in;
 *                               https, or http on localhost
 * @param logoutUrls             {@code logoutUrls} (required): where Cognito may redirect after sign-out
 * @param allowedOrigins         {@code allowedOrigins} (required): browser origins
 *                               ({@code https://host[:port]}) allowed by CORS on the API and the uploads
 *                               bucket
 * @param alarmEmail             {@code alarmEmail} (required): address subscribed to the alarm topic
 * @param maxUploadBytes         {@code maxUploadBytes}: largest accepted upload in bytes, at most 5 GiB (the
 *                               largest single PUT or POST S3 accepts). Default 1 GiB
 * @param uploadRetentionDays    {@code uploadRetentionDays}: days raw uploads ({@code uploads/}) are kept.
 *                               Default 7
 * @param processedRetentionDays {@code processedRetentionDays}: days intermediate files
 *                               ({@code processed/}) are kept. Default 30. Personas are kept until the user
 *                               deletes them
 * @param logRetentionDays       {@code logRetentionDays}: retention of every CloudWatch log group, one of
 *                               the values CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, …). Default 30
 * @param accessLogRetentionDays {@code accessLogRetentionDays}: days S3 and CloudFront access logs are kept.
 *                               Default 90
 * @param threatProtection       {@code threatProtection}: Cognito threat protection (Plus feature plan,
 *                               billed per monthly active user). Default false
 * @param apiKeyRequired         {@code apiKeyRequired}: every API method also requires an API key of the
 *                               usage plan, for deployments that serve server-to-server clients. Default
 *                               false
 * @param webDomainName          {@code webDomainName}: custom domain of the CloudFront distribution, or null
 *                               for the {@code *.cloudfront.net} name. Given together with
 *                               {@code webCertificateArn}
 * @param webCertificateArn      {@code webCertificateArn}: ACM certificate (us-east-1) for
 *                               {@code webDomainName}; with it viewers need TLS 1.2 or newer
 * @param uploadsDataEventsTrail {@code uploadsDataEventsTrail}: a CloudTrail trail of the uploads bucket's S3 data
 *                               events, in a bucket of its own. Default false
 * @param tableReplicaRegions    {@code tableReplicaRegions}: other regions every table is replicated to, as DynamoDB
 *                               global tables (multi-Region eventual consistency). Needs {@code region}. Default
 *                               none: each table lives in the stage's region only
 * @param fileQuotas             {@code fileQuotaFiles}, {@code fileQuotaBytes} and
 *                               {@code fileQuotaUploadsPerMonth}: what one account may keep in its file library.
 *                               Default {@link FileQuotas#DEFAULT} (1,000 files, 5 GiB, 500 new files a month)
 */
public record StageConfig(
        String stageName,
        boolean production,
        String account,
        String region,
        String googleClientId,
        String googleClientSecretName,
        String cognitoDomainPrefix,
        List<String> callbackUrls,
        List<String> logoutUrls,
        List<String> allowedOrigins,
        String alarmEmail,
        long maxUploadBytes,
        int uploadRetentionDays,
        int processedRetentionDays,
        int logRetentionDays,
        int accessLogRetentionDays,
        boolean threatProtection,
        boolean apiKeyRequired,
        String webDomainName,
        String webCertificateArn,
        boolean uploadsDataEventsTrail,
        List<String> tableReplicaRegions,
        FileQuotas fileQuotas) {

    /** CloudWatch Logs retention periods in days, as the {@link RetentionDays} constants name them. */
    static final Map<Integer, RetentionDays> LOG_RETENTION = Map.ofEntries(
            Map.entry(1, RetentionDays.ONE_DAY), Map.entry(3, RetentionDays.THREE_DAYS),
            Map.entry(5, RetentionDays.FIVE_DAYS), Map.entry(7, RetentionDays.ONE_WEEK),
            Map.entry(14, RetentionDays.TWO_WEEKS), Map.entry(30, RetentionDays.ONE_MONTH),
            Map.entry(60, RetentionDays.TWO_MONTHS), Map.entry(90, RetentionDays.THREE_MONTHS),
            Map.entry(120, RetentionDays.FOUR_MONTHS), Map.entry(150, RetentionDays.FIVE_MONTHS),
            Map.entry(180, RetentionDays.SIX_MONTHS), Map.entry(365, RetentionDays.ONE_YEAR),
            Map.entry(400, RetentionDays.THIRTEEN_MONTHS), Map.entry(545, RetentionDays.EIGHTEEN_MONTHS),
            Map.entry(731, RetentionDays.TWO_YEARS), Map.entry(1096, RetentionDays.THREE_YEARS),
            Map.entry(1827, RetentionDays.FIVE_YEARS), Map.entry(2192, RetentionDays.SIX_YEARS),
            Map.entry(2557, RetentionDays.SEVEN_YEARS), Map.entry(2922, RetentionDays.EIGHT_YEARS),
            Map.entry(3288, RetentionDays.NINE_YEARS), Map.entry(3653, RetentionDays.TEN_YEARS));

    public StageConfig {
        Objects.requireNonNull(stageName, "stageName");
        callbackUrls = List.copyOf(callbackUrls);
        logoutUrls = List.copyOf(logoutUrls);
        allowedOrigins = List.copyOf(allowedOrigins);
        tableReplicaRegions = List.copyOf(tableReplicaRegions);
        Objects.requireNonNull(fileQuotas, "fileQuotas");
        if (!LOG_RETENTION.containsKey(logRetentionDays)) {
            throw new IllegalArgumentException("not a CloudWatch Logs retention period: " + logRetentionDays);
        }
    }

    /** RETAIN for data in production stages; elsewhere data goes with its stack. */
    public RemovalPolicy dataRemovalPolicy() {
        return production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    }

    public RetentionDays logRetention() {
        return LOG_RETENTION.get(logRetentionDays);
    }

    /** {@code persona-<stage>-<part>}: the name of one of the stage's stacks. */
    public String stackName(String part) {
        return "persona-" + stageName + "-" + part;
    }
}
