package dev.persona.local.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What a Lambda event source mapping does with a DynamoDB stream, for DynamoDB Local: it reads every shard of the
 * stream in order (a parent before its children) from the oldest record ({@code TRIM_HORIZON}), hands batches of at
 * most {@link Builder#batchSize} records to the function as Lambda shapes them ({@code {"Records": [...]}} with
 * {@code eventID}, {@code eventName}, {@code dynamodb.Keys/NewImage/OldImage/SequenceNumber}, {@code eventSourceARN},
 * and {@code userIdentity} for deletions by TTL), and reads the function's partial batch response: the records before
 * the first {@code batchItemFailures} entry are done, the batch is retried from it. A function that fails as a whole
 * has the batch retried, halved first when {@link Builder#bisectOnError} says so. After
 * {@link Builder#maxRetryAttempts} retries the records still failing go to the on-failure destination with the
 * metadata Lambda sends, and the mapping moves on: a shard is never blocked for good. With a checkpoint file, the
 * position survives restarts (a restarted mapping does not hand the function what it finished).
 */
public final class StreamEventSourceMapping implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration IDLE_POLL = Duration.ofMillis(250);

    /** Invokes the function with an event; returns its response, or throws when the invocation failed. */
    @FunctionalInterface
    public interface Function {
        String invoke(String eventJson);
    }

    private final Builder settings;
    private final Map<String, String> checkpoints = new LinkedHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private volatile long invocations;
    private Thread poller;

    private StreamEventSourceMapping(Builder settings) {
        this.settings = settings;
        loadCheckpoints();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Polls in the background until {@link #stop()}. */
    public synchronized StreamEventSourceMapping start() {
        if (poller != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        poller = Thread.ofPlatform().daemon().name("stream-mapping-" + settings.name).start(this::pollForever);
        return this;
    }

    public void stop() {
        Thread stopping;
        synchronized (this) {
            running = false;
            stopping = poller;
            poller = null;
        }
        if (stopping != null) {
            stopping.interrupt();
            try {
                stopping.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** What went to the on-failure destination: Lambda's invocation records, one JSON document each. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** How many times the function was invoked. */
    public long invocations() {
        return invocations;
    }

    private void pollForever() {
        while (running) {
            try {
                if (pollOnce() == 0) {
                    Thread.sleep(IDLE_POLL);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                System.getLogger(StreamEventSourceMapping.class.getName()).log(System.Logger.Level.WARNING,
                        "polling " + settings.name + " failed: " + e.getMessage());
                try {
                    Thread.sleep(IDLE_POLL);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /**
     * Reads every shard once from its checkpoint to its current end, handing batches to the function; returns how
     * many records were handed over. The tests call it to run the mapping step by step.
     */
    public synchronized int pollOnce() throws InterruptedException {
        String streamArn = settings.streamArn.get();
        if (streamArn == null) {
            return 0;
        }
        DescribeStreamResponse description = settings.streams.describeStream(describe -> describe.streamArn(streamArn));
        int handed = 0;
        for (Shard shard : parentsFirst(description.streamDescription().shards())) {
            handed += pollShard(streamArn, shard);
        }
        return handed;
    }

    private int pollShard(String streamArn, Shard shard) throws InterruptedException {
        String checkpoint = checkpoints.get(shard.shardId());
        String iterator = settings.streams.getShardIterator(get -> get.streamArn(streamArn).shardId(shard.shardId())
                .shardIteratorType(checkpoint == null ? ShardIteratorType.TRIM_HORIZON
                        : ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                .sequenceNumber(checkpoint)).shardIterator();
        int handed = 0;
        while (iterator != null && (running || poller == null)) {
            GetRecordsResponse page;
            try {
                String from = iterator;
                page = settings.streams.getRecords(get -> get.shardIterator(from).limit(settings.batchSize));
            } catch (ExpiredIteratorException e) {
                return handed;
            }
            if (page.records().isEmpty()) {
                return handed;
            }
            handed += page.records().size();
            deliver(streamArn, shard.shardId(), page.records());
            iterator = page.nextShardIterator();
        }
        return handed;
    }

    /** Invokes the function with the batch until it is done or out of retries; then moves the checkpoint past it. */
    private void deliver(String streamArn, String shardId, List<Record> records) throws InterruptedException {
        List<Record> pending = records;
        int batch = pending.size();
        int retries = 0;
        while (!pending.isEmpty()) {
            List<Record> attempt = pending.subList(0, Math.min(batch, pending.size()));
            int done;
            String error = null;
            try {
                invocations++;
                done = completed(attempt, settings.function.invoke(event(streamArn, attempt)));
            } catch (RuntimeException e) {
                done = 0;
                error = e.getMessage();
                if (settings.bisectOnError && batch > 1) {
                    batch = (batch + 1) / 2;
                }
            }
            if (done > 0) {
                checkpoint(shardId, attempt.get(done - 1).dynamodb().sequenceNumber());
                pending = pending.subList(done, pending.size());
                retries = 0;
                continue;
            }
            if (retries == settings.maxRetryAttempts) {
                failures.add(failureRecord(streamArn, shardId, attempt, error));
                settings.onFailure.accept(failures.getLast());
                checkpoint(shardId, attempt.getLast().dynamodb().sequenceNumber());
                pending = pending.subList(attempt.size(), pending.size());
                retries = 0;
                continue;
            }
            retries++;
            Thread.sleep(settings.retryDelay.multipliedBy(1L << Math.min(retries - 1, 6)));
        }
    }

    /** How many records of the batch, from its start, the response says were processed. */
    private static int completed(List<Record> batch, String response) {
        JsonNode failures;
        try {
            failures = response == null || response.isBlank() ? null : MAPPER.readTree(response).path("batchItemFailures");
        } catch (IOException e) {
            // A response that is not a partial batch response counts as complete success, as Lambda reads it.
            return batch.size();
        }
        if (failures == null || !failures.isArray() || failures.isEmpty()) {
            return batch.size();
        }
        String first = failures.get(0).path("itemIdentifier").asText(null);
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).dynamodb().sequenceNumber().equals(first)) {
                return i;
            }
        }
        // An identifier that names no record of the batch fails the whole batch, as Lambda treats it.
        return 0;
    }

    /** The event Lambda sends a function for DynamoDB stream records. */
    String event(String streamArn, List<Record> records) {
        ObjectNode event = MAPPER.createObjectNode();
        ArrayNode list = event.putArray("Records");
        String arn = settings.eventSourceArn.apply(streamArn);
        for (Record record : records) {
            ObjectNode item = list.addObject().put("eventID", record.eventID()).put("eventName", record.eventNameAsString())
                    .put("eventVersion", "1.1").put("eventSource", "aws:dynamodb").put("awsRegion", settings.region);
            ObjectNode dynamodb = item.putObject("dynamodb");
            if (record.dynamodb().approximateCreationDateTime() != null) {
                dynamodb.put("ApproximateCreationDateTime", record.dynamodb().approximateCreationDateTime().getEpochSecond());
            }
            dynamodb.set("Keys", image(record.dynamodb().keys()));
            if (record.dynamodb().hasNewImage()) {
                dynamodb.set("NewImage", image(record.dynamodb().newImage()));
            }
            if (record.dynamodb().hasOldImage()) {
                dynamodb.set("OldImage", image(record.dynamodb().oldImage()));
            }
            dynamodb.put("SequenceNumber", record.dynamodb().sequenceNumber());
            dynamodb.put("SizeBytes", record.dynamodb().sizeBytes());
            dynamodb.put("StreamViewType", record.dynamodb().streamViewTypeAsString());
            if (record.userIdentity() != null) {
                item.putObject("userIdentity").put("type", record.userIdentity().type())
                        .put("principalId", record.userIdentity().principalId());
            }
            item.put("eventSourceARN", arn);
        }
        return event.toString();
    }

    private String failureRecord(String streamArn, String shardId, List<Record> batch, String error) {
        ObjectNode record = MAPPER.createObjectNode();
        record.putObject("requestContext").put("condition", "RetryAttemptsExhausted")
                .put("approximateInvokeCount", settings.maxRetryAttempts + 1)
                .put("functionArn", settings.name);
        record.putObject("responseContext").put("statusCode", 200).put("functionError", error);
        record.putObject("DDBStreamBatchInfo").put("shardId", shardId)
                .put("startSequenceNumber", batch.getFirst().dynamodb().sequenceNumber())
                .put("endSequenceNumber", batch.getLast().dynamodb().sequenceNumber())
                .put("batchSize", batch.size()).put("streamArn", settings.eventSourceArn.apply(streamArn));
        return record.toString();
    }

    private static ObjectNode image(Map<String, AttributeValue> attributes) {
        ObjectNode image = MAPPER.createObjectNode();
        attributes.forEach((name, value) -> image.set(name, value(value)));
        return image;
    }

    /** An attribute value in DynamoDB's JSON, as stream records carry it. */
    static ObjectNode value(AttributeValue value) {
        ObjectNode node = MAPPER.createObjectNode();
        switch (value.type()) {
            case S -> node.put("S", value.s());
            case N -> node.put("N", value.n());
            case B -> node.put("B", base64(value.b()));
            case BOOL -> node.put("BOOL", value.bool());
            case NUL -> node.put("NULL", true);
            case SS -> value.ss().forEach(node.putArray("SS")::add);
            case NS -> value.ns().forEach(node.putArray("NS")::add);
            case BS -> value.bs().forEach(bytes -> node.withArray("BS").add(base64(bytes)));
            case M -> node.set("M", image(value.m()));
            case L -> {
                ArrayNode list = node.putArray("L");
                value.l().forEach(element -> list.add(value(element)));
            }
            default -> throw new IllegalArgumentException("an attribute value of an unknown type");
        }
        return node;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }

    private static List<Shard> parentsFirst(List<Shard> shards) {
        List<Shard> ordered = new ArrayList<>();
        List<Shard> remaining = new ArrayList<>(shards);
        while (!remaining.isEmpty()) {
            boolean progressed = false;
            for (Shard shard : List.copyOf(remaining)) {
                String parent = shard.parentShardId();
                boolean parentPending = parent != null && remaining.stream().anyMatch(other -> other.shardId().equals(parent));
                if (!parentPending) {
                    ordered.add(shard);
                    remaining.remove(shard);
                    progressed = true;
                }
            }
            if (!progressed) {
                ordered.addAll(remaining);
                break;
            }
        }
        return ordered;
    }

    private void checkpoint(String shardId, String sequenceNumber) {
        checkpoints.put(shardId, sequenceNumber);
        if (settings.checkpointFile == null) {
            return;
        }
        ObjectNode root = MAPPER.createObjectNode();
        checkpoints.forEach(root::put);
        StateFiles.write(settings.checkpointFile, root);
    }

    private void loadCheckpoints() {
        if (settings.checkpointFile == null || !Files.exists(settings.checkpointFile)) {
            return;
        }
        try {
            MAPPER.readTree(settings.checkpointFile.toFile()).properties()
                    .forEach(entry -> checkpoints.put(entry.getKey(), entry.getValue().asText()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + settings.checkpointFile, e);
        }
    }

    /** Settings: the stream, the function, and Lambda's defaults for the rest. */
    public static final class Builder {
        private String name = "stream";
        private DynamoDbStreamsClient streams;
        private java.util.function.Supplier<String> streamArn;
        private UnaryOperator<String> eventSourceArn = UnaryOperator.identity();
        private String region = "us-east-1";
        private Function function;
        private int batchSize = 100;
        private int maxRetryAttempts = 5;
        private boolean bisectOnError;
        private Duration retryDelay = Duration.ofMillis(100);
        private Consumer<String> onFailure = record -> { };
        private Path checkpointFile;

        private Builder() {
        }

        public Builder name(String name) {
            this.name = Objects.requireNonNull(name);
            return this;
        }

        /** The stream to read, read with {@code streams}; its ARN is looked up each poll (a table may be recreated). */
        public Builder stream(DynamoDbStreamsClient streams, java.util.function.Supplier<String> streamArn) {
            this.streams = Objects.requireNonNull(streams);
            this.streamArn = Objects.requireNonNull(streamArn);
            return this;
        }

        /** The {@code eventSourceARN} records carry, from the stream's ARN (DynamoDB Local's names another account). */
        public Builder eventSourceArn(UnaryOperator<String> eventSourceArn) {
            this.eventSourceArn = Objects.requireNonNull(eventSourceArn);
            return this;
        }

        public Builder region(String region) {
            this.region = Objects.requireNonNull(region);
            return this;
        }

        public Builder function(Function function) {
            this.function = Objects.requireNonNull(function);
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder maxRetryAttempts(int maxRetryAttempts) {
            this.maxRetryAttempts = maxRetryAttempts;
            return this;
        }

        public Builder bisectOnError(boolean bisectOnError) {
            this.bisectOnError = bisectOnError;
            return this;
        }

        /** The first retry's delay; each next one doubles it. */
        public Builder retryDelay(Duration retryDelay) {
            this.retryDelay = Objects.requireNonNull(retryDelay);
            return this;
        }

        /** Where records that run out of retries go (the on-failure destination). */
        public Builder onFailure(Consumer<String> onFailure) {
            this.onFailure = Objects.requireNonNull(onFailure);
            return this;
        }

        /** Keep the position in this file; without it, it lives in memory. */
        public Builder checkpointFile(Path checkpointFile) {
            this.checkpointFile = checkpointFile;
            return this;
        }

        public StreamEventSourceMapping build() {
            Objects.requireNonNull(streams, "stream");
            Objects.requireNonNull(function, "function");
            return new StreamEventSourceMapping(this);
        }
    }
}
