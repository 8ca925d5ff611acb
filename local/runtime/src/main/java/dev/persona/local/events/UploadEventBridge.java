package dev.persona.local.events;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import dev.persona.contracts.UploadEvents;
import dev.persona.local.servers.LocalS3Server;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * The local S3 → EventBridge → target path of uploads: every object created under
 * {@link UploadEvents#KEY_PREFIX} (or the other {@link Builder#keyPrefixes}) of the uploads bucket, by a PUT, a presigned PUT, a browser POST, a
 * completed multipart upload or a copy, becomes one S3 "Object Created" event shaped as AWS shapes it
 * ({@link ObjectCreatedEvent}), handed to an {@link UploadEventTarget}. Other buckets and keys raise no
 * event: the pattern is the deployed rule's ({@link UploadEvents}).
 *
 * <p>No upload without its event, no event twice:
 * <ul>
 *   <li>the event is recorded in an outbox before S3 answers the upload (a journal in the data
 *       directory, forced to disk; in memory without one), then delivered by a dispatcher thread;</li>
 *   <li>a failed delivery is retried with exponential backoff ({@link RetryPolicy}, by default the
 *       deployed rule's 8 retries within 4 hours); an event that runs out of retries is dead-lettered
 *       with the reason (to {@code upload-events-dead-letters.jsonl} in the data directory, and
 *       {@link #deadLetters()});</li>
 *   <li>after a restart on the same data directory the recorded, undelivered events are delivered; the
 *       delivered ones are not;</li>
 *   <li>an object version is recorded once, and an event delivered successfully once per run. A crash
 *       between a delivery and its recording redelivers it after the restart, with the same id.</li>
 * </ul>
 *
 * <p>Usage: build it, pass {@link #blobStoreDecorator()} to {@link LocalS3Server.Builder#blobStoreDecorator},
 * start both. Objects created before {@link #start()} are recorded and delivered once it runs.
 *
 * <p>Fields S3Proxy does not tell a blob store are filled in locally: {@code request-id} is a new id (not
 * the one in the S3 response), {@code source-ip-address} the loopback address the local S3 serves on,
 * {@code requester} the bucket owner's account.
 */
public final class UploadEventBridge implements AutoCloseable {

    static final String SOURCE_IP_ADDRESS = "127.0.0.1";

    private static final String REQUEST_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Builder settings;
    private final EventOutbox outbox;
    private final DelayQueue<Attempt> attempts = new DelayQueue<>();
    private final Set<String> scheduled = new HashSet<>();
    private final SecureRandom random = new SecureRandom();
    private Thread dispatcher;

    private UploadEventBridge(Builder settings) {
        this.settings = settings;
        this.outbox = settings.dataDirectory == null ? EventOutbox.inMemory() : EventOutbox.open(settings.dataDirectory);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** For {@link LocalS3Server.Builder#blobStoreDecorator}: reports the objects the store creates to this bridge. */
    public UnaryOperator<BlobStore> blobStoreDecorator() {
        ObjectCreatedObserver.Sink sink = new ObjectCreatedObserver.Sink() {
            @Override
            public boolean wants(String bucket, String key) {
                String encoded = ObjectCreatedEvent.encodedKey(key);
                return settings.bucket.equals(bucket) && settings.keyPrefixes.stream().anyMatch(encoded::startsWith);
            }

            @Override
            public void created(String bucket, String key, long size, String etag, String versionId, String reason) {
                record(bucket, key, size, etag, versionId, reason);
            }
        };
        return store -> new ObjectCreatedObserver(store, sink);
    }

    /** Starts delivering: first what the outbox holds from before, then each new event. */
    public synchronized UploadEventBridge start() {
        if (dispatcher != null) {
            throw new IllegalStateException("already started");
        }
        dispatcher = Thread.ofPlatform().daemon().name("upload-event-dispatcher").unstarted(this::dispatch);
        for (EventOutbox.Pending event : outbox.pending()) {
            schedule(event, 1, Duration.ZERO);
        }
        dispatcher.start();
        return this;
    }

    /**
     * Stops delivering; what is not delivered stays recorded (and in a data directory, is delivered after
     * the next start). Waits for a delivery in progress, at most ten seconds. Safe to call twice.
     */
    public void stop() {
        Thread stopping;
        synchronized (this) {
            stopping = dispatcher;
            dispatcher = null;
            attempts.clear();
            scheduled.clear();
        }
        if (stopping == null) {
            return;
        }
        stopping.interrupt();
        try {
            stopping.join(STOP_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Waits until every recorded event is delivered or dead-lettered; false when {@code timeout} passed first. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return outbox.awaitEmpty(timeout);
    }

    /** Events recorded and neither delivered nor dead-lettered yet. */
    public int pendingEvents() {
        return outbox.pending().size();
    }

    /** The events that ran out of retries, oldest first (also those of earlier runs on the data directory). */
    public List<DeadLetter> deadLetters() {
        return outbox.deadLetters();
    }

    private void record(String bucket, String key, long size, String etag, String versionId, String reason) {
        Instant now = settings.clock.instant();
        long sequencer = outbox.nextSequencer(now);
        ObjectCreatedEvent event = new ObjectCreatedEvent(UUID.randomUUID().toString(), now, settings.account,
                settings.region, bucket, key, size, etag, versionId, String.format("%016x", sequencer), requestId(),
                settings.account, SOURCE_IP_ADDRESS, reason);
        String objectVersion = bucket + "\n" + key + "\n"
                + (versionId != null ? versionId : etag + "\n" + event.sequencer());
        String json = event.toJson();
        if (outbox.record(objectVersion, event.id(), json, now, sequencer)) {
            synchronized (this) {
                if (dispatcher != null) {
                    schedule(new EventOutbox.Pending(event.id(), json, now), 1, Duration.ZERO);
                }
            }
        }
    }

    /** Queues an attempt unless one for the event is queued already. Call with the lock held. */
    private void schedule(EventOutbox.Pending event, int number, Duration delay) {
        if (number > 1 || scheduled.add(event.id())) {
            attempts.add(new Attempt(event, number, System.nanoTime() + delay.toNanos()));
        }
    }

    private void dispatch() {
        while (!Thread.currentThread().isInterrupted()) {
            Attempt attempt;
            try {
                attempt = attempts.take();
            } catch (InterruptedException e) {
                return;
            }
            deliver(attempt);
        }
    }

    private void deliver(Attempt attempt) {
        EventOutbox.Pending event = attempt.event();
        if (!outbox.isPending(event.id())) {
            return;
        }
        try {
            settings.target.deliver(event.id(), event.eventJson());
        } catch (InterruptedException e) {
            // Stopping: the event stays recorded for the next start.
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            failed(attempt, e);
            return;
        }
        outbox.delivered(event.id(), attempt.number(), settings.clock.instant());
        unschedule(event.id());
    }

    private void failed(Attempt attempt, Exception failure) {
        EventOutbox.Pending event = attempt.event();
        RetryPolicy policy = settings.retryPolicy;
        Instant now = settings.clock.instant();
        Duration wait = jittered(policy.backoff(attempt.number()));
        String limit = null;
        if (attempt.number() > policy.maxRetryAttempts()) {
            limit = "no retries left after " + attempt.number() + " attempts";
        } else if (!now.plus(wait).isBefore(event.createdAt().plus(policy.maxEventAge()))) {
            limit = "the event would be older than the maximum event age of " + policy.maxEventAge()
                    + " at its next attempt";
        }
        if (limit == null) {
            synchronized (this) {
                if (dispatcher != null) {
                    schedule(event, attempt.number() + 1, wait);
                }
            }
            return;
        }
        DeadLetter letter = new DeadLetter(event.id(), event.eventJson(), limit + "; last failure: " + failure,
                attempt.number(), now);
        outbox.deadLettered(letter);
        unschedule(event.id());
        // Looked up when needed: the first lookup of a System.Logger searches the class path for a backend.
        System.getLogger(UploadEventBridge.class.getName()).log(System.Logger.Level.WARNING,
                "upload event {0} dead-lettered: {1}", event.id(), letter.reason());
    }

    private synchronized void unschedule(String id) {
        scheduled.remove(id);
    }

    /** Between half and all of {@code backoff}, so retries of many events spread out. */
    private static Duration jittered(Duration backoff) {
        long nanos = backoff.toNanos();
        return Duration.ofNanos(nanos / 2 + ThreadLocalRandom.current().nextLong(nanos / 2 + 1));
    }

    /** Shaped like S3's request ids: 16 upper-case letters and digits. */
    private String requestId() {
        StringBuilder id = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            id.append(REQUEST_ID_ALPHABET.charAt(random.nextInt(REQUEST_ID_ALPHABET.length())));
        }
        return id.toString();
    }

    /** One delivery attempt of an event, due at a {@link System#nanoTime()} instant. */
    private record Attempt(EventOutbox.Pending event, int number, long dueNanos) implements Delayed {

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }

    /**
     * Settings with defaults: no data directory (the outbox in memory), account
     * {@value LocalS3Server#ACCOUNT_ID}, region {@code us-east-1}, {@link RetryPolicy#DEFAULT}, the system
     * clock. The bucket and the target are required.
     */
    public static final class Builder {
        private String bucket;
        private List<String> keyPrefixes = List.of(UploadEvents.KEY_PREFIX);
        private UploadEventTarget target;
        private Path dataDirectory;
        private String account = LocalS3Server.ACCOUNT_ID;
        private String region = LocalS3Server.REGION.id();
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The uploads bucket: the only bucket whose objects raise events. */
        public Builder bucket(String bucket) {
            this.bucket = Objects.requireNonNull(bucket);
            return this;
        }

        /**
         * The key prefixes whose objects raise events, one per rule on the bucket's events (the upload rule's
         * {@link UploadEvents#KEY_PREFIX} by default); the target tells the rules' events apart by key.
         */
        public Builder keyPrefixes(List<String> keyPrefixes) {
            this.keyPrefixes = List.copyOf(keyPrefixes);
            return this;
        }

        public Builder target(UploadEventTarget target) {
            this.target = Objects.requireNonNull(target);
            return this;
        }

        /** Keep the outbox (journal and dead letters) in this folder, so events survive restarts. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** The bucket owner's account, named in the events. */
        public Builder account(String account) {
            this.account = Objects.requireNonNull(account);
            return this;
        }

        /** The bucket's region, named in the events. */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region);
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy);
            return this;
        }

        /** The clock events are dated and aged by. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Opens the outbox (replaying its journal when there is a data directory). */
        public UploadEventBridge build() {
            if (bucket == null || target == null) {
                throw new IllegalStateException("bucket and target are required");
            }
            return new UploadEventBridge(this);
        }
    }
}
