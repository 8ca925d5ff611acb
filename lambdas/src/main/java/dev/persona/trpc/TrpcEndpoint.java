package dev.persona.trpc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.persona.api.CallerClaims;
import dev.persona.contracts.ApiRoutes;
import dev.persona.contracts.TrpcErrorCode;
import dev.persona.http.ApiException;
import dev.persona.http.ApiRequest;
import dev.persona.http.ApiResponse;
import dev.persona.http.ErrorCode;
import dev.persona.http.JsonBodyReader;
import dev.persona.http.ProblemMapper;
import dev.persona.json.Json;
import dev.persona.logging.StructuredLogger;
import dev.persona.profile.ProfileService;

/**
 * The tRPC v11 HTTP protocol as {@code @trpc/client}'s {@code httpLink} and {@code httpBatchLink} speak it with the
 * default JSON transformer, over a list of {@link Procedure}s, following what tRPC's own request handler does:
 *
 * <ul>
 *   <li>a query is {@code GET /trpc/{path}?input=<JSON>}, a mutation {@code POST /trpc/{path}} with the JSON input as
 *   its body; the other method is refused per call with {@code METHOD_NOT_SUPPORTED} (405);</li>
 *   <li>{@code ?batch=1} makes the path a comma-joined list of procedures and the input an object keyed by each
 *   call's index; the answer is an array with one envelope per call, in order, and the status is the calls' common
 *   status, or 207 when they differ;</li>
 *   <li>a result is {@code {"result":{"data":…}}} ({@code {"result":{}}} for a procedure without output), an error
 *   {@code {"error":{message, code, data}}} ({@link TrpcError}); a refusal of the whole request (a batch over
 *   {@value #MAX_BATCH_SIZE} calls, an input larger than its procedure allows, a mix of queries and mutations) is one
 *   error object, batch or not.</li>
 * </ul>
 *
 * Inputs are checked against each procedure's schema with the REST routes' validator, and the services' errors
 * become tRPC errors through the API's one problem mapper, so validation and error codes are the REST API's.
 */
public final class TrpcEndpoint {

    /** The most calls one batch may hold: {@code httpBatchLink}'s {@code maxItems} must not be larger. */
    public static final int MAX_BATCH_SIZE = 10;

    private static final StructuredLogger LOG = StructuredLogger.of(TrpcEndpoint.class);
    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String JSONL = "application/jsonl";

    private final Map<String, Procedure> procedures = new LinkedHashMap<>();
    private final Map<String, JsonBodyReader> validators = new LinkedHashMap<>();
    private final Services services;

    /** Compiles every input schema now, at init, so a broken one fails the cold start. */
    public TrpcEndpoint(List<Procedure> procedures, Services services) {
        for (Procedure procedure : procedures) {
            this.procedures.put(procedure.path(), procedure);
            if (procedure.input() != null) {
                validators.put(procedure.path(), JsonBodyReader.forSchema(procedure.input().resource()));
            }
        }
        this.services = services;
    }

    /** One call's outcome: the result's JSON text (null for a procedure without output), or its error. */
    private record Outcome(String path, String data, TrpcError error) {
    }

    /** The answer to a request of {@code /trpc/{proxy+}}; another resource is the missing route's 404. */
    public ApiResponse answer(ApiRequest request) {
        if (!ApiRoutes.TRPC_RESOURCE.equals(request.resource())) {
            throw ApiException.noSuchRoute();
        }
        String requestId = request.requestId();
        Calls calls;
        try {
            calls = calls(request);
        } catch (RuntimeException e) {
            TrpcError error = TrpcError.of(e, requestId);
            LOG.info("trpc request refused", "trpcCode", error.code().name());
            return response(error.code().httpStatus(), "{\"error\":" + error.shape(null, requestId) + "}",
                    List.of(error));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int index = 0; index < calls.paths().size(); index++) {
            outcomes.add(call(calls, index, requestId));
        }
        LOG.info("trpc calls", "procedures", outcomes.stream()
                        .map(outcome -> procedures.containsKey(outcome.path()) ? outcome.path() : "?").toList(),
                "errors", outcomes.stream().filter(outcome -> outcome.error() != null)
                        .map(outcome -> outcome.error().code().name()).toList());
        List<TrpcError> errors = outcomes.stream().map(Outcome::error).filter(error -> error != null).toList();
        if (!calls.batch()) {
            Outcome outcome = outcomes.getFirst();
            return response(outcome.error() == null ? 200 : outcome.error().code().httpStatus(),
                    envelope(outcome, requestId), errors);
        }
        Set<Integer> statuses = outcomes.stream()
                .map(outcome -> outcome.error() == null ? 200 : outcome.error().code().httpStatus())
                .collect(Collectors.toSet());
        // tRPC's rule for a batch: the calls' status when they agree, 207 Multi-Status when they do not.
        int status = statuses.size() == 1 ? statuses.iterator().next() : 207;
        return response(status, outcomes.stream().map(outcome -> envelope(outcome, requestId))
                .collect(Collectors.joining(",", "[", "]")), errors);
    }

