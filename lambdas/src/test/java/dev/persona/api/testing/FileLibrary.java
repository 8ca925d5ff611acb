package dev.persona.api.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.config.Environment;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.files.FileEventsHandler;
import dev.persona.files.FileStreamHandler;
import dev.persona.json.Json;
import dev.persona.local.servers.StreamEventSourceMapping;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The file library's event paths for handler tests: the S3 "Object Created" event of an object, as EventBridge
 * delivers it to the file-events function, and the files table's stream delivered to the file-stream function by the
 * local event source mapping.
 */
public final class FileLibrary {

    private final LocalAws aws;
    private final FileEventsHandler events;
    private final StreamEventSourceMapping stream;

    public FileLibrary(LocalAws aws) {
        this.aws = aws;
        Environment environment = aws.environment();
        this.events = new FileEventsHandler(environment, aws.dynamoDb(), aws.s3());
        FileStreamHandler consumer = new FileStreamHandler(environment, aws.dynamoDb(), aws.s3());
        this.stream = StreamEventSourceMapping.builder().name("file-stream")
                .stream(aws.streams(), aws::filesStreamArn)
                .function(event -> invoke(consumer, event))
                .batchSize(100).build();
    }

    /** Delivers the event of the object now stored at {@code key}; returns the function's answer. */
    public String objectCreated(String key) {
        HeadObjectResponse head = aws.s3().headObject(h -> h.bucket(LocalAws.BUCKET).key(key));
        ObjectNode event = Json.MAPPER.createObjectNode().put("version", "0").put("id", java.util.UUID.randomUUID().toString())
                .put("detail-type", "Object Created").put("source", "aws.s3").put("account", "123456789012")
                .put("time", Instant.now().toString()).put("region", "us-east-1");
        ObjectNode detail = event.putObject("detail").put("version", "0");
        detail.putObject("bucket").put("name", LocalAws.BUCKET);
        detail.putObject("object").put("key", URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"))
                .put("size", head.contentLength()).put("etag", head.eTag().replace("\"", ""))
                .put("version-id", head.versionId()).put("sequencer", Long.toHexString(System.nanoTime()).toUpperCase());
        return invoke(events, event.toString());
    }

    /** Runs the stream's new records through the file-stream function; returns how many there were. */
    public int drainStream() {
        try {
            return stream.pollOnce();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, String event) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output, null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return output.toString(StandardCharsets.UTF_8);
    }

    /** The environment with quotas. */
    public static Map<String, String> quotas(long files, long bytes, long uploadsPerMonth) {
        return Map.of(EnvironmentVariables.FILE_QUOTA_FILES, Long.toString(files),
                EnvironmentVariables.FILE_QUOTA_BYTES, Long.toString(bytes),
                EnvironmentVariables.FILE_QUOTA_UPLOADS_PER_MONTH, Long.toString(uploadsPerMonth));
    }
}
