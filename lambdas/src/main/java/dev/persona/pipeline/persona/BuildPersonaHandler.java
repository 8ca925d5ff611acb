package dev.persona.pipeline.persona;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.persona.aws.AwsClients;
import dev.persona.aws.DynamoPersonaSummaries;
import dev.persona.aws.S3ObjectStore;
import dev.persona.config.Environment;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.PipelineStep;
import dev.persona.contracts.StorageLayout;
import dev.persona.logging.StructuredLogger;
import dev.persona.pipeline.StepInvocation;
import dev.persona.pipeline.StepRequests.BuildPersonaRequest;
import dev.persona.pipeline.StepRequests.CategorizeResult;
import dev.persona.pipeline.StepRequests.PreprocessResult;
import dev.persona.pipeline.categorize.CategorizeService;
import dev.persona.pipeline.categorize.Taxonomy;
import dev.persona.pipeline.preprocess.PreprocessService;
import dev.persona.pipeline.preprocess.PreprocessSettings;
import dev.persona.snapstart.PipelinePriming;
import dev.persona.snapstart.Priming;
import dev.persona.snapstart.PrimingEvents;
import dev.persona.snapstart.StepPriming;
import dev.persona.storage.ObjectStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Lambda handler of pipeline step 3 ({@code build-persona}). Input:
 * {@code {userId, jobId, bucket, categorizedKey, reportKey, executionArn}}; output:
 * {@link dev.persona.pipeline.StepRequests.BuildPersonaResult}.
 *
 * <p>The no-argument constructor is Lambda's: it builds the S3 and DynamoDB clients once from the
 * environment. The other takes a ready service (tests and the local runtime).
 */
public final class BuildPersonaHandler implements RequestStreamHandler {

    private static final StructuredLogger LOG = StructuredLogger.of(BuildPersonaHandler.class);

    private final StepInvocation.Measured measured = new StepInvocation.Measured(PipelineStep.BUILD_PERSONA.wireName());
    private final BuildPersonaService service;
    /** Held here: CRaC keeps resources only weakly. */
    private final Priming priming;

    public BuildPersonaHandler() {
        this(Environment.system(), AwsClients.s3(), AwsClients.dynamoDb());
    }

    /**
     * The function's composition: what Lambda builds from its environment, and the local runtime with its clients.
     * Registers the SnapStart priming: the service builds a persona from a sample preprocessed and categorized in
     * memory ({@link PipelinePriming}; its summary goes to the priming DynamoDB client), and a twin on
     * {@link dev.persona.aws.PrimingClients} runs a step request through the SDK's path.
     */
    public BuildPersonaHandler(Environment environment, S3Client s3, DynamoDbClient dynamoDb) {
        this.service = service(environment, new S3ObjectStore(s3), dynamoDb);
        this.priming = Priming.register(LambdaFunctions.BUILD_PERSONA.id(), environment, clients -> {
            String bucket = environment.required(EnvironmentVariables.UPLOADS_BUCKET);
            PipelinePriming sample = new PipelinePriming(bucket);
            PreprocessResult preprocessed = sample.preprocess(
                    new PreprocessService(sample.store(), PreprocessSettings.defaults(bucket), Clock.systemUTC()));
            CategorizeResult categorized = sample.categorize(
                    new CategorizeService(sample.store(), bucket, Taxonomy.load()), preprocessed);
            sample.buildPersona(service(environment, sample.store(), clients.dynamoDb()), preprocessed, categorized);
            StepPriming.run(new BuildPersonaHandler(service(environment, new S3ObjectStore(clients.s3()),
                            clients.dynamoDb())),
                    new BuildPersonaRequest(PrimingEvents.USER_ID, PrimingEvents.JOB_ID, bucket,
                            StorageLayout.categorizedKey(PrimingEvents.USER_ID, PrimingEvents.JOB_ID),
                            StorageLayout.reportKey(PrimingEvents.USER_ID, PrimingEvents.JOB_ID),
                            PrimingEvents.EXECUTION_ARN),
                    UncheckedIOException.class);
        });
    }

    public BuildPersonaHandler(BuildPersonaService service) {
        this.service = service;
        this.priming = null;
    }

    private static BuildPersonaService service(Environment environment, ObjectStore store, DynamoDbClient dynamoDb) {
        return new BuildPersonaService(store,
                new DynamoPersonaSummaries(dynamoDb, environment.required(EnvironmentVariables.PERSONAS_TABLE),
                        environment.required(EnvironmentVariables.JOBS_TABLE)),
                environment.required(EnvironmentVariables.UPLOADS_BUCKET), Clock.systemUTC());
    }

    /** The SnapStart priming registered by the composition constructor (null for a handler built on a service). */
    public Priming priming() {
        return priming;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        StepInvocation.handle(input, output, context, BuildPersonaRequest.class, service::build, LOG, measured);
    }
}
