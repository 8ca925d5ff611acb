package dev.persona.pipeline.preprocess;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.persona.aws.AwsClients;
import dev.persona.aws.S3ObjectStore;
import dev.persona.config.Environment;
import dev.persona.logging.StructuredLogger;
import dev.persona.pipeline.StepInvocation;
import dev.persona.pipeline.StepRequests.PreprocessRequest;
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

    private final PreprocessService service;

    public PreprocessHandler() {
        this(Environment.system(), AwsClients.s3());
    }

    /** The function's composition: what Lambda builds from its environment, and the local runtime with its clients. */
    public PreprocessHandler(Environment environment, S3Client s3) {
        this(new PreprocessService(new S3ObjectStore(s3), PreprocessSettings.from(environment), Clock.systemUTC()));
    }

    public PreprocessHandler(PreprocessService service) {
        this.service = service;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        StepInvocation.handle(input, output, context, PreprocessRequest.class, service::preprocess, LOG);
    }
}
