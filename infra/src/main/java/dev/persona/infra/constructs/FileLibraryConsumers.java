package dev.persona.infra.constructs;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.persona.contracts.FileEvents;
import dev.persona.contracts.FileStreamMapping;
import dev.persona.contracts.LambdaFunctions;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.lambda.CfnEventSourceMapping;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * What keeps the file library current behind the API: the file-events function on the S3 "Object Created" events
 * of {@link FileEvents#KEY_PREFIX} (an EventBridge rule with retries and a dead-letter queue), and the file-stream
 * function on the files table's stream (an event source mapping with {@link FileStreamMapping}'s settings, partial
 * batch responses, and an on-failure queue). L1 mapping, so that the function's role holds exactly the permission
 * model's stream permissions (the L2 event source adds its own grants).
 */
public final class FileLibraryConsumers extends Construct {

    private final JavaFunction fileEvents;
    private final JavaFunction fileStream;
    private final Queue undeliveredEvents;
    private final Queue streamFailures;

    /**
     * @param deployment the jar, environment values and log settings of the functions. Required
     * @param storage    the uploads bucket whose events the rule matches. Required
     * @param files      the files table, with its stream. Required
     */
    public record Props(FunctionDeployment deployment, UploadsStorage storage, DataTable files) {

        public Props {
            Objects.requireNonNull(deployment, "deployment");
            Objects.requireNonNull(storage, "storage");
            Objects.requireNonNull(files, "files");
        }
    }

    public FileLibraryConsumers(Construct scope, String id, Props props) {
        super(scope, id);
        fileEvents = new JavaFunction(this, "FileEvents",
                props.deployment().function(LambdaFunctions.FILE_EVENTS, 1024, Duration.seconds(20), null));
        undeliveredEvents = DeadLetterQueues.create(this, "UndeliveredFileEvents",
                "This queue is itself the dead-letter queue of the file rule's target.");
        Rule.Builder.create(this, "FileCreated")
                .description("Records the stored object of every file created under " + FileEvents.KEY_PREFIX)
                .eventPattern(EventPattern.builder()
                        .source(List.of(FileEvents.SOURCE))
                        .detailType(List.of(FileEvents.DETAIL_TYPE))
                        .detail(new TreeMap<>(Map.of(
                                "bucket", Map.of("name", List.of(props.storage().bucket().getBucketName())),
                                "object", Map.of("key", List.of(Map.of("prefix", FileEvents.KEY_PREFIX))))))
                        .build())
                .targets(List.of(LambdaFunction.Builder.create(fileEvents.alias())
                        .deadLetterQueue(undeliveredEvents)
                        .retryAttempts(FileEvents.RETRY_ATTEMPTS)
                        .maxEventAge(Duration.seconds(FileEvents.MAX_EVENT_AGE_SECONDS))
                        .build()))
                .build();

        fileStream = new JavaFunction(this, "FileStream",
                props.deployment().function(LambdaFunctions.FILE_STREAM, 1024, Duration.minutes(1), null));
        streamFailures = DeadLetterQueues.create(this, "FileStreamFailures",
                "This queue is itself the on-failure destination of the files stream's mapping.");
        CfnEventSourceMapping mapping = CfnEventSourceMapping.Builder.create(this, "FileStreamMapping")
                .functionName(fileStream.alias().getFunctionArn())
                .eventSourceArn(props.files().table().getTableStreamArn())
                .startingPosition(FileStreamMapping.STARTING_POSITION)
                .batchSize(FileStreamMapping.BATCH_SIZE)
                .maximumBatchingWindowInSeconds(FileStreamMapping.MAX_BATCHING_WINDOW_SECONDS)
                .maximumRetryAttempts(FileStreamMapping.MAX_RETRY_ATTEMPTS)
                .bisectBatchOnFunctionError(FileStreamMapping.BISECT_BATCH_ON_ERROR)
                .maximumRecordAgeInSeconds(FileStreamMapping.MAX_RECORD_AGE_SECONDS)
                .functionResponseTypes(List.of("ReportBatchItemFailures"))
                .destinationConfig(CfnEventSourceMapping.DestinationConfigProperty.builder()
                        .onFailure(CfnEventSourceMapping.OnFailureProperty.builder()
                                .destination(streamFailures.getQueueArn()).build())
                        .build())
                .build();
        // CloudFormation checks the role's permissions on the stream when it creates the mapping.
        mapping.getNode().addDependency(fileStream.role());
    }

    public JavaFunction fileEvents() {
        return fileEvents;
    }

    public JavaFunction fileStream() {
        return fileStream;
    }

    public IQueue undeliveredEvents() {
        return undeliveredEvents;
    }

    public IQueue streamFailures() {
        return streamFailures;
    }
}
