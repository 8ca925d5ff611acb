package dev.persona.infra.constructs;

import java.util.Map;
import java.util.Objects;

import dev.persona.contracts.FunctionDefinition;
import dev.persona.contracts.TableDefinition;
import dev.persona.contracts.iam.ResourceNames;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * The permission model's resources as the CDK app creates them: every ARN a token of the resource, so the
 * synthesized policies reference the resources themselves (across stacks through exports).
 *
 * @param scope        where the policies live; its stack gives the partition and region tokens
 * @param storage      the uploads bucket and its key
 * @param tables       every table of the model, by definition
 * @param functions    every function of the model, by definition (aliases and log groups)
 * @param stateMachine the pipeline's state machine
 * @param uploaderRole the role the credential vendor assumes
 * @param signingKeySecret    the secret holding the download signing key
 * @param signingKeySecretKey the KMS key encrypting it
 * @param fileStreamFailures  the on-failure queue of the files stream's mapping
 */
public record CdkResourceNames(Construct scope, UploadsStorage storage, Map<TableDefinition, DataTable> tables,
        Map<FunctionDefinition, JavaFunction> functions, IStateMachine stateMachine, IRole uploaderRole,
        ISecret signingKeySecret, IKey signingKeySecretKey, IQueue fileStreamFailures)
        implements ResourceNames {

    public CdkResourceNames {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(storage, "storage");
        tables = Map.copyOf(tables);
        functions = Map.copyOf(functions);
        Objects.requireNonNull(stateMachine, "stateMachine");
        Objects.requireNonNull(uploaderRole, "uploaderRole");
        Objects.requireNonNull(signingKeySecret, "signingKeySecret");
        Objects.requireNonNull(signingKeySecretKey, "signingKeySecretKey");
        Objects.requireNonNull(fileStreamFailures, "fileStreamFailures");
    }

    @Override
    public String partition() {
        return Stack.of(scope).getPartition();
    }

    @Override
    public String region() {
        return Stack.of(scope).getRegion();
    }

    @Override
    public String bucketArn() {
        return storage.bucket().getBucketArn();
    }

    @Override
    public String bucketKeyArn() {
        return storage.key().getKeyArn();
    }

    @Override
    public String tableArn(TableDefinition table) {
        return require(tables, table, table.id()).table().getTableArn();
    }

    @Override
    public String functionAliasArn(FunctionDefinition function) {
        return require(functions, function, function.id()).alias().getFunctionArn();
    }

    @Override
    public String logGroupArn(FunctionDefinition function) {
        return require(functions, function, function.id()).logGroup().getLogGroupArn();
    }

    @Override
    public String stateMachineArn() {
        return stateMachine.getStateMachineArn();
    }

    @Override
    public String uploaderRoleArn() {
        return uploaderRole.getRoleArn();
    }

    @Override
    public String signingKeySecretArn() {
        return signingKeySecret.getSecretArn();
    }

    @Override
    public String signingKeySecretKeyArn() {
        return signingKeySecretKey.getKeyArn();
    }

    @Override
    public String tableStreamArn(TableDefinition table) {
        return Objects.requireNonNull(require(tables, table, table.id()).table().getTableStreamArn(),
                table.id() + " has no stream");
    }

    @Override
    public String fileStreamFailuresArn() {
        return fileStreamFailures.getQueueArn();
    }

    private static <K, V> V require(Map<K, V> values, K key, String name) {
        V value = values.get(key);
        if (value == null) {
            throw new IllegalStateException("the stage deploys no " + name);
        }
        return value;
    }
}
