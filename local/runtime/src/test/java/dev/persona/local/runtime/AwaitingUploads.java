package dev.persona.local.runtime;

import java.time.Instant;

import dev.persona.api.Job;
import dev.persona.aws.DynamoJobRepository;
import dev.persona.contracts.StorageLayout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Registers an upload as {@code POST /v1/uploads} does, straight in the jobs table: the pipeline processes only an
 * upload whose job awaits exactly its key, so tests that write uploads themselves register them first.
 */
public final class AwaitingUploads {

    private AwaitingUploads() {
    }

    /** The job awaiting {@code uploads/{userId}/{jobId}/{filename}}, declared {@code sizeBytes} long. */
    public static void register(DynamoDbClient dynamoDb, String jobsTable, String key, long sizeBytes) {
        StorageLayout.UploadKey upload = StorageLayout.parseUploadKey(key)
                .orElseThrow(() -> new IllegalArgumentException("not an upload key: " + key));
        Instant now = Instant.now();
        new DynamoJobRepository(dynamoDb, jobsTable).create(Job.awaitingUpload(upload.userId(), upload.uploadId(),
                now.toString(), upload.filename(), "application/json", sizeBytes, key,
                now.plusSeconds(86_400).getEpochSecond()));
    }
}
