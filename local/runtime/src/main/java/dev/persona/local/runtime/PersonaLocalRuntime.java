package dev.persona.local.runtime;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.ExecutionStatusEvents;
import dev.persona.contracts.FileEvents;
import dev.persona.contracts.FileStreamMapping;
import dev.persona.contracts.FunctionDefinition;
import dev.persona.contracts.FunctionSettings;
import dev.persona.contracts.SigningKeys;
import dev.persona.contracts.TableDefinition;
import dev.persona.contracts.Tables;
import dev.persona.contracts.UploadEvents;
import dev.persona.contracts.iam.PermissionModel;
import dev.persona.local.events.EventPattern;
import dev.persona.local.events.EventRuleTarget;
import dev.persona.local.events.LocalEventBus;
import dev.persona.local.events.UploadEventBridge;
import dev.persona.local.events.UploadEventTarget;
import dev.persona.local.gateway.LocalApiGateway;
import dev.persona.local.iam.DynamoDbGate;
import dev.persona.local.iam.LocalIam;
import dev.persona.local.iam.S3Gate;
import dev.persona.local.iam.ServiceGate;
import dev.persona.local.iam.StepFunctionsGate;
import dev.persona.local.identity.DevIdentityIssuer;
import dev.persona.local.lambda.LocalLambdaApi;
import dev.persona.local.servers.LocalCdn;
import dev.persona.local.servers.LocalCloudFront;
import dev.persona.local.servers.LocalDynamoDb;
import dev.persona.local.servers.LocalS3Server;
import dev.persona.local.servers.LocalSecretsManager;
import dev.persona.local.servers.StreamEventSourceMapping;
import dev.persona.local.servers.TableProvisioner;
import dev.persona.local.stepfunctions.Execution;
import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.api.StepFunctionsServer;
import dev.persona.local.stepfunctions.asl.exec.ExecutionStatus;
import dev.persona.local.stepfunctions.tasks.lambda.LambdaFunctions;
import dev.persona.local.sts.LocalSts;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole backend in one process, wired as the CDK app wires it in the cloud, every endpoint on loopback:
 *
 * <ul>
 *   <li>S3 (S3Proxy) with the versioned uploads bucket, CORS for the web app's origin, and the session
 *   credentials of the local STS enforced on it;</li>
 *   <li>DynamoDB Local with the tables of {@link Tables};</li>
 *   <li>the local Step Functions running {@code persona-pipeline.asl.json} with the CDK's substitutions, its
 *   tasks bound to the real step handlers, and its HTTP API;</li>
 *   <li>the S3-to-EventBridge bridge: every object created under {@code uploads/} starts an execution with the
 *   whole event as input ({@link PipelineTarget});</li>
 *   <li>the development identity issuer, trusted by the authorizer through {@code DEV_ISSUER_URL};</li>
 *   <li>STS with the uploader role, which the credential vendor assumes;</li>
 *   <li>the API gateway in front of the real authorizer and API handlers;</li>
 *   <li>the file library's parts: Secrets Manager holding the download signing key (its first rotation runs in the
 *   background once the API serves on the first start, downloads answering 503 until it ends), CloudFront's key API with the download key group, the download distribution verifying signed
 *   URLs, the files' S3 events delivered to the file-events function, and the files table's stream delivered to the
 *   file-stream function as the event source mapping delivers it.</li>
 * </ul>
 */
public final class PersonaLocalRuntime implements AutoCloseable {

    public static final String BUCKET = "persona-uploads";
    /** The browser origin of the web app's development server, allowed by CORS on the API and the bucket. */
    public static final String WEB_ORIGIN = LocalWebApp.DEVELOPMENT_SERVER_ORIGIN;
    public static final Region REGION = Region.US_EAST_1;
    /** The account of the functions, the state machine and the API (S3, STS and events name the bucket owner's). */
    public static final String ACCOUNT_ID = LocalStepFunctions.DEFAULT_ACCOUNT_ID;
    /**
     * The credentials every AWS endpoint of the stack takes: S3 and STS check them, DynamoDB Local takes any
     * key of letters and digits only, Step Functions takes any. One pair, so one AWS CLI profile fits all.
     */
    /**
     * The role to give state machines a developer creates with the AWS CLI or SDK: they run as the account (see
     * {@link StateMachineRoles}). The application's state machine runs as its own role from the permission model.
     */
    public static final String SANDBOX_ROLE_ARN = StateMachineRoles.sandboxRoleArn(ACCOUNT_ID);
    public static final String ACCESS_KEY_ID = "personalocal";
    public static final String SECRET_ACCESS_KEY = "personalocal";
    /** How long {@link #stop()} lets uploads' events and running executions finish, so no job is left RUNNING. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    /** The id of the KMS key the uploads bucket encrypts with (SSE-KMS), as the deployed bucket does. */
    public static final String BUCKET_KEY_ID = "5e2c1d4a-3b8f-4d6e-9a71-0c5f2b8e4d13";
    /** The CloudFront key group the download distribution trusts (CloudFront names groups by UUID). */
    public static final String DOWNLOAD_KEY_GROUP_ID = "3c9e7a51-2f04-4d8b-b6a1-5e0d9c4f7b22";

