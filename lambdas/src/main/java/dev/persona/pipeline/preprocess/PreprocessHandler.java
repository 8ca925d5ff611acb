package dev.persona.pipeline.preprocess;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.persona.aws.AwsClients;
import dev.persona.aws.DynamoUserSources;
import dev.persona.aws.S3ObjectStore;
import dev.persona.config.Environment;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.PipelineStep;
import dev.persona.contracts.StorageLayout;
import dev.persona.logging.StructuredLogger;
import dev.persona.pipeline.StepInvocation;
import dev.persona.pipeline.StepRequests.PreprocessRequest;
import dev.persona.pipeline.StepRequests.UploadedObject;
import dev.persona.pipeline.errors.EmptyUpload;
import dev.persona.snapstart.PipelinePriming;
import dev.persona.snapstart.Priming;
import dev.persona.snapstart.PrimingEvents;
import dev.persona.snapstart.StepPriming;
import dev.persona.storage.ObjectStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Lambda handler of pipeline step 1 ({@code preprocess}). Input: {@code {userId, jobId, bucket, object}} from
 * the state machine; output: the keys and counts of {@link dev.persona.pipeline.StepRequests.PreprocessResult}.
 * Named failures surface as {@code dev.persona.pipeline.errors.*} exceptions.
 *
 * <p>The no-argument constructor is Lambda's: it builds the S3 client once from the environment. The other
 * takes a ready service (tests and the local runtime).
 */
public final class PreprocessHandler implements RequestStreamHandler {

    private static final StructuredLogger LOG = StructuredLogger.of(PreprocessHandler.class);

    private final StepInvocation.Measured measured = new StepInvocation.Measured(PipelineStep.PREPROCESS.wireName());
    private final PreprocessService service;
    /** Held here: CRaC keeps resources only weakly. */
    private final Priming priming;

    public PreprocessHandler() {
        this(Environment.system(), AwsClients.s3(), AwsClients.dynamoDb());
    }

    /**
     * The function's composition: what Lambda builds from its environment, and the local runtime with its clients.
     * The service reads the user's profile (time zone) and bookmarks from DynamoDB. Registers the SnapStart priming:
     * the service preprocesses a sample in memory ({@link PipelinePriming}), and a twin on
     * {@link dev.persona.aws.PrimingClients} runs a step request through the SDK's path, profile read included.
     */
    public PreprocessHandler(Environment environment, S3Client s3, DynamoDbClient dynamoDb) {
        this.service = service(environment, new S3ObjectStore(s3), users(environment, dynamoDb));
        this.priming = Priming.register(LambdaFunctions.PREPROCESS.id(), environment, clients -> {
            PipelinePriming sample = new PipelinePriming(environment.required(EnvironmentVariables.UPLOADS_BUCKET));
            sample.preprocess(service(environment, sample.store(), UserSources.NONE));
            PreprocessHandler twin = new PreprocessHandler(service(environment, new S3ObjectStore(clients.s3()),
                    users(environment, clients.dynamoDb())));
            StepPriming.run(twin, new PreprocessRequest(PrimingEvents.USER_ID, PrimingEvents.JOB_ID,
                    environment.required(EnvironmentVariables.UPLOADS_BUCKET), new UploadedObject(
                            StorageLayout.uploadKey(PrimingEvents.USER_ID, PrimingEvents.JOB_ID, "activity.jsonl"),
                            0L, null, null)), EmptyUpload.class);
        });
    }

    public PreprocessHandler(PreprocessService service) {
        this.service = service;
        this.priming = null;
    }

    private static PreprocessService service(Environment environment, ObjectStore store, UserSources users) {
        return new PreprocessService(store, PreprocessSettings.from(environment), Clock.systemUTC(), users);
    }

    private static UserSources users(Environment environment, DynamoDbClient dynamoDb) {
        return new DynamoUserSources(dynamoDb, environment.required(EnvironmentVariables.ACCOUNTS_TABLE),
                environment.required(EnvironmentVariables.BOOKMARKS_TABLE));
    }

    /** The SnapStart priming registered by the composition constructor (null for a handler built on a service). */
    public Priming priming() {
        return priming;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        StepInvocation.handle(input, output, context, PreprocessRequest.class, service::preprocess, LOG, measured);
    }
}
