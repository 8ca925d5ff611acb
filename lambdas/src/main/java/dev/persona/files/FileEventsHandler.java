package dev.persona.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.aws.AwsClients;
import dev.persona.aws.DynamoFileRepository;
import dev.persona.aws.S3StoredObjects;
import dev.persona.config.Environment;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.json.Json;
import dev.persona.logging.LogContext;
import dev.persona.logging.StructuredLogger;
import dev.persona.metrics.ColdStart;
import dev.persona.snapstart.Priming;
import dev.persona.snapstart.PrimingEvents;
import dev.persona.snapstart.StepPriming;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The target of the files' EventBridge rule: one S3 "Object Created" event of {@code files/} per invocation
 * ({@link FileEventsService}). A failure fails the invocation, and EventBridge retries it.
 *
 * <p>The local runtime builds it with {@code new FileEventsHandler(Environment.of(...), dynamoDb, s3)}.
 */
public final class FileEventsHandler implements RequestStreamHandler {

    private static final StructuredLogger LOG = StructuredLogger.of(FileEventsHandler.class);

    private final FileEventsService events;
    private final ColdStart coldStart = new ColdStart();
    /** Held here: CRaC keeps resources only weakly. */
    private final Priming priming;

    public FileEventsHandler() {
        this(Environment.system(), AwsClients.dynamoDb(), AwsClients.s3());
    }

    /** The function's composition; registers its SnapStart priming (a twin on priming clients records a stored file). */
    public FileEventsHandler(Environment environment, DynamoDbClient dynamoDb, S3Client s3) {
        this(environment, dynamoDb, s3, true);
    }

    private FileEventsHandler(Environment environment, DynamoDbClient dynamoDb, S3Client s3, boolean primed) {
        String bucket = environment.required(EnvironmentVariables.UPLOADS_BUCKET);
        this.events = new FileEventsService(new DynamoFileRepository(dynamoDb,
                environment.required(EnvironmentVariables.FILES_TABLE)), new S3StoredObjects(s3, bucket), bucket);
        this.priming = primed ? Priming.register(LambdaFunctions.FILE_EVENTS.id(), environment,
                clients -> StepPriming.run(new FileEventsHandler(environment, clients.dynamoDb(), clients.s3(), false),
                        PrimingEvents.fileCreated(bucket))) : null;
    }

    /** The SnapStart priming registered by the composition constructor (null for the priming twin). */
    public Priming priming() {
        return priming;
    }

    @Override
    @SuppressWarnings("try")
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        coldStart.invoked(context);
        JsonNode event = Json.MAPPER.readTree(input);
        try (LogContext scope = LogContext.with("requestId", context == null ? null : context.getAwsRequestId(),
                "eventId", event.path("id").asText(null))) {
            FileEventsService.Outcome outcome = events.handle(event);
            LOG.info("file event handled", "outcome", outcome.name());
            Json.MAPPER.writeValue(output, Json.MAPPER.createObjectNode().put("outcome", outcome.name()));
        }
    }
}