    private final Builder settings;
    private final List<AutoCloseable> started = new ArrayList<>();
    private LocalIam iam;
    private LocalSts sts;
    private LocalLambdaApi lambdaApi;
    private LocalFunctions functions;
    private UploadEventBridge uploadEvents;
    private LocalS3Server s3Server;
    private LocalDynamoDb dynamoServer;
    private LocalStepFunctions stepFunctions;
    private final LocalEventBus eventBus = new LocalEventBus();
    private StepFunctionsServer stepFunctionsServer;
    private DevIdentityIssuer issuer;
    private LocalApiGateway gateway;
    private LocalFunctions.Clients clients;
    private String stateMachineArn;
    private volatile PipelineTarget pipelineTarget;
    private Endpoints endpoints;
    private Duration startupTime;
    private LocalWebApp web;
    private LocalSecretsManager secretsManager;
    private LocalCloudFront cloudFront;
    private LocalCdn downloads;
    private StreamEventSourceMapping fileStream;
    private String signingKeySecretArn;
    private volatile Thread firstRotation;
    private volatile String firstRotationFailure;

    private PersonaLocalRuntime(Builder settings) {
        this.settings = settings;
        settings.eventRules.forEach(eventBus::addRule);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts every component; on failure stops what had started and rethrows. With a fixed API port, every port of
     * the stack is checked first: when one is taken, {@link PortsTakenException} says which, and nothing starts.
     */
    public PersonaLocalRuntime start() {
        if (endpoints != null) {
            throw new IllegalStateException("already started");
        }
        long begun = System.nanoTime();
        // SLF4J initializes once, on the first call: the servers' log calls from other threads meanwhile would be
        // queued and replayed with a warning on standard error. Its configuration is read while the ports are checked
        // and the IAM model is built, and the servers start once it has been.
        Thread logging = Thread.ofPlatform().name("persona-local-logging").start(LoggerFactory::getILoggerFactory);
        StackPorts ports = settings.apiPort == 0 ? null : StackPorts.forApiPort(settings.apiPort);
        if (ports != null) {
            List<StackPorts.TakenPort> taken = ports.taken();
            if (!taken.isEmpty()) {
                throw new PortsTakenException(taken);
            }
        }
        try {
            startComponents(logging);
        } catch (RuntimeException e) {
            stop();
            // A port taken between the check and the bind: named as the check names it.
            List<StackPorts.TakenPort> taken = ports == null ? List.of() : ports.taken();
            if (!taken.isEmpty()) {
                PortsTakenException named = new PortsTakenException(taken);
                named.addSuppressed(e);
                throw named;
            }
            throw e;
        }
        startupTime = Duration.ofNanos(System.nanoTime() - begun);
        endpoints = describeEndpoints();
        return this;
    }

    /**
     * Starts S3, DynamoDB, the issuer, STS, CloudFront's key API and Secrets Manager at once, each on a thread of its
     * own (they share only the IAM model, which every endpoint's request threads use at once anyway), DynamoDB's
     * tables created as soon as it serves, while the others start; then sets up the download distribution and the
     * Step Functions side, and opens the API last, when everything behind it serves; then rotates the first download
     * signing key in the background and has the issuer generate its key.
     */
    private void startComponents(Thread logging) {
        web = new LocalWebApp(settings.apiPort != 0 ? settings.apiPort : LocalWebApp.freePort());
        LocalResourceNames names = resourceNames();
        iam = LocalIam.builder().names(names).model(settings.permissionModel)
                .root(ACCOUNT_ID, ACCESS_KEY_ID, SECRET_ACCESS_KEY).build();
        // The bridge records events from the moment S3 serves; it delivers them once the pipeline exists.
        uploadEvents = closing(UploadEventBridge.builder()
                .bucket(BUCKET)
                .keyPrefixes(List.of(UploadEvents.KEY_PREFIX, FileEvents.KEY_PREFIX))
                .account(ACCOUNT_ID)
                .region(REGION.id())
                .dataDirectory(dataDirectory("events"))
                .target(this::deliverObjectCreated)
                .build());
        S3Gate s3Gate = new S3Gate(iam, Map.of(BUCKET, names.bucketKeyArn()));
        ServiceGate serviceGate = new ServiceGate(iam);
        try {
            logging.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the stack started", e);
        }
        try (ExecutorService starting = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().name("persona-local-start-", 1).factory())) {
            Future<LocalSts> stsStarted = starting.submit(() -> closing(LocalSts.builder()
                    .port(servicePort(StackPorts.STS)).region(REGION).iam(iam).build().start()));
            Future<LocalS3Server> s3Started = starting.submit(() -> startS3(s3Gate));
            Future<DevIdentityIssuer> issuerStarted = starting.submit(() -> closing(DevIdentityIssuer.builder()
                    .port(servicePort(StackPorts.ISSUER)).dataDirectory(dataDirectory("identity"))
                    .client(web.appClient(DevIdentityIssuer.DEFAULT_AUDIENCE)).build().start()));
            Future<LocalCloudFront> cloudFrontStarted = starting.submit(() -> closing(LocalCloudFront.builder()
                    .port(servicePort(StackPorts.CLOUDFRONT)).dataDirectory(dataDirectory("cloudfront"))
                    .gate(serviceGate)
                    .keyGroup(DOWNLOAD_KEY_GROUP_ID, "persona-downloads", SigningKeys.PLACEHOLDER_PUBLIC_KEY)
                    .build().start()));
            // Secrets Manager invokes the rotation function as the service does (its resource policy allows it).
            Future<LocalSecretsManager> secretsManagerStarted = starting.submit(() -> closing(
                    LocalSecretsManager.builder().port(servicePort(StackPorts.SECRETS_MANAGER)).region(REGION.id())
                            .account(ACCOUNT_ID).dataDirectory(dataDirectory("secretsmanager")).gate(serviceGate)
                            .rotationInvoker(this::invokeRotation).build().start()));
            dynamoServer = startDynamoDb();
            sts = join(stsStarted);
            s3Server = join(s3Started);
            issuer = join(issuerStarted);
            cloudFront = join(cloudFrontStarted);
            secretsManager = join(secretsManagerStarted);
            LocalFunctions.Connection connection = new LocalFunctions.Connection(s3Server.endpoint(),
                    dynamoServer.endpoint(), sts.endpoint(), secretsManager.endpoint(), cloudFront.endpoint(), REGION);
            clients = closing(connection.clients(rootCredentials()));
            signingKeySecretArn = signingKeySecret(clients);
            // The distribution reads the bucket as itself, which the bucket policy allows (origin access control).
            S3Client distributionS3 =
                    closing(connection.s3Client(iam.credentialsOf(PermissionModel.DOWNLOAD_DISTRIBUTION)));
            downloads = closing(LocalCdn.builder().port(servicePort(StackPorts.DOWNLOADS))
                    .trustedKeyGroup(DOWNLOAD_KEY_GROUP_ID, cloudFront::trustedKey)
                    .origin(distributionS3, BUCKET).build().start());
            startStepFunctions(connection);
        }
        // Executions the data directory recorded as running continue: their tables exist.
        stepFunctions.resumeExecutions();
        stepFunctionsServer = closing(StepFunctionsServer.builder().stepFunctions(stepFunctions)
                .requestGate(new StepFunctionsGate(iam)).port(servicePort(StackPorts.STEP_FUNCTIONS)).build().start());
        lambdaApi = closing(LocalLambdaApi.builder().port(servicePort(StackPorts.LAMBDA)).iam(iam)
                .functions(stepFunctions.lambdaFunctions(), stepFunctions.time()).build().start());
        uploadEvents.start();
        fileStream = closing(fileStreamMapping(clients));
        gateway = closing(LocalApiGateway.builder()
                .port(web.apiPort())
                .accountId(ACCOUNT_ID)
                .region(REGION.id())
                .functions((name, event) -> stepFunctions.lambdaFunctions().invoke(name, event, stepFunctions.time()))
                .allowedOrigins(web.origins())
                .site(web.site(REGION.id(), issuer.issuerUrl(), issuer.audience(), s3Server.endpoint().toString()))
                .accessLog(settings.accessLog)
                .build()
                .start());
        // Deferred until the API serves, as in the cloud, where the rotation schedule's first rotation runs after the
        // deployment: until the key exists the functions answer downloads with 503.
        firstRotation = Thread.ofPlatform().name("persona-local-first-rotation").start(this::rotateFirstSigningKey);
        // Deferred until the API serves: nothing before the first sign-in needs the issuer's new key.
        issuer.prepareSigningKey();
    }

