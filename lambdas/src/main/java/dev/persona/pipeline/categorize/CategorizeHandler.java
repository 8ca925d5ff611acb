package dev.persona.pipeline.categorize;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.persona.aws.AwsClients;
import dev.persona.aws.S3ObjectStore;
import dev.persona.config.Environment;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.PipelineStep;
import dev.persona.contracts.StorageLayout;
import dev.persona.logging.StructuredLogger;
import dev.persona.pipeline.StepInvocation;
import dev.persona.pipeline.StepRequests.CategorizeRequest;
import dev.persona.pipeline.blocks.CorruptBlockException;
import dev.persona.pipeline.preprocess.PreprocessService;
import dev.persona.pipeline.preprocess.PreprocessSettings;
import dev.persona.snapstart.PipelinePriming;
import dev.persona.snapstart.Priming;
import dev.persona.snapstart.PrimingEvents;
import dev.persona.snapstart.StepPriming;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Lambda handler of pipeline step 2 ({@code categorize}). Input: {@code {userId, jobId, bucket, activitiesKey}};
 * output: {@link dev.persona.pipeline.StepRequests.CategorizeResult}. The taxonomy loads at init.
 *
 * <p>The no-argument constructor is Lambda's: it builds the S3 client once from the environment. The other
 * takes a ready service (tests and the local runtime).
 */
public final class CategorizeHandler implements RequestStreamHandler {

    private static final StructuredLogger LOG = StructuredLogger.of(CategorizeHandler.class);

    private final StepInvocation.Measured measured = new StepInvocation.Measured(PipelineStep.CATEGORIZE.wireName());
    private final CategorizeService service;
    /** Held here: CRaC keeps resources only weakly. */
    private final Priming priming;

    public CategorizeHandler() {
        this(Environment.system(), AwsClients.s3());
    }

    /**
     * The function's composition: what Lambda builds from its environment, and the local runtime with its clients.
     * Registers the SnapStart priming: the service categorizes a preprocessed sample in memory
     * ({@link PipelinePriming}), and a twin on {@link dev.persona.aws.PrimingClients} runs a step request through the
     * SDK's path.
     */
    public CategorizeHandler(Environment environment, S3Client s3) {
        Taxonomy taxonomy = Taxonomy.load();
        String bucket = environment.required(EnvironmentVariables.UPLOADS_BUCKET);
        this.service = new CategorizeService(new S3ObjectStore(s3), bucket, taxonomy);
        this.priming = Priming.register(LambdaFunctions.CATEGORIZE.id(), environment, clients -> {
            PipelinePriming sample = new PipelinePriming(bucket);
            sample.categorize(new CategorizeService(sample.store(), bucket, taxonomy), sample.preprocess(
                    new PreprocessService(sample.store(), PreprocessSettings.defaults(bucket), Clock.systemUTC())));
            StepPriming.run(
                    new CategorizeHandler(new CategorizeService(new S3ObjectStore(clients.s3()), bucket, taxonomy)),
                    new CategorizeRequest(PrimingEvents.USER_ID, PrimingEvents.JOB_ID, bucket,
                            StorageLayout.activitiesKey(PrimingEvents.USER_ID, PrimingEvents.JOB_ID)),
                    CorruptBlockException.class);
        });
    }

    public CategorizeHandler(CategorizeService service) {
        this.service = service;
        this.priming = null;
    }

    /** The SnapStart priming registered by the composition constructor (null for a handler built on a service). */
    public Priming priming() {
        return priming;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        StepInvocation.handle(input, output, context, CategorizeRequest.class, service::categorize, LOG, measured);
    }
}
