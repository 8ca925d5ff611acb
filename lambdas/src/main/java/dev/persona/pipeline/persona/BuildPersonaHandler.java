package dev.persona.pipeline.persona;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.persona.aws.AwsClients;
import dev.persona.aws.DynamoPersonaSummaries;
import dev.persona.aws.S3ObjectStore;
import dev.persona.config.Environment;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.logging.StructuredLogger;
import dev.persona.pipeline.StepInvocation;
import dev.persona.pipeline.StepRequests.BuildPersonaRequest;
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

    private final BuildPersonaService service;

    public BuildPersonaHandler() {
        this(Environment.system(), AwsClients.s3(), AwsClients.dynamoDb());
    }

    /** The function's composition: what Lambda builds from its environment, and the local runtime with its clients. */
    public BuildPersonaHandler(Environment environment, S3Client s3, DynamoDbClient dynamoDb) {
        this(new BuildPersonaService(new S3ObjectStore(s3),
                new DynamoPersonaSummaries(dynamoDb, environment.required(EnvironmentVariables.PERSONAS_TABLE),
                        environment.required(EnvironmentVariables.JOBS_TABLE)),
                environment.required(EnvironmentVariables.UPLOADS_BUCKET), Clock.systemUTC()));
    }

    public BuildPersonaHandler(BuildPersonaService service) {
        this.service = service;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        StepInvocation.handle(input, output, context, BuildPersonaRequest.class, service::build, LOG);
    }
}
