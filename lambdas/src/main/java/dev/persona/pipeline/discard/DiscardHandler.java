package dev.persona.pipeline.discard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.persona.aws.AwsClients;
import dev.persona.aws.DynamoJobClaims;
import dev.persona.aws.DynamoPersonaSummaries;
import dev.persona.aws.S3UserObjectStore;
import dev.persona.config.Environment;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.StorageLayout;
import dev.persona.logging.StructuredLogger;
import dev.persona.pipeline.StepInvocation;
import dev.persona.pipeline.StepRequests.DiscardRequest;
import dev.persona.pipeline.StepRequests.UploadedObject;
import dev.persona.pipeline.errors.PipelineException;
import dev.persona.snapstart.Priming;
import dev.persona.snapstart.PrimingEvents;
import dev.persona.snapstart.StepPriming;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Lambda handler of the pipeline's clean-up step ({@code discard}). Input: {@code {userId, jobId, bucket,
 * object?}}; output: {@link dev.persona.pipeline.StepRequests.DiscardResult}.
 *
 * <p>The no-argument constructor is Lambda's: it builds the S3 and DynamoDB clients once from the environment.
 * The other takes a ready service (tests and the local runtime).
 */
public final class DiscardHandler implements RequestStreamHandler {

    private static final StructuredLogger LOG = StructuredLogger.of(DiscardHandler.class);

    private final StepInvocation.Measured measured = new StepInvocation.Measured(LambdaFunctions.DISCARD.id());
    private final DiscardService service;
    /** Held here: CRaC keeps resources only weakly. */
    private final Priming priming;

    public DiscardHandler() {
        this(Environment.system(), AwsClients.s3(), AwsClients.dynamoDb());
    }

    /**
     * The function's composition: what Lambda builds from its environment, and the local runtime with its clients.
     * Registers the SnapStart priming: a twin on {@link dev.persona.aws.PrimingClients} discards an upload of a user
     * no one is, every request answered in this process.
     */
    public DiscardHandler(Environment environment, S3Client s3, DynamoDbClient dynamoDb) {
        this.service = service(environment, s3, dynamoDb);
        this.priming = Priming.register(LambdaFunctions.DISCARD.id(), environment, clients -> StepPriming.run(
                new DiscardHandler(service(environment, clients.s3(), clients.dynamoDb())),
                new DiscardRequest(PrimingEvents.USER_ID, PrimingEvents.JOB_ID,
                        environment.required(EnvironmentVariables.UPLOADS_BUCKET), new UploadedObject(
                                StorageLayout.uploadKey(PrimingEvents.USER_ID, PrimingEvents.JOB_ID, "activity.jsonl"),
                                1024L, null, null)),
                PipelineException.class));
    }

    public DiscardHandler(DiscardService service) {
        this.service = service;
        this.priming = null;
    }

    private static DiscardService service(Environment environment, S3Client s3, DynamoDbClient dynamoDb) {
        return new DiscardService(
                new DynamoJobClaims(dynamoDb, environment.required(EnvironmentVariables.JOBS_TABLE)),
                new S3UserObjectStore(s3, environment.required(EnvironmentVariables.UPLOADS_BUCKET)),
                new DynamoPersonaSummaries(dynamoDb, environment.required(EnvironmentVariables.PERSONAS_TABLE),
                        environment.required(EnvironmentVariables.JOBS_TABLE)),
                environment.required(EnvironmentVariables.UPLOADS_BUCKET));
    }

    /** The SnapStart priming registered by the composition constructor (null for a handler built on a service). */
    public Priming priming() {
        return priming;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        StepInvocation.handle(input, output, context, DiscardRequest.class, service::discard, LOG, measured);
    }
}
