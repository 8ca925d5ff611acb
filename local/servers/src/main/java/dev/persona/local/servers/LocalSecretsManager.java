package dev.persona.local.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * AWS Secrets Manager on loopback, speaking the AWS JSON 1.1 protocol ({@code POST /} with
 * {@code X-Amz-Target: secretsmanager.<Operation>}) for the subset of operations the project uses, so that the
 * unmodified SDK {@code SecretsManagerClient} and the AWS CLI work against it:
 *
 * <ul>
 *   <li>{@code CreateSecret} (name, {@code KmsKeyId}, {@code SecretString}, client request token),
 *       {@code DescribeSecret} (rotation settings, {@code VersionIdsToStages}), {@code ListSecretVersionIds},
 *       {@code GetSecretValue} (by {@code VersionId} and/or {@code VersionStage}; {@code AWSCURRENT} by default),
 *       {@code PutSecretValue} (idempotent by client request token; a version staged {@code AWSCURRENT} by default,
 *       the previous current one becomes {@code AWSPREVIOUS}), {@code UpdateSecretVersionStage} (moving a stage, with
 *       {@code RemoveFromVersionId} required when the stage is elsewhere);</li>
 *   <li>{@code RotateSecret}: sets the rotation function and rules, and (unless {@code RotateImmediately} is false)
 *       creates the new version staged {@code AWSPENDING} without a value and runs the four steps of the rotation
 *       function ({@code createSecret}, {@code setSecret}, {@code testSecret}, {@code finishSecret}) in order through the
 *       configured {@link RotationInvoker}, in the background; when the last succeeds {@code AWSPENDING} is removed. A
 *       rotation while another is unfinished is refused, as on AWS.</li>
 * </ul>
 *
 * <p>Every other operation, and parameters it does not implement, are refused ({@code UnknownOperationException},
 * {@code InvalidParameterException}) rather than ignored. With a {@link AwsRequestGate}, every request is
 * authenticated and authorized first: the secret action on the secret's ARN, and for a secret encrypted with a
 * customer KMS key, {@code kms:Decrypt} to read and {@code kms:GenerateDataKey} to write a value, with
 * {@code kms:ViaService} set to Secrets Manager (what AWS checks for the caller, since Secrets Manager calls KMS on
 * its behalf). With a data directory, secrets survive restarts (an owner-only JSON file).
 */
public final class LocalSecretsManager implements AutoCloseable {