    /** DynamoDB, and its tables created as soon as it serves, while the other servers start. */
    private LocalDynamoDb startDynamoDb() {
        LocalDynamoDb server = closing(LocalDynamoDb.builder().port(servicePort(StackPorts.DYNAMODB))
                .dataDirectory(dataDirectory("dynamodb")).gate(new DynamoDbGate(iam))
                .nativeLibraryDirectory(settings.nativeLibraryDirectory).build()).start();
        Map<TableDefinition, String> tables = new LinkedHashMap<>();
        Tables.ALL.forEach(table -> tables.put(table, tableName(table)));
        try (DynamoDbClient client = LocalFunctions.Connection.dynamoDbClient(server.endpoint(), REGION,
                rootCredentials())) {
            TableProvisioner.ensureTables(client, tables);
        }
        return server;
    }

    /** The interpreter with the project's functions and the pipeline deployed. */
    private void startStepFunctions(LocalFunctions.Connection connection) {
        StateMachineRoles stateMachineRoles = closing(new StateMachineRoles(connection, iam, rootCredentials()));
        stepFunctions = closing(LocalStepFunctions.builder()
                .accountId(ACCOUNT_ID)
                .region(REGION.id())
                .integrationClients(stateMachineRoles.cached())
                .lambdaInvokeAuthorizer(stateMachineRoles)
                .dataDirectory(dataDirectory("stepfunctions"))
                .functionLogs(settings.logs::println)
                .statusChangeListener(eventBus::put)
                .build());
        functions = closing(new LocalFunctions(connection, iam::credentialsOf, environmentValues(),
                settings.decorators));
        functions.registerAll(stepFunctions.lambdaFunctions());
        stateMachineArn = PipelineStateMachine.deploy(stepFunctions, tableName(Tables.JOBS),
                iam.role(PermissionModel.PIPELINE_STATE_MACHINE).arn()).arn();
        pipelineTarget = new PipelineTarget(stepFunctions, stateMachineArn, iam);
        // Before the executions resume, so that their outcomes recorded but not yet delivered reach it too.
        eventBus.addRule(new LocalEventBus.Rule(PermissionModel.JOB_OUTCOMES_RULE,
                EventPattern.parse(jobOutcomesPattern(stateMachineArn)), this::deliverExecutionEnded));
    }

