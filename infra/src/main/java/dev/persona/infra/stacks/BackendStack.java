package dev.persona.infra.stacks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.FunctionDefinition;
import dev.persona.contracts.FunctionSettings;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.Tables;
import dev.persona.contracts.iam.PermissionModel;
import dev.persona.infra.config.StageConfig;
import dev.persona.infra.constructs.ApiFunctions;
import dev.persona.infra.constructs.CdkResourceNames;
import dev.persona.infra.constructs.DataTable;
import dev.persona.infra.constructs.DownloadSigningKey;
import dev.persona.infra.constructs.FileLibraryConsumers;
import dev.persona.infra.constructs.FunctionDeployment;
import dev.persona.infra.constructs.JavaFunction;
import dev.persona.infra.constructs.JobOutcomeMetrics;
import dev.persona.infra.constructs.LogsInsightsQueries;
import dev.persona.infra.constructs.ModelPermissions;
import dev.persona.infra.constructs.OperationsMonitoring;
import dev.persona.infra.constructs.PersonaRestApi;
import dev.persona.infra.constructs.ProcessingPipeline;
import dev.persona.infra.constructs.UserIdentity;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.constructs.Construct;

/**
 * The stage's compute, stateless: the processing pipeline, the API with its functions, and the
 * monitoring of both. Redeploying or destroying it leaves the data and the users alone.
 */
public final class BackendStack extends Stack {

    private final ProcessingPipeline pipeline;
    private final ApiFunctions apiFunctions;
    private final PersonaRestApi api;
    private final OperationsMonitoring monitoring;
    private final DownloadSigningKey signingKey;
    private final FileLibraryConsumers fileLibrary;
    private final JobOutcomeMetrics jobOutcomes;

    public BackendStack(Construct scope, String id, StackProps props, StageConfig config, Code lambdaCode,
            DataStack data, IdentityStack identityStack) {
        super(scope, id, props);
        UserIdentity identity = identityStack.identity();
        Map<String, String> environment = new LinkedHashMap<>(FunctionSettings.values(config.maxUploadBytes(),
                config.fileQuotas()));
        environment.put(EnvironmentVariables.ALLOWED_ORIGINS, String.join(",", config.allowedOrigins()));
        environment.put(EnvironmentVariables.GOOGLE_CLIENT_IDS, config.googleClientId());
        environment.put(EnvironmentVariables.COGNITO_USER_POOL_ID, identity.userPool().getUserPoolId());
        environment.put(EnvironmentVariables.COGNITO_APP_CLIENT_IDS, identity.webClient().getUserPoolClientId());
        // No development issuer in the cloud: the variables are set, empty, so that the authorizer gets the same
        // variables in the cloud and locally.
        environment.put(EnvironmentVariables.DEV_ISSUER_URL, "");
        environment.put(EnvironmentVariables.DEV_ISSUER_AUDIENCES, "");
        data.tables().forEach((definition, table) ->
                environment.put(definition.environmentVariable(), table.table().getTableName()));
        environment.put(EnvironmentVariables.UPLOADS_BUCKET, data.storage().bucket().getBucketName());
        environment.put(EnvironmentVariables.DOWNLOAD_BASE_URL, data.downloads().baseUrl());
        FunctionDeployment deployment = new FunctionDeployment(lambdaCode, environment, config.logRetention(),
                config.dataRemovalPolicy());
        signingKey = new DownloadSigningKey(this, "SigningKey", new DownloadSigningKey.Props(deployment,
                data.downloads().keyGroup(), config.dataRemovalPolicy()));
        deployment = deployment.withEnvironment(Map.of(EnvironmentVariables.SIGNING_KEY_SECRET_ARN,
                signingKey.secret().getSecretArn()));
        fileLibrary = new FileLibraryConsumers(this, "FileLibrary", new FileLibraryConsumers.Props(deployment,
                data.storage(), data.table(Tables.FILES)));

        pipeline = new ProcessingPipeline(this, "Pipeline", new ProcessingPipeline.Props(deployment,
                data.storage(), data.jobs(), data.personas(), null, null));
        jobOutcomes = new JobOutcomeMetrics(this, "JobOutcomes", new JobOutcomeMetrics.Props(deployment,
                pipeline.stateMachine()));
        apiFunctions = new ApiFunctions(this, "ApiFunctions", new ApiFunctions.Props(deployment,
                data.storage(), data.jobs(), data.personas(), null, null, null));
        grantFromModel(data);
        Map<FunctionDefinition, IFunction> handlers = new LinkedHashMap<>();
        apiFunctions.handlers().forEach((definition, function) -> handlers.put(definition, function.alias()));
        api = new PersonaRestApi(this, "Api", new PersonaRestApi.Props(handlers, apiFunctions.authorizer().alias(),
                config.stageName(), config.allowedOrigins(), null, null, null, null, config.apiKeyRequired(),
                config.logRetention(), config.dataRemovalPolicy()));

        Map<String, JavaFunction> functions = new LinkedHashMap<>();
        pipeline.steps().forEach(step -> functions.put(step.definition().id(), step));
        apiFunctions.handlers().values().forEach(handler -> functions.put(handler.definition().id(), handler));
        functions.put(apiFunctions.authorizer().definition().id(), apiFunctions.authorizer());
        backgroundFunctions().forEach((definition, function) -> functions.put(definition.id(), function));
        Map<String, JavaFunction> faultOnError = new LinkedHashMap<>();
        faultOnError.put(LambdaFunctions.SIGNING_KEY_ROTATION.id(), signingKey.rotation());
        faultOnError.put(LambdaFunctions.JOB_OUTCOMES.id(), jobOutcomes.function());
        monitoring = new OperationsMonitoring(this, "Monitoring", new OperationsMonitoring.Props(
                config.stackName("operations"), config.alarmEmail(), pipeline.stateMachine(), functions,
                faultOnError, api.api(), List.of(
                        new OperationsMonitoring.WatchedQueue("UndeliveredUploadEvents", "Upload events could not "
                                + "start the pipeline and wait in the dead-letter queue: their uploads are not "
                                + "processed.", pipeline.deadLetterQueue()),
                        new OperationsMonitoring.WatchedQueue("UndeliveredFileEvents", "Files' S3 events could not "
                                + "reach the file-events function and wait in its dead-letter queue: those files stay "
                                + "PENDING.", fileLibrary.undeliveredEvents()),
                        new OperationsMonitoring.WatchedQueue("FileStreamFailures", "Records of the files table's "
                                + "stream could not be processed and wait in the on-failure queue: usage or object "
                                + "removals are missing.", fileLibrary.streamFailures()),
                        new OperationsMonitoring.WatchedQueue("UndeliveredOutcomeEvents", "Ended executions could "
                                + "not reach the job-outcomes function: their outcomes are not counted, and the "
                                + "system-error alarm cannot see them.", jobOutcomes.undeliveredEvents())),
                tablesById(data), null));

        List<ILogGroup> functionLogs = new ArrayList<>();
        // By function id: the handlers' map has no stable order, and synthesis must be byte-for-byte reproducible.
        new TreeMap<>(functions).values().forEach(function -> functionLogs.add(function.logGroup()));
        new LogsInsightsQueries(this, "Queries", new LogsInsightsQueries.Props(config.stackName("queries"),
                functionLogs, pipeline.executionLogs()));

        CfnOutput.Builder.create(this, "ApiUrl")
                .description("Base URL of the REST API (its routes start with /v1)")
                .value(api.api().getUrl())
                .build();
        CfnOutput.Builder.create(this, "StateMachineArn")
                .description("The persona pipeline state machine")
                .value(pipeline.stateMachine().getStateMachineArn())
                .build();
        api.apiKey().ifPresent(key -> CfnOutput.Builder.create(this, "ServerClientApiKeyId")
                .description("Id of the server-to-server API key (read its value with aws apigateway get-api-key "
                        + "--include-value)")
                .value(key.getKeyId())
                .build());
    }

