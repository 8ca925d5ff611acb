package dev.persona.infra.constructs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.FunctionDefinition;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.StorageLayout;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * The functions behind the API: the JWT authorizer and one handler per {@code LambdaFunctions.API}
 * entry, each with only the access its routes need, plus the uploader role that the credential vendor
 * assumes to hand browsers short-lived credentials able to upload under {@code uploads/} and nothing else.
 *
 * <ul>
 *   <li>uploads: writes job items, and signs presigned PUTs and POSTs into {@code uploads/}</li>
 *   <li>jobs: reads job items</li>
 *   <li>personas: reads persona items and documents under {@code personas/}</li>
 *   <li>delete-my-data: lists and deletes (every version) under the three areas, reads and deletes items
 *   of both tables</li>
 *   <li>get-aws-credentials: assumes the uploader role</li>
 *   <li>authorizer: nothing beyond its logs</li>
 * </ul>
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
     * @param deletionTimeout  longest run of delete-my-data, which may remove many objects. Default 28 seconds
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
                .actions(List.of("sts:TagSession", "sts:SetSourceIdentity"))
                .build());
        storage.grantBrowserUploads(uploaderRole, StorageLayout.UPLOADS_PREFIX);
        uploaderRole.grant(credentials.role(), "sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity");
        // The role's ARN only reaches the vendor here, after the role exists.
        credentials.addEnvironment(EnvironmentVariables.UPLOADER_ROLE_ARN, uploaderRole.getRoleArn());

        JavaFunction uploads = handler("Uploads", withData, LambdaFunctions.UPLOADS, props.handlerTimeout());
        jobs.grantWriteItems(uploads);
        storage.grantWriteObjects(uploads, StorageLayout.UPLOADS_PREFIX);

        JavaFunction jobsHandler = handler("Jobs", withData, LambdaFunctions.JOBS, props.handlerTimeout());
        jobs.grantReadItems(jobsHandler);

        JavaFunction personasHandler = handler("Personas", withData, LambdaFunctions.PERSONAS,
                props.handlerTimeout());
        personas.grantReadItems(personasHandler);
        storage.grantReadObjects(personasHandler, StorageLayout.PERSONAS_PREFIX);

        JavaFunction deleteMyData = handler("DeleteMyData", withData, LambdaFunctions.DELETE_MY_DATA,
                props.deletionTimeout());
        storage.grantDeleteObjects(deleteMyData, StorageLayout.AREAS);
        for (DataTable table : List.of(jobs, personas)) {
            table.grantReadItems(deleteMyData);
            table.grantDeleteItems(deleteMyData);
        }

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

    /** The handler of each API function definition. */
    public Map<FunctionDefinition, JavaFunction> handlers() {
        return Map.copyOf(handlers);
    }

    public JavaFunction authorizer() {
        return authorizer;
    }

    public IRole uploaderRole() {
        return uploaderRole;
    }
}