    /** Where the permission model's resources are in this stack. */
    public static LocalResourceNames resourceNames() {
        return new LocalResourceNames(ACCOUNT_ID, REGION.id(), BUCKET, BUCKET_KEY_ID, PipelineStateMachine.NAME);
    }

    /**
     * The signing key's secret, encrypted with its own key, created on the first start with the bootstrap value as the
     * CDK app creates it.
     */
    private String signingKeySecret(LocalFunctions.Clients root) {
        return secretsManager.arnOf(LocalResourceNames.SIGNING_KEY_SECRET_NAME).orElseGet(() ->
                root.secretsManager().createSecret(create -> create.name(LocalResourceNames.SIGNING_KEY_SECRET_NAME)
                        .kmsKeyId(resourceNames().signingKeySecretKeyArn())
                        .secretString(SigningKeys.BOOTSTRAP_VALUE)).arn());
    }

    /**
     * As creating the rotation schedule does in the cloud: the first rotation runs at once and writes the first key,
     * on a thread of its own while the API serves ({@link #awaitSigningKey}; {@link #stop} waits for it). A restart on
     * a data directory that holds a key keeps it. A failure is logged: downloads stay unavailable (503), and
     * {@code persona-local rotate-signing-key} tries again.
     */
    private void rotateFirstSigningKey() {
        try {
            String current = clients.secretsManager().getSecretValue(get -> get.secretId(signingKeySecretArn))
                    .secretString();
            if (SigningKeys.BOOTSTRAP_VALUE.equals(current)) {
                rotateSigningKey();
            }
        } catch (RuntimeException e) {
            firstRotationFailure = e.getMessage();
            settings.logs.println("the first rotation of the download signing key failed; downloads answer 503 "
                    + "until a rotation succeeds: " + e.getMessage());
        }
    }

