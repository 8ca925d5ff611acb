package dev.persona.api;

import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.persona.aws.AwsClients;
import dev.persona.config.Environment;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.RequestSchemas;
import dev.persona.http.ApiEndpoint;
import dev.persona.http.ApiException;
import dev.persona.http.ApiRequest;
import dev.persona.http.ApiResponse;
import dev.persona.http.Cors;
import dev.persona.http.EntityTags;
import dev.persona.http.JsonBodyReader;
import dev.persona.notes.Note;
import dev.persona.notes.NoteInput;
import dev.persona.notes.NoteService;
import dev.persona.snapstart.ApiPriming;
import dev.persona.snapstart.Priming;
import dev.persona.snapstart.PrimingEvents;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code /v1/notes}: {@code GET} (newest first, or one {@code tag}; {@code limit} and {@code cursor}), {@code POST};
 * {@code /v1/notes/{noteId}}: {@code GET} (with {@code ETag}, 304 on {@code If-None-Match}), {@code PUT} (requires
 * {@code If-Match}: 428 without, 412 when stale), {@code DELETE} (204; {@code If-Match} honoured when sent).
 *
 * <p>The local runtime builds it with {@code new NotesHandler(Environment.of(...), dynamoDb)}.
 */
public final class NotesHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private final ApiEndpoint endpoint;
    private final JsonBodyReader bodies = JsonBodyReader.forSchema(RequestSchemas.NOTE, NoteInput.MAX_JSON_BYTES);
    private final NoteService notes;
    /** Held here: CRaC keeps resources only weakly. */
    private final Priming priming;

    public NotesHandler() {
        this(Environment.system(), AwsClients.dynamoDb());
    }

    /**
     * The function's composition; registers its SnapStart priming (a twin on priming clients lists, writes and
     * reads).
     */
    public NotesHandler(Environment environment, DynamoDbClient dynamoDb) {
        this(environment, dynamoDb, true);
    }

    private NotesHandler(Environment environment, DynamoDbClient dynamoDb, boolean primed) {
        this.endpoint = new ApiEndpoint(Cors.fromEnvironment(environment));
        this.notes = ApiServices.notes(environment, dynamoDb);
        this.priming = primed ? Priming.register(LambdaFunctions.NOTES.id(), environment, clients -> ApiPriming.run(
                new NotesHandler(environment, clients.dynamoDb(), false),
                PrimingEvents.api("GET", "/v1/notes", Map.of(), Map.of("tag", "reading"), null),
                PrimingEvents.api("POST", "/v1/notes", Map.of(), null,
                        "{\"title\":\"Reading list\",\"body\":\"# Books\\n- one\",\"tags\":[\"reading\"]}"),
                PrimingEvents.api("GET", "/v1/notes/{noteId}", Map.of("noteId", PrimingEvents.FILE_ID), null, null)))
                : null;
    }

    /** The SnapStart priming registered by the composition constructor (null for the priming twin). */
    public Priming priming() {
        return priming;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return endpoint.handle(event, context, request -> switch (request.route()) {
            case "GET /v1/notes" -> ApiResponse.json(200, notes.list(request.userId(), request.queryParameter("tag"),
                    request.queryParameter("limit"), request.queryParameter("cursor")));
            case "POST /v1/notes" -> created(notes.create(request.userId(), NoteInput.from(bodies.read(request))));
            case "GET /v1/notes/{noteId}" -> note(200, notes.get(request.userId(), noteId(request)))
                    .withEntityTagIfNoneMatch(request);
            case "PUT /v1/notes/{noteId}" -> {
                String userId = request.userId();
                String ifMatch = request.requiredIfMatch();
                yield note(200, notes.replace(userId, noteId(request), NoteInput.from(bodies.read(request)), ifMatch));
            }
            case "DELETE /v1/notes/{noteId}" -> {
                notes.delete(request.userId(), noteId(request), request.header("If-Match"));
                yield ApiResponse.noContent();
            }
            default -> throw ApiException.noSuchRoute();
        });
    }

    private static String noteId(ApiRequest request) {
        return request.pathParameter("noteId").orElse("");
    }

    private static ApiResponse created(Note note) {
        return note(201, note).withHeader("Location", NoteService.NoteView.of(note).links().self());
    }

    private static ApiResponse note(int status, Note note) {
        return ApiResponse.json(status, NoteService.NoteView.of(note))
                .withHeader("ETag", EntityTags.ofRevision(note.revision()));
    }
}
