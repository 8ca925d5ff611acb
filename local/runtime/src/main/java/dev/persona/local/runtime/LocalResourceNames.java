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
}