    /** Every role's permissions, from the permission model. */
    private void grantFromModel(DataStack data) {
        Map<FunctionDefinition, JavaFunction> functions = new LinkedHashMap<>();
        pipeline.steps().forEach(step -> functions.put(step.definition(), step));
        functions.putAll(apiFunctions.handlers());
        functions.put(apiFunctions.authorizer().definition(), apiFunctions.authorizer());
        functions.putAll(backgroundFunctions());
        Map<String, IGrantable> principals = new LinkedHashMap<>();
        functions.forEach((definition, function) -> principals.put(definition.id(), function));
        principals.put(PermissionModel.UPLOADER_ROLE, apiFunctions.uploaderRole());
        principals.put(PermissionModel.PIPELINE_STATE_MACHINE, pipeline.stateMachine());
        new ModelPermissions(this, "Permissions", new ModelPermissions.Props(PermissionModel.standard(),
                new CdkResourceNames(this, data.storage(), data.tables(), functions, pipeline.stateMachine(),
                        apiFunctions.uploaderRole(), signingKey.secret(), signingKey.key(),
                        fileLibrary.streamFailures()),
                principals));
    }

    /** The functions that serve no route and are no pipeline step: the file library's, and the job outcomes'. */
    public Map<FunctionDefinition, JavaFunction> backgroundFunctions() {
        Map<FunctionDefinition, JavaFunction> functions = new LinkedHashMap<>();
        functions.put(LambdaFunctions.FILE_EVENTS, fileLibrary.fileEvents());
        functions.put(LambdaFunctions.FILE_STREAM, fileLibrary.fileStream());
        functions.put(LambdaFunctions.SIGNING_KEY_ROTATION, signingKey.rotation());
        functions.put(LambdaFunctions.JOB_OUTCOMES, jobOutcomes.function());
        return functions;
    }

    public FileLibraryConsumers fileLibrary() {
        return fileLibrary;
    }

    public DownloadSigningKey signingKey() {
        return signingKey;
    }

    private static Map<String, DataTable> tablesById(DataStack data) {
        Map<String, DataTable> tables = new TreeMap<>();
        data.tables().forEach((definition, table) -> tables.put(definition.id(), table));
        return tables;
    }

    public ProcessingPipeline pipeline() {
        return pipeline;
    }

    public ApiFunctions apiFunctions() {
        return apiFunctions;
    }

    public PersonaRestApi api() {
        return api;
    }

    public OperationsMonitoring monitoring() {
        return monitoring;
    }
}