    public static final String CURRENT = "AWSCURRENT";
    public static final String PENDING = "AWSPENDING";
    public static final String PREVIOUS = "AWSPREVIOUS";
    public static final List<String> ROTATION_STEPS = List.of("createSecret", "setSecret", "testSecret", "finishSecret");
    static final String TARGET_PREFIX = "secretsmanager.";
    private static final String JSON = "application/x-amz-json-1.1";
    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Builder settings;
    private final Map<String, Secret> secretsByName = new LinkedHashMap<>();
    private final ExecutorService rotations = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("secrets-manager-rotation").factory());
    private final SecureRandom random = new SecureRandom();
    private LoopbackEndpoint server;

    /** Runs one step of a secret's rotation function, as Secrets Manager invokes it; throws when the step failed. */
    @FunctionalInterface
    public interface RotationInvoker {
        void invoke(String functionArn, String eventJson) throws Exception;
    }

    private LocalSecretsManager(Builder settings) {
        this.settings = settings;
        load();
    }

    public static Builder builder() {
        return new Builder();
    }

    public LocalSecretsManager start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        server = LoopbackEndpoint.start("secrets-manager", settings.host, settings.port, this::serve);
        return this;
    }

    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
        rotations.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }

    public URI endpoint() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.endpoint();
    }

    /** A client of this endpoint signing with {@code credentials}. Close it. */
    public SecretsManagerClient client(AwsCredentialsProvider credentials) {
        return SecretsManagerClient.builder().endpointOverride(endpoint()).region(Region.of(settings.region))
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** The ARN of the secret named {@code name}, if it exists. */
    public synchronized Optional<String> arnOf(String name) {
        return Optional.ofNullable(secretsByName.get(name)).map(secret -> secret.arn);
    }

    /** Waits until no rotation of any secret is running (the background steps). */
    public void awaitRotations() {
        try {
            rotations.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    // ---- the protocol ----

    private LoopbackEndpoint.HttpResponse serve(LoopbackEndpoint.HttpRequest request) {
        String requestId = UUID.randomUUID().toString();
        try {
            if (!request.method().equals("POST") || !"/".equals(request.path())) {
                throw new Refusal(400, "UnknownOperationException", null);
            }
            String target = request.header("X-Amz-Target");
            if (target == null || !target.startsWith(TARGET_PREFIX)) {
                throw new Refusal(400, "UnknownOperationException", null);
            }
            String operation = target.substring(TARGET_PREFIX.length());
            JsonNode input;
            try {
                input = request.body().length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(request.body());
            } catch (IOException e) {
                throw new Refusal(400, "SerializationException", "Start of structure or map found where not expected.");
            }
            if (input == null || !input.isObject()) {
                throw new Refusal(400, "SerializationException", "The request is not a JSON object.");
            }
            ObjectNode output = operate(operation, input, request);
            return LoopbackEndpoint.HttpResponse.of(200, JSON, MAPPER.writeValueAsBytes(output))
                    .withHeader("x-amzn-RequestId", requestId);
        } catch (Refusal refusal) {
            ObjectNode error = MAPPER.createObjectNode().put("__type", refusal.code);
            if (refusal.getMessage() != null) {
                error.put("Message", refusal.getMessage());
            }
            return LoopbackEndpoint.HttpResponse.of(refusal.status, JSON, error.toString()
                    .getBytes(StandardCharsets.UTF_8)).withHeader("x-amzn-RequestId", requestId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized ObjectNode operate(String operation, JsonNode input, LoopbackEndpoint.HttpRequest request) {
        return switch (operation) {
            case "CreateSecret" -> createSecret(input, request);
            case "DescribeSecret" -> describeSecret(input, request);
            case "ListSecretVersionIds" -> listVersions(input, request);
            case "GetSecretValue" -> getSecretValue(input, request);
            case "PutSecretValue" -> putSecretValue(input, request);
            case "UpdateSecretVersionStage" -> updateStage(input, request);
            case "RotateSecret" -> rotateSecret(input, request);
            default -> {
                // Fail closed: an operation this stand-in does not implement is neither served nor authorized.
                check(request, List.of(AwsRequestGate.Requirement.of("secretsmanager:" + operation, "*")));
                throw new Refusal(400, "UnknownOperationException", "The local Secrets Manager does not implement "
                        + operation + ".");
            }
        };
    }

    private ObjectNode createSecret(JsonNode input, LoopbackEndpoint.HttpRequest request) {
        allowOnly(input, "Name", "SecretString", "KmsKeyId", "ClientRequestToken", "Description");
        String name = required(input, "Name");
        if (!name.matches("[A-Za-z0-9/_+=.@-]{1,512}")) {
            throw invalidParameter("Invalid name. Must be a valid name containing alphanumeric characters, or any of "
                    + "the following: -/_+=.@!");
        }
        String kmsKeyId = text(input, "KmsKeyId");
        String arn = "arn:aws:secretsmanager:" + settings.region + ":" + settings.account + ":secret:" + name + "-"
                + suffix();
        List<AwsRequestGate.Requirement> needs = new ArrayList<>(List.of(
                AwsRequestGate.Requirement.of("secretsmanager:CreateSecret", arn)));
        if (kmsKeyId != null && input.has("SecretString")) {
            needs.add(viaSecretsManager("kms:GenerateDataKey", kmsKeyId));
        }
        check(request, needs);
        if (secretsByName.containsKey(name)) {
            throw new Refusal(400, "ResourceExistsException", "The operation failed because the secret " + name
                    + " already exists.");
        }
        Secret secret = new Secret(name, arn, kmsKeyId, settings.clock.instant());
        secretsByName.put(name, secret);
        ObjectNode output = MAPPER.createObjectNode().put("ARN", arn).put("Name", name);
        if (input.has("SecretString")) {
            String versionId = Optional.ofNullable(text(input, "ClientRequestToken")).orElse(UUID.randomUUID().toString());
            secret.versions.put(versionId, new Version(input.get("SecretString").asText(),
                    new LinkedHashSet<>(List.of(CURRENT)), settings.clock.instant()));
            output.put("VersionId", versionId);
        }
        save();
        return output;
    }

    private ObjectNode describeSecret(JsonNode input, LoopbackEndpoint.HttpRequest request) {
        allowOnly(input, "SecretId");
        Secret secret = authorized(input, request, "secretsmanager:DescribeSecret", null);
        ObjectNode output = MAPPER.createObjectNode().put("ARN", secret.arn).put("Name", secret.name)
                .put("RotationEnabled", secret.rotationLambdaArn != null)
                .put("CreatedDate", seconds(secret.createdAt));
        if (secret.kmsKeyId != null) {
            output.put("KmsKeyId", secret.kmsKeyId);
        }
        if (secret.rotationLambdaArn != null) {
            output.put("RotationLambdaARN", secret.rotationLambdaArn);
            output.putObject("RotationRules").put("AutomaticallyAfterDays", secret.rotationDays);
        }
        if (secret.lastRotated != null) {
            output.put("LastRotatedDate", seconds(secret.lastRotated));
        }
        ObjectNode stages = output.putObject("VersionIdsToStages");
        secret.versions.forEach((id, version) -> {
            if (!version.stages.isEmpty()) {
                ArrayNode list = stages.putArray(id);
                version.stages.forEach(list::add);
            }
        });
        return output;
    }

    private ObjectNode listVersions(JsonNode input, LoopbackEndpoint.HttpRequest request) {
        allowOnly(input, "SecretId", "IncludeDeprecated", "MaxResults", "NextToken");
        Secret secret = authorized(input, request, "secretsmanager:ListSecretVersionIds", null);
        ObjectNode output = MAPPER.createObjectNode().put("ARN", secret.arn).put("Name", secret.name);
        ArrayNode versions = output.putArray("Versions");
        secret.versions.forEach((id, version) -> {
            ObjectNode entry = versions.addObject().put("VersionId", id).put("CreatedDate", seconds(version.createdAt));
            ArrayNode stages = entry.putArray("VersionStages");
            version.stages.forEach(stages::add);
        });
        return output;
    }

    private ObjectNode getSecretValue(JsonNode input, LoopbackEndpoint.HttpRequest request) {
        allowOnly(input, "SecretId", "VersionId", "VersionStage");
        Secret secret = authorized(input, request, "secretsmanager:GetSecretValue", "kms:Decrypt");
        String versionId = text(input, "VersionId");
        String stage = text(input, "VersionStage");
        if (versionId == null && stage == null) {
            stage = CURRENT;
        }
        String wantedStage = stage;
        Map.Entry<String, Version> found = secret.versions.entrySet().stream()
                .filter(entry -> versionId == null || entry.getKey().equals(versionId))
                .filter(entry -> wantedStage == null || entry.getValue().stages.contains(wantedStage))
                .findFirst().orElse(null);
        if (found == null || found.getValue().value == null) {
            throw new Refusal(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret "
                    + "value for " + (versionId != null ? "VersionId: " + versionId : "staging label: " + stage));
        }
        ObjectNode output = MAPPER.createObjectNode().put("ARN", secret.arn).put("Name", secret.name)
                .put("VersionId", found.getKey()).put("SecretString", found.getValue().value)
                .put("CreatedDate", seconds(found.getValue().createdAt));
        ArrayNode stages = output.putArray("VersionStages");
        found.getValue().stages.forEach(stages::add);
        return output;
    }

    private ObjectNode putSecretValue(JsonNode input, LoopbackEndpoint.HttpRequest request) {
        allowOnly(input, "SecretId", "SecretString", "ClientRequestToken", "VersionStages");
        Secret secret = authorized(input, request, "secretsmanager:PutSecretValue", "kms:GenerateDataKey");
        String value = required(input, "SecretString");
        String versionId = Optional.ofNullable(text(input, "ClientRequestToken")).orElse(UUID.randomUUID().toString());
        List<String> stages = new ArrayList<>();
        input.path("VersionStages").forEach(stage -> stages.add(stage.asText()));
        if (stages.isEmpty()) {
            stages.add(CURRENT);
        }
        Version existing = secret.versions.get(versionId);
        if (existing != null && existing.value != null) {
            if (!existing.value.equals(value)) {
                throw new Refusal(400, "ResourceExistsException", "You can't modify an existing version, you can only "
                        + "create a new version.");
            }
        } else {
            Version version = existing != null ? existing : new Version(null, new LinkedHashSet<>(),
                    settings.clock.instant());
            version.value = value;
            secret.versions.put(versionId, version);
            for (String stage : stages) {
                moveStage(secret, stage, versionId);
            }
            save();
        }
        return versionOutput(secret, versionId);
    }

    private ObjectNode updateStage(JsonNode input, LoopbackEndpoint.HttpRequest request) {
        allowOnly(input, "SecretId", "VersionStage", "MoveToVersionId", "RemoveFromVersionId");
        Secret secret = authorized(input, request, "secretsmanager:UpdateSecretVersionStage", null);
        String stage = required(input, "VersionStage");
        String to = text(input, "MoveToVersionId");
        String from = text(input, "RemoveFromVersionId");
        String holder = secret.versions.entrySet().stream().filter(entry -> entry.getValue().stages.contains(stage))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (to != null && !secret.versions.containsKey(to) || from != null && !secret.versions.containsKey(from)) {
            throw invalidParameter("The version does not exist.");
        }
        if (to != null && holder != null && !holder.equals(to) && !holder.equals(from)) {
            throw invalidParameter("The staging label " + stage + " is currently attached to version " + holder
                    + ", but you have not specified it in RemoveFromVersionId.");
        }
        if (from != null && !secret.versions.get(from).stages.contains(stage)) {
            throw invalidParameter("The staging label " + stage + " is not attached to version " + from + ".");
        }
        if (to != null) {
            moveStage(secret, stage, to);
        } else if (from != null) {
            secret.versions.get(from).stages.remove(stage);
        }
        save();
        return MAPPER.createObjectNode().put("ARN", secret.arn).put("Name", secret.name);
    }

    private ObjectNode rotateSecret(JsonNode input, LoopbackEndpoint.HttpRequest request) {
        allowOnly(input, "SecretId", "ClientRequestToken", "RotationLambdaARN", "RotationRules", "RotateImmediately");
        Secret secret = authorized(input, request, "secretsmanager:RotateSecret", null);
        String function = text(input, "RotationLambdaARN");
        if (function != null) {
            secret.rotationLambdaArn = function;
        }
        JsonNode rules = input.path("RotationRules");
        if (rules.has("AutomaticallyAfterDays")) {
            secret.rotationDays = rules.get("AutomaticallyAfterDays").asInt();
        } else if (!rules.isMissingNode() && rules.size() > 0) {
            throw invalidParameter("The local Secrets Manager takes RotationRules.AutomaticallyAfterDays only.");
        }
        if (secret.rotationLambdaArn == null) {
            throw invalidParameter("No Lambda rotation function ARN is associated with this secret.");
        }
        boolean immediately = !input.has("RotateImmediately") || input.get("RotateImmediately").asBoolean();
        String token = Optional.ofNullable(text(input, "ClientRequestToken")).orElse(UUID.randomUUID().toString());
        ObjectNode output = MAPPER.createObjectNode().put("ARN", secret.arn).put("Name", secret.name);
        if (immediately) {
            boolean unfinished = secret.versions.entrySet().stream().anyMatch(entry ->
                    entry.getValue().stages.contains(PENDING) && !entry.getKey().equals(token));
            if (unfinished) {
                throw new Refusal(400, "InvalidRequestException", "A previous rotation isn't complete. That rotation "
                        + "will be reattempted.");
            }
            secret.versions.computeIfAbsent(token, id -> new Version(null, new LinkedHashSet<>(List.of(PENDING)),
                    settings.clock.instant()));
            output.put("VersionId", token);
            String arn = secret.arn;
            String lambda = secret.rotationLambdaArn;
            rotations.submit(() -> rotate(arn, lambda, token));
        }
        save();
        return output;
    }

    /** The four steps, in order; the rotation stops at a failed one, leaving {@code AWSPENDING} where it is. */
    private void rotate(String arn, String function, String token) {
        for (String step : ROTATION_STEPS) {
            String event = MAPPER.createObjectNode().put("Step", step).put("SecretId", arn)
                    .put("ClientRequestToken", token).toString();
            try {
                settings.rotationInvoker.invoke(function, event);
            } catch (Exception e) {
                System.getLogger(LocalSecretsManager.class.getName()).log(System.Logger.Level.WARNING,
                        "rotation of " + arn + " failed at " + step + ": " + e.getMessage());
                synchronized (this) {
                    secretByArn(arn).ifPresent(secret -> secret.lastRotationError = step + ": " + e.getMessage());
                    save();
                }
                return;
            }
        }
        synchronized (this) {
            secretByArn(arn).ifPresent(secret -> {
                Version version = secret.versions.get(token);
                if (version != null && version.stages.contains(CURRENT)) {
                    version.stages.remove(PENDING);
                    secret.lastRotated = settings.clock.instant();
                    secret.lastRotationError = null;
                }
            });
            save();
        }
    }

    /** The last rotation's failure ({@code step: message}) of a secret, if its last rotation failed. */
    public synchronized Optional<String> lastRotationError(String name) {
        return Optional.ofNullable(secretsByName.get(name)).map(secret -> secret.lastRotationError);
    }

    // ---- helpers ----

    /** The secret {@code SecretId} names, after the gate allowed {@code action} (and the KMS action) on it. */
    private Secret authorized(JsonNode input, LoopbackEndpoint.HttpRequest request, String action, String kmsAction) {
        String secretId = required(input, "SecretId");
        Optional<Secret> secret = find(secretId);
        String resource = secret.map(found -> found.arn).orElseGet(() -> secretId.startsWith("arn:") ? secretId
                : "arn:aws:secretsmanager:" + settings.region + ":" + settings.account + ":secret:" + secretId);
        List<AwsRequestGate.Requirement> needs = new ArrayList<>(List.of(AwsRequestGate.Requirement.of(action, resource)));
        if (kmsAction != null && secret.isPresent() && secret.get().kmsKeyId != null) {
            needs.add(viaSecretsManager(kmsAction, secret.get().kmsKeyId));
        }
        check(request, needs);
        return secret.orElseThrow(() -> new Refusal(400, "ResourceNotFoundException",
                "Secrets Manager can't find the specified secret."));
    }

    private AwsRequestGate.Requirement viaSecretsManager(String action, String keyArn) {
        return new AwsRequestGate.Requirement(action, keyArn,
                Map.of("kms:ViaService", "secretsmanager." + settings.region + ".amazonaws.com"));
    }

    private void check(LoopbackEndpoint.HttpRequest request, List<AwsRequestGate.Requirement> needs) {
        if (settings.gate == null) {
            return;
        }
        try {
            settings.gate.check(new AwsRequestGate.SignedRequest(request.method(), request.path(), request.rawQuery(),
                    request.headers(), request.body()), "secretsmanager", needs);
        } catch (AwsRequestGate.AwsGateException e) {
            throw switch (e.reason()) {
                case MISSING_AUTHENTICATION -> new Refusal(400, "MissingAuthenticationTokenException", e.getMessage());
                case UNKNOWN_KEY -> new Refusal(400, "UnrecognizedClientException", e.getMessage());
                case EXPIRED_TOKEN -> new Refusal(400, "ExpiredTokenException", e.getMessage());
                case BAD_SIGNATURE -> new Refusal(400, "InvalidSignatureException", e.getMessage());
                case ACCESS_DENIED -> new Refusal(400, "AccessDeniedException", e.getMessage());
            };
        }
    }

    private Optional<Secret> find(String secretId) {
        if (secretId.startsWith("arn:")) {
            return secretByArn(secretId);
        }
        return Optional.ofNullable(secretsByName.get(secretId));
    }

    private Optional<Secret> secretByArn(String arn) {
        return secretsByName.values().stream().filter(secret -> secret.arn.equals(arn)).findFirst();
    }

    /** Puts {@code stage} on {@code versionId} alone; moving {@code AWSCURRENT} leaves {@code AWSPREVIOUS} behind. */
    private static void moveStage(Secret secret, String stage, String versionId) {
        for (Map.Entry<String, Version> entry : secret.versions.entrySet()) {
            if (!entry.getKey().equals(versionId) && entry.getValue().stages.remove(stage) && stage.equals(CURRENT)) {
                secret.versions.values().forEach(version -> version.stages.remove(PREVIOUS));
                entry.getValue().stages.add(PREVIOUS);
            }
        }
        secret.versions.get(versionId).stages.add(stage);
        if (stage.equals(CURRENT)) {
            secret.versions.get(versionId).stages.remove(PREVIOUS);
        }
    }

    private static ObjectNode versionOutput(Secret secret, String versionId) {
        ObjectNode output = MAPPER.createObjectNode().put("ARN", secret.arn).put("Name", secret.name)
                .put("VersionId", versionId);
        ArrayNode stages = output.putArray("VersionStages");
        secret.versions.get(versionId).stages.forEach(stages::add);
        return output;
    }

    private static void allowOnly(JsonNode input, String... parameters) {
        Set<String> allowed = Set.of(parameters);
        input.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw invalidParameter("The local Secrets Manager does not implement the parameter " + name + ".");
            }
        });
    }

    private static String required(JsonNode input, String name) {
        String value = text(input, name);
        if (value == null || value.isEmpty()) {
            throw new Refusal(400, "InvalidParameterException", "You must provide a value for " + name + ".");
        }
        return value;
    }

    private static String text(JsonNode input, String name) {
        JsonNode value = input.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Refusal invalidParameter(String message) {
        return new Refusal(400, "InvalidParameterException", message);
    }

    /** The SDK reads timestamps of this protocol as epoch seconds. */
    private static double seconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }

    private String suffix() {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            suffix.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        return suffix.toString();
    }

    // ---- storage ----

    private static final class Secret {
        final String name;
        final String arn;
        final String kmsKeyId;
        final Instant createdAt;
        final Map<String, Version> versions = new LinkedHashMap<>();
        String rotationLambdaArn;
        int rotationDays;
        Instant lastRotated;
        String lastRotationError;

        Secret(String name, String arn, String kmsKeyId, Instant createdAt) {
            this.name = name;
            this.arn = arn;
            this.kmsKeyId = kmsKeyId;
            this.createdAt = createdAt;
        }
    }

    private static final class Version {
        String value;
        final Set<String> stages;
        final Instant createdAt;

        Version(String value, Set<String> stages, Instant createdAt) {
            this.value = value;
            this.stages = stages;
            this.createdAt = createdAt;
        }
    }

    private Path file() {
        return settings.dataDirectory == null ? null : settings.dataDirectory.resolve("secrets.json");
    }

    private void load() {
        Path file = file();
        if (file == null || !Files.exists(file)) {
            return;
        }
        try {
            for (JsonNode node : MAPPER.readTree(file.toFile()).path("secrets")) {
                Secret secret = new Secret(node.get("name").asText(), node.get("arn").asText(),
                        node.hasNonNull("kmsKeyId") ? node.get("kmsKeyId").asText() : null,
                        Instant.parse(node.get("createdAt").asText()));
                secret.rotationLambdaArn = node.hasNonNull("rotationLambdaArn") ? node.get("rotationLambdaArn").asText()
                        : null;
                secret.rotationDays = node.path("rotationDays").asInt();
                secret.lastRotated = node.hasNonNull("lastRotated") ? Instant.parse(node.get("lastRotated").asText())
                        : null;
                for (JsonNode version : node.path("versions")) {
                    Set<String> stages = new LinkedHashSet<>();
                    version.path("stages").forEach(stage -> stages.add(stage.asText()));
                    secret.versions.put(version.get("id").asText(), new Version(
                            version.hasNonNull("value") ? version.get("value").asText() : null, stages,
                            Instant.parse(version.get("createdAt").asText())));
                }
                secretsByName.put(secret.name, secret);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Writes every secret at once (a temporary file renamed), readable by its owner only. */
    private void save() {
        Path file = file();
        if (file == null) {
            return;
        }
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode secrets = root.putArray("secrets");
        for (Secret secret : secretsByName.values()) {
            ObjectNode node = secrets.addObject().put("name", secret.name).put("arn", secret.arn)
                    .put("kmsKeyId", secret.kmsKeyId).put("createdAt", secret.createdAt.toString())
                    .put("rotationLambdaArn", secret.rotationLambdaArn).put("rotationDays", secret.rotationDays)
                    .put("lastRotated", secret.lastRotated == null ? null : secret.lastRotated.toString());
            ArrayNode versions = node.putArray("versions");
            secret.versions.forEach((id, version) -> {
                ObjectNode entry = versions.addObject().put("id", id).put("value", version.value)
                        .put("createdAt", version.createdAt.toString());
                ArrayNode stages = entry.putArray("stages");
                version.stages.forEach(stages::add);
            });
        }
        StateFiles.writePrivate(file, root);
    }

    /** An error answered in the protocol's shape. */
    private static final class Refusal extends RuntimeException {
        final int status;
        final String code;

        Refusal(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    /** Settings with defaults: loopback, a free port, us-east-1, in memory, no gate. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private String region = "us-east-1";
        private String account = "123456789012";
        private Path dataDirectory;
        private AwsRequestGate gate;
        private RotationInvoker rotationInvoker = (function, event) -> {
            throw new IllegalStateException("no rotation functions configured");
        };
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder region(String region) {
            this.region = Objects.requireNonNull(region);
            return this;
        }

        public Builder account(String account) {
            this.account = Objects.requireNonNull(account);
            return this;
        }

        /** Keep the secrets in this folder; without it, they live in memory. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** Authenticate and authorize every request; without a gate any request is served. */
        public Builder gate(AwsRequestGate gate) {
            this.gate = Objects.requireNonNull(gate);
            return this;
        }

        /** How rotation functions are invoked. */
        public Builder rotationInvoker(RotationInvoker rotationInvoker) {
            this.rotationInvoker = Objects.requireNonNull(rotationInvoker);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public LocalSecretsManager build() {
            return new LocalSecretsManager(this);
        }
    }
}
