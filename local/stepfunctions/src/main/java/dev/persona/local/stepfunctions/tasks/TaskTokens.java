package dev.persona.local.stepfunctions.tasks;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.asl.StatesFailure;
import dev.persona.local.stepfunctions.time.TimeSource;

/**
 * Task tokens of {@code .waitForTaskToken} tasks: issued when such a task starts, completed by
 * SendTaskSuccess / SendTaskFailure, kept alive by SendTaskHeartbeat.
 */
public final class TaskTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{86}");

    private final Map<String, Callback> callbacks = new ConcurrentHashMap<>();
    private final TimeSource time;

    public TaskTokens(TimeSource time) {
        this.time = time;
    }

    /** A task waiting for its token: its outcome (a result, or a {@link StatesFailure}) and its last heartbeat. */
    public static final class Callback {
        private final String token;
        private final CompletableFuture<JsonNode> outcome = new CompletableFuture<>();
        private volatile Instant lastHeartbeat;
        private volatile boolean closed;

        private Callback(String token, Instant issued) {
            this.token = token;
            this.lastHeartbeat = issued;
        }

        public String token() {
            return token;
        }

        public CompletableFuture<JsonNode> outcome() {
            return outcome;
        }

        public Instant lastHeartbeat() {
            return lastHeartbeat;
        }
    }

    /** Why a Send* call was refused, named as the API names it. */
    public static final class TaskTokenException extends RuntimeException {
        private final String errorType;

        TaskTokenException(String errorType, String message) {
            super(message);
            this.errorType = errorType;
        }

        public String errorType() {
            return errorType;
        }
    }

    public Callback issue() {
        byte[] bytes = new byte[64];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Callback callback = new Callback(token, time.now());
        callbacks.put(token, callback);
        return callback;
    }

    /**
     * The callback of a task that was waiting for {@code token} before a restart: the same token is valid again,
     * so a SendTaskSuccess or SendTaskFailure sent for it reaches the continued task.
     */
    public Callback resume(String token) {
        return callbacks.computeIfAbsent(token, known -> new Callback(known, time.now()));
    }

    /** The task no longer waits (it completed, timed out or was stopped): later sends get TaskTimedOut. */
    public void close(Callback callback) {
        callback.closed = true;
    }

    public void succeed(String token, JsonNode output) {
        open(token).outcome.complete(output);
    }

    public void fail(String token, String error, String cause) {
        open(token).outcome.completeExceptionally(new StatesFailure(error, cause));
    }

    public void heartbeat(String token) {
        open(token).lastHeartbeat = time.now();
    }

    private Callback open(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new TaskTokenException("InvalidToken", "Invalid token");
        }
        Callback callback = callbacks.get(token);
        if (callback == null) {
            throw new TaskTokenException("TaskDoesNotExist", "Task does not exist anymore");
        }
        if (callback.closed || callback.outcome.isDone()) {
            throw new TaskTokenException("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
        }
        return callback;
    }
}
