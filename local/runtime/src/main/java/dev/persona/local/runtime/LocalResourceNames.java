package dev.persona.local.runtime;

import java.util.Locale;

import dev.persona.contracts.FunctionDefinition;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.TableDefinition;
import dev.persona.contracts.iam.ResourceNames;

/**
 * The ARNs of the local stand-ins, in the local account and region: what the permission model's resources are
 * called locally, and so what the local IAM evaluates requests against.
 *
 * @param account          the account of every local resource
 * @param region           the region of every local resource
 * @param bucket           the uploads bucket
 * @param bucketKeyId      the id of the KMS key the bucket encrypts with
 * @param stateMachineName the pipeline's state machine
 */
public record LocalResourceNames(String account, String region, String bucket, String bucketKeyId,
        String stateMachineName) implements ResourceNames {

    /** The name of the secret holding the download signing key. */
    public static final String SIGNING_KEY_SECRET_NAME = "persona-download-signing-key";
    /** The id of the customer KMS key that encrypts the signing key's secret. */
    public static final String SIGNING_KEY_SECRET_KEY_ID = "7a3f0c2e-5d41-4b8a-9e6c-1f2d3b4c5a60";
    /** The queue of stream records the file stream's mapping could not process. */
    public static final String FILE_STREAM_FAILURES_QUEUE = "persona-file-stream-failures";

    /** {@code persona-jobs} for the table with id {@code Jobs}. */
    public static String tableName(TableDefinition table) {
        return "persona-" + table.id().toLowerCase(Locale.ROOT);
    }

    @Override
    public String partition() {
        return "aws";
    }

    @Override
    public String bucketArn() {
        return "arn:aws:s3:::" + bucket;
    }

    @Override
    public String bucketKeyArn() {
        return "arn:aws:kms:" + region + ":" + account + ":key/" + bucketKeyId;
    }

    @Override
    public String tableArn(TableDefinition table) {
        return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + tableName(table);
    }

    @Override
    public String functionAliasArn(FunctionDefinition function) {
        return "arn:aws:lambda:" + region + ":" + account + ":function:" + function.id() + ":" + LambdaFunctions.ALIAS_NAME;
    }

    @Override
    public String logGroupArn(FunctionDefinition function) {
        return "arn:aws:logs:" + region + ":" + account + ":log-group:/aws/lambda/" + function.id() + ":*";
    }

    @Override
    public String stateMachineArn() {
        return "arn:aws:states:" + region + ":" + account + ":stateMachine:" + stateMachineName;
    }

    @Override
    public String uploaderRoleArn() {
        return "arn:aws:iam::" + account + ":role/persona-local-uploader";
    }

    /** Secrets Manager appends six random characters to a secret's name in its ARN, which policies match with ?. */
    @Override
    public String signingKeySecretArn() {
        return "arn:aws:secretsmanager:" + region + ":" + account + ":secret:" + SIGNING_KEY_SECRET_NAME + "-??????";
    }

    @Override
    public String signingKeySecretKeyArn() {
        return "arn:aws:kms:" + region + ":" + account + ":key/" + SIGNING_KEY_SECRET_KEY_ID;
    }

    /** Any stream of the table: a stream's label is the time it was enabled. */
    @Override
    public String tableStreamArn(TableDefinition table) {
        return tableArn(table) + "/stream/*";
    }

    @Override
    public String fileStreamFailuresArn() {
        return "arn:aws:sqs:" + region + ":" + account + ":" + FILE_STREAM_FAILURES_QUEUE;
    }
}
