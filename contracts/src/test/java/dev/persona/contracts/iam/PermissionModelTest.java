package dev.persona.contracts.iam;

import java.util.List;

import dev.persona.contracts.FunctionDefinition;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.TableDefinition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PermissionModelTest {

    private static final ResourceNames NAMES = new ResourceNames() {
        @Override
        public String partition() {
            return "aws";
        }

        @Override
        public String region() {
            return "eu-west-1";
        }

        @Override
        public String bucketArn() {
            return "arn:aws:s3:::uploads";
        }

        @Override
        public String bucketKeyArn() {
            return "arn:aws:kms:eu-west-1:111122223333:key/k";
        }

        @Override
        public String tableArn(TableDefinition table) {
            return "arn:aws:dynamodb:eu-west-1:111122223333:table/" + table.id();
        }

        @Override
        public String functionAliasArn(FunctionDefinition function) {
            return "arn:aws:lambda:eu-west-1:111122223333:function:" + function.id() + ":live";
        }

        @Override
        public String logGroupArn(FunctionDefinition function) {
            return "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/" + function.id() + ":*";
        }

        @Override
        public String stateMachineArn() {
            return "arn:aws:states:eu-west-1:111122223333:stateMachine:pipeline";
        }

        @Override
        public String uploaderRoleArn() {
            return "arn:aws:iam::111122223333:role/uploader";
        }

        @Override
        public String signingKeySecretArn() {
            return "arn:aws:secretsmanager:eu-west-1:111122223333:secret:signing-AbCdEf";
        }

        @Override
        public String signingKeySecretKeyArn() {
            return "arn:aws:kms:eu-west-1:111122223333:key/s";
        }

        @Override
        public String tableStreamArn(TableDefinition table) {
            return tableArn(table) + "/stream/2026-12-01T00:00:00.000";
        }

        @Override
        public String fileStreamFailuresArn() {
            return "arn:aws:sqs:eu-west-1:111122223333:failures";
        }
    };

    private final PermissionModel model = PermissionModel.standard();

    @Test
    void everyFunctionHasAnExecutionRoleAndEveryPrincipalAnId() {
        for (FunctionDefinition function : LambdaFunctions.ALL) {
            assertThat(model.function(function).kind()).isEqualTo(Principal.Kind.FUNCTION);
        }
        assertThat(model.principals()).extracting(Principal::id).doesNotHaveDuplicates()
                .contains(PermissionModel.UPLOADER_ROLE, PermissionModel.UPLOADER_SESSION_POLICY,
                        PermissionModel.PIPELINE_STATE_MACHINE, PermissionModel.UPLOAD_RULE,
                        PermissionModel.DOWNLOAD_DISTRIBUTION, PermissionModel.SIGNING_KEY_ROTATION_INVOKER,
                        PermissionModel.FILE_EVENTS_RULE, PermissionModel.JOB_OUTCOMES_RULE);
    }

    @Test
    void theJobOutcomesFunctionReachesNoData() {
        assertThat(model.function(LambdaFunctions.JOB_OUTCOMES).permissions())
                .flatExtracting(Permission::actions).allSatisfy(action -> assertThat(action).matches("(logs|xray):.*"));
    }

    @Test
    void servicesNameTheirServiceAndHaveNoRole() {
        assertThat(model.principal(PermissionModel.DOWNLOAD_DISTRIBUTION).service()).isEqualTo("cloudfront.amazonaws.com");
        assertThat(model.principal(PermissionModel.SIGNING_KEY_ROTATION_INVOKER).service())
                .isEqualTo("secretsmanager.amazonaws.com");
        assertThat(model.principals()).filteredOn(principal -> !principal.kind().hasRole())
                .extracting(Principal::id).containsExactlyInAnyOrder(PermissionModel.UPLOADER_SESSION_POLICY,
                        PermissionModel.DOWNLOAD_DISTRIBUTION, PermissionModel.SIGNING_KEY_ROTATION_INVOKER,
                        PermissionModel.FILE_EVENTS_RULE, PermissionModel.JOB_OUTCOMES_RULE);
    }

    @Test
    void theFileStreamConsumerReadsTheStreamAndDeletesOnlyBelowFiles() {
        String document = PolicyDocuments.of(model.function(LambdaFunctions.FILE_STREAM), NAMES);
        assertThat(document).contains("\"dynamodb:GetRecords\"", NAMES.tableStreamArn(dev.persona.contracts.Tables.FILES),
                "arn:aws:s3:::uploads/files/*", "\"s3:prefix\":[\"files/*\"]", NAMES.fileStreamFailuresArn());
    }

    @Test
    void theSessionPolicyNamesOnlyTheUsersOwnPrefixAndTheKeyThroughS3() {
        String document = PolicyDocuments.of(model.principal(PermissionModel.UPLOADER_SESSION_POLICY), NAMES, "dev_alice");
        assertThat(document).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":[\"s3:PutObject\",\"s3:AbortMultipartUpload\","
                + "\"s3:ListMultipartUploadParts\"],\"Resource\":[\"arn:aws:s3:::uploads/uploads/dev_alice/*\"]},"
                + "{\"Effect\":\"Allow\",\"Action\":[\"kms:GenerateDataKey\",\"kms:Decrypt\"],\"Resource\":[\"*\"],"
                + "\"Condition\":{\"StringEquals\":{\"kms:ViaService\":[\"s3.eu-west-1.amazonaws.com\"]}}}]}");
    }

    @Test
    void aPerUserResourceNeedsAValidUserId() {
        Principal session = model.principal(PermissionModel.UPLOADER_SESSION_POLICY);
        assertThatThrownBy(() -> PolicyDocuments.of(session, NAMES)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PolicyDocuments.of(session, NAMES, "a/*")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutTakesOneActionAwayFromOnePrincipalOnly() {
        PermissionModel reduced = model.without(LambdaFunctions.PREPROCESS.id(), "s3:GetObjectVersion");
        assertThat(actions(reduced.function(LambdaFunctions.PREPROCESS))).doesNotContain("s3:GetObjectVersion")
                .contains("s3:GetObject");
        assertThat(reduced.function(LambdaFunctions.CATEGORIZE)).isEqualTo(model.function(LambdaFunctions.CATEGORIZE));
        assertThatThrownBy(() -> model.without(LambdaFunctions.JOBS.id(), "s3:GetObject"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void actionsAreExactNamesWithoutWildcards() {
        assertThatThrownBy(() -> new Permission(List.of("s3:Get*"), List.of(new Resource.Bucket()), List.of(),
                Permission.Grantor.MODEL, "no")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTrpcFunctionMayDoExactlyWhatTheFunctionsWhoseServicesItCallsMayDo() {
        java.util.Set<Permission> together = new java.util.HashSet<>();
        for (FunctionDefinition function : List.of(LambdaFunctions.UPLOADS, LambdaFunctions.JOBS,
                LambdaFunctions.PERSONAS, LambdaFunctions.DELETE_MY_DATA, LambdaFunctions.PROFILE,
                LambdaFunctions.NOTES, LambdaFunctions.BOOKMARKS, LambdaFunctions.FILES)) {
            together.addAll(model.function(function).permissions());
        }
        // tRPC offers no persona download link: it reads the signing key only as the files function does.
        List<Permission> files = model.function(LambdaFunctions.FILES).permissions();
        together.removeIf(permission -> !files.contains(permission) && permission.resources().stream()
                .anyMatch(resource -> resource instanceof Resource.SigningKeySecret
                        || resource instanceof Resource.SigningKeySecretKey));
        assertThat(model.function(LambdaFunctions.TRPC).permissions()).containsExactlyInAnyOrderElementsOf(together);
        assertThat(model.function(LambdaFunctions.TRPC).permissions())
                .filteredOn(permission -> permission.actions().contains("secretsmanager:GetSecretValue"))
                .singleElement().isIn(files);
        assertThat(actions(model.function(LambdaFunctions.TRPC))).doesNotContain("sts:AssumeRole",
                "s3:GetObjectVersion", "secretsmanager:PutSecretValue", "cloudfront:CreatePublicKey");
    }

    private static List<String> actions(Principal principal) {
        return principal.permissions().stream().flatMap(permission -> permission.actions().stream()).toList();
    }
}