    private Outcome call(Calls calls, int index, String requestId) {
        String path = calls.paths().get(index);
        try {
            Procedure procedure = procedures.get(path);
            if (procedure == null) {
                throw new ApiException(ErrorCode.NOT_FOUND, "No procedure found on path \"" + path + "\"");
            }
            if (!procedure.type().httpMethod().equals(calls.method())) {
                throw new TrpcProtocolException(TrpcErrorCode.METHOD_NOT_SUPPORTED, "Unsupported " + calls.method()
                        + "-request to " + procedure.type().wireName() + " procedure at path \"" + path + "\"");
            }
            Object result = procedure.resolver().resolve(services,
                    new ProcedureCall(calls.userId(), calls.claims(), input(procedure, calls.inputs(), index)));
            if (procedure.output() == null) {
                return new Outcome(path, null, null);
            }
            return new Outcome(path, result instanceof JsonText text ? text.json()
                    : Json.MAPPER.writeValueAsString(result), null);
        } catch (JsonProcessingException e) {
            return new Outcome(path, null, TrpcError.of(new IllegalStateException("result not serializable", e),
                    requestId));
        } catch (RuntimeException e) {
            return new Outcome(path, null, TrpcError.of(e, requestId));
        }
    }

    /** The procedure's valid input: null when it takes none, an empty object for an optional input left out. */
    private JsonNode input(Procedure procedure, Inputs inputs, int index) {
        if (procedure.input() == null) {
            return null;
        }
        Optional<JsonNode> input = inputs.get(index);
        if (input.isEmpty()) {
            if (procedure.input().optional()) {
                return Json.MAPPER.createObjectNode();
            }
            throw ApiException.invalidField("input", "is required");
        }
        return validators.get(procedure.path()).validate(input.get(), "input");
    }

    // ---- the request ----

    /** What a request asks for: the caller, the method, the procedure path of each call, and their inputs. */
    private record Calls(String userId, ProfileService.Claims claims, String method, boolean batch, List<String> paths,
            Inputs inputs) {
    }

