package dev.persona.contracts.iam;

import dev.persona.contracts.FunctionDefinition;
import dev.persona.contracts.StorageLayout;
import dev.persona.contracts.TableDefinition;

/**
 * The ARNs of the system's resources where it runs: CDK tokens in the CDK app, the local stand-ins' ARNs
 * in the local runtime. {@link #arn} turns a model {@link Resource} into one.
 */
public interface ResourceNames {

    String partition();

    String region();

    /** {@code arn:{partition}:s3:::{bucket}}. */
    String bucketArn();

    String bucketKeyArn();

    String tableArn(TableDefinition table);

    String functionAliasArn(FunctionDefinition function);

    /** The ARN of the function's log group, as IAM policies name it ({@code …:log-group:{name}:*}). */
    String logGroupArn(FunctionDefinition function);

    String stateMachineArn();

    String uploaderRoleArn();

    String signingKeySecretArn();

    String signingKeySecretKeyArn();

    /** The ARN of the table's latest stream. */
    String tableStreamArn(TableDefinition table);

    String fileStreamFailuresArn();

    /**
     * The ARN of {@code resource} for a permission of {@code principal}; {@code userId} fills a per-user
     * resource (the upload session's prefix) and must be a valid storage id then.
     */
    default String arn(Resource resource, Principal principal, String userId) {
        return switch (resource) {
            case Resource.BucketObjects objects -> bucketArn() + "/"
                    + (objects.perUser() ? StorageLayout.userPrefix(objects.area(), requireUser(userId)) : objects.area())
                    + "*";
            case Resource.Bucket bucket -> bucketArn();
            case Resource.BucketKey key -> bucketKeyArn();
            case Resource.Table table -> tableArn(table.table());
            case Resource.TableIndex index -> tableArn(index.table()) + "/index/" + index.index();
            case Resource.FunctionAlias alias -> functionAliasArn(alias.function());
            case Resource.PipelineStateMachine stateMachine -> stateMachineArn();
            case Resource.UploaderRole role -> uploaderRoleArn();
            case Resource.SigningKeySecret secret -> signingKeySecretArn();
            case Resource.SigningKeySecretKey key -> signingKeySecretKeyArn();
            case Resource.TableStream stream -> tableStreamArn(stream.table());
            case Resource.FileStreamFailures queue -> fileStreamFailuresArn();
            case Resource.OwnLogGroup logGroup -> {
                if (principal.function() == null) {
                    throw new IllegalArgumentException(principal.id() + " has no log group of its own");
                }
                yield logGroupArn(principal.function());
            }
            case Resource.AnyResource any -> "*";
        };
    }

    /** The value of a condition where the stack runs. */
    default String value(ConditionValue value) {
        return switch (value) {
            case ConditionValue.Literal literal -> literal.value();
            case ConditionValue.ServiceEndpoint endpoint -> endpoint.service() + "." + region() + ".amazonaws.com";
        };
    }

    private static String requireUser(String userId) {
        if (userId == null) {
            throw new IllegalArgumentException("a per-user resource needs the user id");
        }
        return userId;
    }
}