    /**
     * Waits until the first rotation of the download signing key has ended (at once when the data directory held a
     * key): from then on the functions sign downloads, unless it failed.
     *
     * @return why the first rotation failed; empty when it succeeded or was not needed
     */
    public Optional<String> awaitSigningKey() {
        Thread rotation = firstRotation;
        if (rotation != null) {
            try {
                rotation.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the signing key was rotated", e);
            }
        }
        return Optional.ofNullable(firstRotationFailure);
    }

    /** Rotates the signing key now (the four steps, in the background) and waits for the rotation to end. */
    public void rotateSigningKey() {
        clients.secretsManager().rotateSecret(rotate -> rotate.secretId(signingKeySecretArn)
                .rotationLambdaARN(resourceNames().functionAliasArn(dev.persona.contracts.LambdaFunctions
                        .SIGNING_KEY_ROTATION))
                .rotationRules(rules -> rules.automaticallyAfterDays((long) SigningKeys.ROTATION_DAYS)));
        secretsManager.awaitRotations();
        secretsManager.lastRotationError(LocalResourceNames.SIGNING_KEY_SECRET_NAME).ifPresent(error -> {
            throw new IllegalStateException("the rotation of the signing key failed: " + error);
        });
    }

    private void invokeRotation(String functionArn, String event) throws Exception {
        String function = dev.persona.contracts.LambdaFunctions.SIGNING_KEY_ROTATION.id();
        if (!functionArn.equals(resourceNames().functionAliasArn(dev.persona.contracts.LambdaFunctions
                .SIGNING_KEY_ROTATION))) {
            throw new IllegalArgumentException("Secrets Manager may invoke only " + function + ", not " + functionArn);
        }
        requireReturned(function, stepFunctions.lambdaFunctions().invoke(function,
                dev.persona.json.Json.MAPPER.readTree(event), stepFunctions.time()));
    }

    private static void requireReturned(String function, LambdaFunctions.Invocation invocation) {
        if (invocation instanceof LambdaFunctions.Failed failed) {
            throw new IllegalStateException(function + " failed: " + failed.errorType() + " " + failed.errorPayload());
        }
    }

    /**
     * The rules on the bucket's "Object Created" events: uploads start the pipeline, files go to the file-events
     * function. A throw makes the bridge retry the delivery, as EventBridge retries a failed target.
     */
    private void deliverObjectCreated(String eventId, String event) throws Exception {
        JsonNode parsed = dev.persona.json.Json.MAPPER.readTree(event);
        if (parsed.at("/detail/object/key").asText().startsWith(FileEvents.KEY_PREFIX)) {
            String function = dev.persona.contracts.LambdaFunctions.FILE_EVENTS.id();
            requireReturned(function, stepFunctions.lambdaFunctions().invoke(function, parsed, stepFunctions.time()));
        } else {
            pipelineTarget.deliver(eventId, event);
        }
    }

    /** The deployed rule's pattern ({@link ExecutionStatusEvents}): the pipeline's executions that ended. */
    static String jobOutcomesPattern(String stateMachineArn) {
        ObjectNode pattern = dev.persona.json.Json.MAPPER.createObjectNode();
        pattern.putArray("source").add(ExecutionStatusEvents.SOURCE);
        pattern.putArray("detail-type").add(ExecutionStatusEvents.DETAIL_TYPE);
        ObjectNode detail = pattern.putObject("detail");
        detail.putArray("stateMachineArn").add(stateMachineArn);
        ExecutionStatusEvents.ENDED_STATUSES.forEach(detail.putArray("status")::add);
        return pattern.toString();
    }