    private Calls calls(ApiRequest request) {
        String userId = request.userId();
        String method = request.method();
        if (streamed(request)) {
            throw new TrpcProtocolException(TrpcErrorCode.NOT_IMPLEMENTED,
                    "Streamed responses (httpBatchStreamLink) are not served: use httpBatchLink or httpLink.");
        }
        checkContentType(request, method);
        boolean batch = request.queryParameter("batch").filter("1"::equals).isPresent();
        String path = request.pathParameter(ApiRoutes.TRPC_PATH_PARAMETER).orElse("");
        List<String> paths = batch ? Arrays.asList(path.split(",", -1)) : List.of(path);
        if (batch && path.isEmpty()) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "A batch call names no procedure.");
        }
        if (paths.size() > MAX_BATCH_SIZE) {
            throw new ApiException(ErrorCode.BAD_REQUEST,
                    "Batch call exceeds maximum size: at most " + MAX_BATCH_SIZE + " calls.");
        }
        Set<String> types = new LinkedHashSet<>();
        paths.stream().map(procedures::get).filter(procedure -> procedure != null)
                .forEach(procedure -> types.add(procedure.type().wireName()));
        if (types.size() > 1) {
            throw new ApiException(ErrorCode.BAD_REQUEST,
                    "Cannot mix procedure types in call: " + String.join(", ", types));
        }
        String text = method.equals("GET") ? request.queryParameter("input").filter(input -> !input.isEmpty())
                .orElse(null) : request.body();
        int maxBytes = paths.stream().mapToInt(this::maxInputBytes).max().orElse(InputSchema.DEFAULT_MAX_BYTES);
        if (text != null && (text.length() > maxBytes || text.getBytes(StandardCharsets.UTF_8).length > maxBytes)) {
            throw new ApiException(ErrorCode.CONTENT_TOO_LARGE, "The input is larger than " + maxBytes + " bytes.");
        }
        return new Calls(userId, CallerClaims.of(request), method, batch, paths, new Inputs(text, batch));
    }

    /**
     * The longest input text of a call of {@code path}; a batch's input text holds its calls' inputs, which may
     * together be as long as the longest one a call of it allows (a batch of notes is as long as one note can be).
     */
    private int maxInputBytes(String path) {
        Procedure procedure = procedures.get(path);
        return procedure == null || procedure.input() == null ? InputSchema.DEFAULT_MAX_BYTES
                : procedure.input().maxBytes();
    }

    /** {@code httpBatchStreamLink} asks for JSON Lines, in {@code trpc-accept} or {@code Accept}. */
    private static boolean streamed(ApiRequest request) {
        return request.header("trpc-accept").filter(JSONL::equalsIgnoreCase).isPresent()
                || request.header("Accept").map(accept -> Arrays.stream(accept.split(","))
                        .anyMatch(type -> type.trim().equalsIgnoreCase(JSONL))).orElse(false);
    }

    /**
     * JSON is the one content type served; a GET may name none (a query opened in a browser), as tRPC allows. tRPC
     * also takes form data and octet streams for procedures built for them, which none here is.
     */
    private static void checkContentType(ApiRequest request, String method) {
        Optional<String> contentType = request.header("Content-Type");
        boolean json = contentType.map(type -> type.trim().toLowerCase(Locale.ROOT).startsWith("application/json"))
                .orElse(false);
        if (json || method.equals("GET")) {
            return;
        }
        throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, contentType
                .map(type -> "Unsupported content-type \"" + type + "\": send application/json.")
                .orElse("Missing content-type header: send application/json."));
    }

    /**
     * The inputs of a request, parsed when a procedure first needs one (a procedure without input never fails on
     * them), as tRPC reads them.
     */
    private static final class Inputs {
        private final String text;
        private final boolean batch;
        private JsonNode parsed;
        private RuntimeException failure;

        Inputs(String text, boolean batch) {
            this.text = text;
            this.batch = batch;
        }

        /** The input of the call at {@code index}; empty when the request holds none for it. */
        Optional<JsonNode> get(int index) {
            if (text == null) {
                return Optional.empty();
            }
            if (parsed == null && failure == null) {
                parse();
            }
            if (failure != null) {
                throw failure;
            }
            JsonNode input = batch ? parsed.get(Integer.toString(index)) : parsed;
            return Optional.ofNullable(input);
        }

        private void parse() {
            try {
                JsonNode json = READER.readTree(text);
                if (json == null || json.isMissingNode()) {
                    failure = new ApiException(ErrorCode.BAD_REQUEST, "The input is missing.");
                } else if (batch && !json.isObject()) {
                    failure = new ApiException(ErrorCode.BAD_REQUEST,
                            "\"input\" needs to be an object when doing a batch call");
                } else {
                    parsed = json;
                }
            } catch (JsonProcessingException e) {
                failure = new ApiException(ErrorCode.BAD_REQUEST, "The input is not valid JSON.");
            }
        }
    }

    // ---- the response ----

    /** As tRPC serializes it: a result without data (a procedure returning nothing) has no {@code data} member. */
    private static String envelope(Outcome outcome, String requestId) {
        if (outcome.error() != null) {
            return "{\"error\":" + outcome.error().shape(outcome.path(), requestId) + "}";
        }
        return outcome.data() == null ? "{\"result\":{}}" : "{\"result\":{\"data\":" + outcome.data() + "}}";
    }

    private static ApiResponse response(int status, String body, List<TrpcError> errors) {
        ApiResponse response = ApiResponse.jsonText(status, body);
        boolean retry = errors.stream().anyMatch(error -> error.code() == TrpcErrorCode.SERVICE_UNAVAILABLE);
        return retry ? response.withHeader("Retry-After", ProblemMapper.RETRY_AFTER_SECONDS) : response;
    }
}
