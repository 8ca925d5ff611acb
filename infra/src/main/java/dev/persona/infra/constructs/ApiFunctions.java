package dev.persona.infra.constructs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.FunctionDefinition;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.StorageLayout;
import dev.persona.contracts.iam.PermissionModel;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * The functions behind the API: the JWT authorizer and one handler per {@code LambdaFunctions.API}
 * entry (the names of the tables each reads come with the deployment's environment), plus the uploader role that the credential vendor assumes to hand browsers short-lived credentials
 * able to upload under {@code uploads/} and nothing else. What each may do comes from the permission model
 * ({@code ModelPermissions}); this construct only creates the uploader role's trust in the vendor.
 */
public final class ApiFunctions extends Construct {

    private final Map<FunctionDefinition, JavaFunction> handlers = new LinkedHashMap<>();
    private final JavaFunction authorizer;
    private final Role uploaderRole;

    /**
     * @param deployment       the jar, environment values and log settings of the functions. Required
     * @param storage          the uploads bucket. Required
     * @param jobs             the jobs table. Required
     * @param personas         the personas table. Required
     * @param handlerTimeout   longest run of a route handler; API Gateway gives up after 29 seconds.
     *                         Default 20 seconds
     * @param deletionTimeout  longest run of delete-my-data, which may remove many objects, and of the tRPC function,
     *                         which serves the same deletion. Default 28 seconds
     * @param uploaderSession  longest session the uploader role allows; vended credentials last at most
     *                         this long. Default 1 hour
     */
    public record Props(
            FunctionDeployment deployment,
            UploadsStorage storage,
            DataTable jobs,
            DataTable personas,
            Duration handlerTimeout,
            Duration deletionTimeout,
            Duration uploaderSession) {

        public Props {
            Objects.requireNonNull(deployment, "deployment");
            Objects.requireNonNull(storage, "storage");
            Objects.requireNonNull(jobs, "jobs");
            Objects.requireNonNull(personas, "personas");
            handlerTimeout = handlerTimeout == null ? Duration.seconds(20) : handlerTimeout;
            deletionTimeout = deletionTimeout == null ? Duration.seconds(28) : deletionTimeout;
            uploaderSession = uploaderSession == null ? Duration.hours(1) : uploaderSession;
        }
    }

    public ApiFunctions(Construct scope, String id, Props props) {
        super(scope, id);
        UploadsStorage storage = props.storage();
        DataTable jobs = props.jobs();
        DataTable personas = props.personas();
        FunctionDeployment withData = props.deployment().withEnvironment(Map.of(
                EnvironmentVariables.UPLOADS_BUCKET, storage.bucket().getBucketName(),
                jobs.definition().environmentVariable(), jobs.table().getTableName(),
                personas.definition().environmentVariable(), personas.table().getTableName()));

        authorizer = new JavaFunction(this, "Authorizer",
                withData.function(LambdaFunctions.AUTHORIZER, 1024, Duration.seconds(10), null));

        JavaFunction credentials = handler("GetAwsCredentials", withData, LambdaFunctions.GET_AWS_CREDENTIALS,
                props.handlerTimeout());
        uploaderRole = Role.Builder.create(this, "UploaderRole")
                .description("Assumed by the credential vendor: browser uploads under " + StorageLayout.UPLOADS_PREFIX)
                .assumedBy(new ArnPrincipal(credentials.role().getRoleArn()))
                .maxSessionDuration(props.uploaderSession())
                .build();
        // Session tags and the source identity carry the user id into the session and CloudTrail.
        uploaderRole.getAssumeRolePolicy().addStatements(PolicyStatement.Builder.create()
                .principals(List.of(new ArnPrincipal(credentials.role().getRoleArn())))
                .actions(PermissionModel.UPLOADER_ASSUME_ACTIONS.stream()
                        .filter(action -> !action.equals("sts:AssumeRole")).toList())
                .build());
        // The role's ARN only reaches the vendor here, after the role exists.
        credentials.addEnvironment(EnvironmentVariables.UPLOADER_ROLE_ARN, uploaderRole.getRoleArn());

        handler("Uploads", withData, LambdaFunctions.UPLOADS, props.handlerTimeout());
        handler("Jobs", withData, LambdaFunctions.JOBS, props.handlerTimeout());
        handler("Personas", withData, LambdaFunctions.PERSONAS, props.handlerTimeout());
        handler("DeleteMyData", withData, LambdaFunctions.DELETE_MY_DATA, props.deletionTimeout());
        handler("Profile", withData, LambdaFunctions.PROFILE, props.handlerTimeout());
        handler("Notes", withData, LambdaFunctions.NOTES, props.handlerTimeout());
        handler("Bookmarks", withData, LambdaFunctions.BOOKMARKS, props.handlerTimeout());
        handler("Files", withData, LambdaFunctions.FILES, props.handlerTimeout());
        // The tRPC function serves me.deleteData too, so it may run as long as delete-my-data.
        handler("Trpc", withData, LambdaFunctions.TRPC, props.deletionTimeout());

        if (!handlers.keySet().containsAll(LambdaFunctions.API)) {
            throw new IllegalStateException("API functions without a deployment: " + LambdaFunctions.API.stream()
                    .filter(definition -> !handlers.containsKey(definition)).map(FunctionDefinition::id).toList());
        }
    }

    private JavaFunction handler(String id, FunctionDeployment deployment, FunctionDefinition definition,
            Duration timeout) {
        JavaFunction function = new JavaFunction(this, id, deployment.function(definition, 1024, timeout, null));
        handlers.put(definition, function);
        return function;
    }

    /**
     * The handler of each API function definition, in the order they were created: templates built from this order
     * (the saved queries' log groups) are the same in every synthesis.
     */
    public Map<FunctionDefinition, JavaFunction> handlers() {
        return Collections.unmodifiableMap(handlers);
    }

    public JavaFunction authorizer() {
        return authorizer;
    }

    public IRole uploaderRole() {
        return uploaderRole;
    }
}