    /** An ended execution's event delivered to the job-outcomes function; a throw is the delivery failing. */
    private void deliverExecutionEnded(String eventId, String event) throws Exception {
        String function = dev.persona.contracts.LambdaFunctions.JOB_OUTCOMES.id();
        requireReturned(function, stepFunctions.lambdaFunctions().invoke(function,
                dev.persona.json.Json.MAPPER.readTree(event), stepFunctions.time()));
    }

    /**
     * The files table's stream delivered to the file-stream function as the deployed event source mapping delivers
     * it ({@link FileStreamMapping}). The mapping reads the stream as the Lambda service; records it gives up on are
     * logged where the deployed mapping sends them to its on-failure queue.
     */
    private StreamEventSourceMapping fileStreamMapping(LocalFunctions.Clients root) {
        String function = dev.persona.contracts.LambdaFunctions.FILE_STREAM.id();
        String table = tableName(Tables.FILES);
        DynamoDbStreamsClient streams = closing(DynamoDbStreamsClient.builder()
                .endpointOverride(dynamoServer.endpoint()).region(REGION).credentialsProvider(rootCredentials())
                .httpClient(UrlConnectionHttpClient.create()).build());
        return StreamEventSourceMapping.builder().name(function)
                .stream(streams, () -> root.dynamoDb().describeTable(d -> d.tableName(table)).table().latestStreamArn())
                .batchSize(FileStreamMapping.BATCH_SIZE)
                .maxRetryAttempts(FileStreamMapping.MAX_RETRY_ATTEMPTS)
                .bisectOnError(FileStreamMapping.BISECT_BATCH_ON_ERROR)
                .checkpointFile(settings.dataDirectory == null ? null
                        : settings.dataDirectory.resolve("streams").resolve(function + ".json"))
                .onFailure(record -> settings.logs.println("file-stream gave up on a record (on-failure queue "
                        + LocalResourceNames.FILE_STREAM_FAILURES_QUEUE + "): " + record))
                .function(event -> {
                    try {
                        LambdaFunctions.Invocation invocation = stepFunctions.lambdaFunctions().invoke(function,
                                dev.persona.json.Json.MAPPER.readTree(event), stepFunctions.time());
                        requireReturned(function, invocation);
                        return ((LambdaFunctions.Returned) invocation).payload().toString();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .build().start();
    }

    private static StaticCredentialsProvider rootCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    }

    private LocalS3Server startS3(S3Gate gate) {
        return closing(LocalS3Server.builder()
                .port(servicePort(StackPorts.S3))
                .dataDirectory(dataDirectory("s3"))
                .credentials(ACCESS_KEY_ID, SECRET_ACCESS_KEY)
                .bucket(BUCKET)
                .versioning(true)
                .corsOrigins(web.origins())
                .blobStoreDecorator(uploadEvents.blobStoreDecorator())
                .requestGate(gate)
                .accessKeys(gate)
                .build()).start();
    }

    /** The task's result; its failure as it was thrown. */
    private static <T> T join(Future<T> task) {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the stack started", e);
        }
    }

    private <T extends AutoCloseable> T closing(T component) {
        synchronized (started) {
            started.add(component);
        }
        return component;
    }

    /** With a fixed API port the other endpoints follow it; otherwise every endpoint takes a free port. */
    private int servicePort(int offset) {
        return settings.apiPort == 0 ? 0 : settings.apiPort + offset;
    }

    private Path dataDirectory(String component) {
        return settings.dataDirectory == null ? null : settings.dataDirectory.resolve(component);
    }

    /** {@code persona-jobs} for the table with id {@code Jobs}. */
    public static String tableName(TableDefinition table) {
        return LocalResourceNames.tableName(table);
    }

    /**
     * The value of every environment variable the runtime sets; each function gets those its definition lists, as
     * in the cloud: the same settings ({@link FunctionSettings}), and the local names of the resources. The
     * development issuer is the identity provider here, where the cloud trusts Google and Cognito: each side sets
     * the other's variables empty, so the authorizer gets the same variables in both.
     */
    private Map<String, String> environmentValues() {
        Map<String, String> values = new LinkedHashMap<>(FunctionSettings.values(FunctionSettings.DEFAULT_MAX_UPLOAD_BYTES));
        values.put(EnvironmentVariables.UPLOADS_BUCKET, BUCKET);
        for (TableDefinition table : Tables.ALL) {
            values.put(table.environmentVariable(), tableName(table));
        }
        values.put(EnvironmentVariables.ALLOWED_ORIGINS, String.join(",", web.origins()));
        values.put(EnvironmentVariables.GOOGLE_CLIENT_IDS, "");
        values.put(EnvironmentVariables.COGNITO_USER_POOL_ID, "");
        values.put(EnvironmentVariables.COGNITO_APP_CLIENT_IDS, "");
        values.putAll(issuer.authorizerEnvironment());
        values.put(EnvironmentVariables.UPLOADER_ROLE_ARN, iam.role(PermissionModel.UPLOADER_ROLE).arn());
        values.put(EnvironmentVariables.SIGNING_KEY_SECRET_ARN, signingKeySecretArn);
        values.put(EnvironmentVariables.DOWNLOAD_BASE_URL, downloads.endpoint().toString());
        values.put(EnvironmentVariables.DOWNLOAD_KEY_GROUP_ID, DOWNLOAD_KEY_GROUP_ID);
        return values;
    }

    private Endpoints describeEndpoints() {
        return new Endpoints(ProcessHandle.current().pid(), Instant.now().toString(), startupTime.toMillis(),
                settings.dataDirectory == null ? null : settings.dataDirectory.toAbsolutePath().toString(),
                REGION.id(), gateway.endpoint(), s3Server.endpoint(), dynamoServer.endpoint(),
                stepFunctionsServer.endpoint(), issuer.endpoint(), sts.endpoint(), lambdaApi.endpoint(),
                secretsManager.endpoint(), cloudFront.endpoint(), downloads.endpoint(), ACCESS_KEY_ID, SECRET_ACCESS_KEY,
                BUCKET, tableName(Tables.JOBS), tableName(Tables.PERSONAS), stateMachineArn, signingKeySecretArn,
                environmentValues(), null);
    }

    // ---- access for the command line and tests ----

    public Endpoints endpoints() {
        requireStarted();
        return endpoints;
    }

    /** From {@link #start()} to ready. */
    public Duration startupTime() {
        requireStarted();
        return startupTime;
    }

    /** From the JVM's start to ready: what a user waits for after typing the command. */
    public Duration processStartupTime() {
        requireStarted();
        return Duration.between(Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()),
                Instant.parse(endpoints.startedAt()));
    }

