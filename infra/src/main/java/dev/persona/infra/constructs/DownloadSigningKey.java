package dev.persona.infra.constructs;

import java.util.Map;
import java.util.Objects;

import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.SigningKeys;
import dev.persona.contracts.iam.PermissionModel;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudfront.IKeyGroup;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.CfnPermission;
import software.amazon.awscdk.services.secretsmanager.CfnRotationSchedule;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/**
 * The key that signs download URLs: a Secrets Manager secret encrypted with its own customer KMS key, and its
 * rotation (the signing-key-rotation function on a schedule, with Secrets Manager's four steps). The secret is
 * created with {@link SigningKeys#BOOTSTRAP_VALUE}; creating the rotation schedule rotates at once, which writes the
 * first key pair and adds its public key to the key group. L1 resources for the schedule and the invoke permission,
 * so that the rotation function has exactly the permission model's permissions (the L2 schedule grants its own).
 */
public final class DownloadSigningKey extends Construct {

    private final Key key;
    private final Secret secret;
    private final JavaFunction rotation;

    /**
     * @param deployment    the jar, environment values and log settings of the rotation function. Required
     * @param keyGroup      the key group of the download distribution, which the rotation maintains. Required
     * @param removalPolicy what happens to the key and the secret when they leave the stack. Required
     */
    public record Props(FunctionDeployment deployment, IKeyGroup keyGroup, RemovalPolicy removalPolicy) {

        public Props {
            Objects.requireNonNull(deployment, "deployment");
            Objects.requireNonNull(keyGroup, "keyGroup");
            Objects.requireNonNull(removalPolicy, "removalPolicy");
        }
    }

    public DownloadSigningKey(Construct scope, String id, Props props) {
        super(scope, id);
        key = Key.Builder.create(this, "Key")
                .description("Encrypts the secret holding the key that signs persona-pipeline download URLs")
                .enableKeyRotation(true)
                .removalPolicy(props.removalPolicy())
                .build();
        secret = Secret.Builder.create(this, "Secret")
                .description("The private key that signs download URLs (JSON: keyPairId, privateKeyPem, "
                        + "publicKeyPem, createdAt); written by its rotation")
                .encryptionKey(key)
                // Not a secret: the marker the first rotation replaces with the first key pair.
                .secretStringValue(SecretValue.unsafePlainText(SigningKeys.BOOTSTRAP_VALUE))
                .removalPolicy(props.removalPolicy())
                .build();
        rotation = new JavaFunction(this, "Rotation", props.deployment()
                .withEnvironment(Map.of(EnvironmentVariables.DOWNLOAD_KEY_GROUP_ID, props.keyGroup().getKeyGroupId()))
                .function(LambdaFunctions.SIGNING_KEY_ROTATION, 1024, Duration.minutes(1), null));
        CfnPermission invoke = CfnPermission.Builder.create(this, "SecretsManagerInvokesRotation")
                .action("lambda:InvokeFunction")
                .functionName(rotation.alias().getFunctionArn())
                .principal(PermissionModel.standard().principal(PermissionModel.SIGNING_KEY_ROTATION_INVOKER).service())
                .sourceAccount(Stack.of(this).getAccount())
                .build();
        CfnRotationSchedule schedule = CfnRotationSchedule.Builder.create(this, "RotationSchedule")
                .secretId(secret.getSecretArn())
                .rotationLambdaArn(rotation.alias().getFunctionArn())
                .rotateImmediatelyOnUpdate(true)
                .rotationRules(CfnRotationSchedule.RotationRulesProperty.builder()
                        .scheduleExpression("rate(" + SigningKeys.ROTATION_DAYS + " days)")
                        .build())
                .build();
        schedule.addDependency(invoke);
    }

    public ISecret secret() {
        return secret;
    }

    public IKey key() {
        return key;
    }

    public JavaFunction rotation() {
        return rotation;
    }
}
