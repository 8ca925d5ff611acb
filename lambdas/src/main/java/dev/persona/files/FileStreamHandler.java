package dev.persona.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.aws.AwsClients;
import dev.persona.aws.DynamoUsageRepository;
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
 * The files table's stream consumer, behind an event source mapping that reports batch item failures: it takes
 * {@code {"Records": [...]}} as Lambda delivers DynamoDB stream records and answers
 * {@code {"batchItemFailures": [{"itemIdentifier": "<sequence number>"}]}} naming the first record it could not
 * process ({@link FileStreamService}), so that only the rest of the batch is retried.
 *
 * <p>The local runtime builds it with {@code new FileStreamHandler(Environment.of(...), dynamoDb, s3)}.
 */
public final class FileStreamHandler implements RequestStreamHandler {

    private static final StructuredLogger LOG = StructuredLogger.of(FileStreamHandler.class);

    private final FileStreamService stream;
    private final ColdStart coldStart = new ColdStart();
    /** Held here: CRaC keeps resources only weakly. */
    private final Priming priming;

    public FileStreamHandler() {
        this(Environment.system(), AwsClients.dynamoDb(), AwsClients.s3());
    }

    /**
     * The function's composition; registers its SnapStart priming: a twin on priming clients applies a batch of a
     * file added, grown and deleted.
     */
    public FileStreamHandler(Environment environment, DynamoDbClient dynamoDb, S3Client s3) {
        this(environment, dynamoDb, s3, true);
    }

    private FileStreamHandler(Environment environment, DynamoDbClient dynamoDb, S3Client s3, boolean primed) {
        this.stream = new FileStreamService(new DynamoUsageRepository(dynamoDb,
                environment.required(EnvironmentVariables.ACCOUNTS_TABLE)),
                new S3StoredObjects(s3, environment.required(EnvironmentVariables.UPLOADS_BUCKET)), Clock.systemUTC());
        this.priming = primed ? Priming.register(LambdaFunctions.FILE_STREAM.id(), environment,
                clients -> StepPriming.run(new FileStreamHandler(environment, clients.dynamoDb(), clients.s3(), false),
                        PrimingEvents.fileStreamBatch())) : null;
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
        try (LogContext scope = LogContext.with("requestId", context == null ? null : context.getAwsRequestId())) {
            JsonNode records = event == null ? Json.MAPPER.createArrayNode() : event.path("Records");
            List<String> failed = stream.process(records);
            LOG.info("stream records handled", "records", records.size(), "failed", failed.size());
            ObjectNode response = Json.MAPPER.createObjectNode();
            ArrayNode failures = response.putArray("batchItemFailures");
            failed.forEach(sequence -> failures.addObject().put("itemIdentifier", sequence));
            Json.MAPPER.writeValue(output, response);
        }
    }
}