    /** An ID token of the development issuer for {@code user}; the API knows them as {@code dev_{user}}. */
    public String token(String user) {
        requireStarted();
        return issuer.mint(user);
    }

    /** The environment variables a function runs with here, as its definition lists them. */
    public Map<String, String> functionEnvironment(FunctionDefinition definition) {
        requireStarted();
        return functions.variables(definition);
    }

    /** The account's identities and permissions, as the stack enforces them. */
    public LocalIam iam() {
        requireStarted();
        return iam;
    }

    public LocalStepFunctions stepFunctions() {
        requireStarted();
        return stepFunctions;
    }

    public String stateMachineArn() {
        requireStarted();
        return stateMachineArn;
    }

    /**
     * The default event bus Step Functions puts its execution status change events on; rules added here get the
     * events of changes from now on ({@link Builder#eventRule} also gets those recorded before a restart).
     */
    public LocalEventBus eventBus() {
        requireStarted();
        return eventBus;
    }

    /** The upload rule's target, as the bridge delivers to it: to replay an event as EventBridge may. */
    public UploadEventTarget uploadRuleTarget() {
        requireStarted();
        return pipelineTarget;
    }

    /** Invokes one function synchronously, as {@code sam local invoke} does. */
    public LambdaFunctions.Invocation invoke(String functionId, JsonNode event) throws InterruptedException {
        requireStarted();
        return stepFunctions.lambdaFunctions().invoke(functionId, event, stepFunctions.time());
    }

    private void requireStarted() {
        if (endpoints == null) {
            throw new IllegalStateException("not started");
        }
    }

    // ---- shutdown ----

    /**
     * Stops accepting API requests, lets recorded upload events reach the pipeline and running executions finish
     * (together up to {@link #DRAIN_TIMEOUT}), then stops every component in reverse order of start. Safe to
     * call twice.
     */
    public void stop() {
        if (gateway != null) {
            gateway.stop();
        }
        // The first rotation invokes the rotation function and writes the secret: it ends before they stop.
        awaitSigningKey();
        firstRotation = null;
        if (pipelineTarget != null) {
            drain(Instant.now().plus(DRAIN_TIMEOUT));
        }
        if (uploadEvents != null) {
            uploadEvents.stop();
        }
        if (fileStream != null) {
            fileStream.stop();
        }
        List<AutoCloseable> components;
        synchronized (started) {
            components = new ArrayList<>(started);
            started.clear();
        }
        RuntimeException failure = null;
        for (AutoCloseable component : components.reversed()) {
            try {
                component.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("the local runtime did not stop cleanly", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        endpoints = null;
        pipelineTarget = null;
        if (failure != null) {
            throw failure;
        }
    }

    private void drain(Instant deadline) {
        try {
            uploadEvents.awaitIdle(Duration.between(Instant.now(), deadline));
            for (Execution execution : stepFunctions.listExecutions(stateMachineArn, ExecutionStatus.RUNNING)) {
                Duration left = Duration.between(Instant.now(), deadline);
                if (left.isNegative() || left.isZero()) {
                    return;
                }
                stepFunctions.awaitExecution(execution.arn(), left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException timedOut) {
            // What is left stops with the components; the jobs say how far they got.
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Settings with defaults: free ports, in memory, function logs on standard output, no access log. */
    public static final class Builder {
        private int apiPort;
        private Path dataDirectory;
        private PrintStream logs = System.out;
        private Consumer<String> accessLog = line -> { };
        private final Map<String, UnaryOperator<RequestStreamHandler>> decorators = new LinkedHashMap<>();
        private final List<LocalEventBus.Rule> eventRules = new ArrayList<>();
        private PermissionModel permissionModel = PermissionModel.standard();
        private Path nativeLibraryDirectory;

        private Builder() {
        }

        /**
         * Where DynamoDB Local's SQLite library is kept between starts (written on the first), rather than written to
         * a new temporary file at every start; none by default.
         */
        public Builder nativeLibraryDirectory(Path directory) {
            this.nativeLibraryDirectory = directory;
            return this;
        }

        /**
         * The permissions every principal has; the standard model by default, the one the CDK app deploys. Tests
         * take a grant away to show that the stack enforces it.
         */
        public Builder permissionModel(PermissionModel model) {
            this.permissionModel = Objects.requireNonNull(model);
            return this;
        }

        /**
         * The API's port; S3, DynamoDB, Step Functions, the issuer, STS, Lambda, Secrets Manager, CloudFront's API
         * and the download distribution then listen on the next nine ports in that order. 0 (the default) puts
         * every endpoint on a free port.
         */
        public Builder apiPort(int apiPort) {
            if (apiPort < 0 || apiPort > StackPorts.MAX_API_PORT) {
                throw new IllegalArgumentException("the API port must be between 0 and " + StackPorts.MAX_API_PORT);
            }
            this.apiPort = apiPort;
            return this;
        }

        /**
         * Keep objects, tables, undelivered upload events, the issuer's signing key, and the state machines with
         * their versions, aliases and executions (histories included) in this folder; without it, everything lives
         * in memory. A start on the same folder continues the executions that were running.
         */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** Where the functions' log lines go. */
        public Builder logs(PrintStream logs) {
            this.logs = Objects.requireNonNull(logs);
            return this;
        }

        /** Where the gateway's access log lines go. */
        public Builder accessLog(Consumer<String> accessLog) {
            this.accessLog = Objects.requireNonNull(accessLog);
            return this;
        }

        /**
         * Wraps a pipeline step's handler when it is created, to inject faults: the wrapper runs instead of the
         * handler on every invocation and decides whether and how to call it.
         */
        public Builder decorateFunction(String functionId, UnaryOperator<RequestStreamHandler> decorator) {
            decorators.put(Objects.requireNonNull(functionId), Objects.requireNonNull(decorator));
            return this;
        }

        /**
         * A rule on the default event bus: the events matching {@code eventPattern} (EventBridge's syntax, see
         * {@link EventPattern}) go to {@code target}. Step Functions puts its "Step Functions Execution Status
         * Change" events there (source {@code aws.states}); with a data directory, those recorded and not yet
         * delivered before a restart come at the start.
         */
        public Builder eventRule(String name, String eventPattern, EventRuleTarget target) {
            eventRules.add(new LocalEventBus.Rule(name, EventPattern.parse(eventPattern), target));
            return this;
        }

        public PersonaLocalRuntime build() {
            return new PersonaLocalRuntime(this);
        }
    }
}
