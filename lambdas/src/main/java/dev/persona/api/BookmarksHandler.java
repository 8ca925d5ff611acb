package dev.persona.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.persona.aws.AwsClients;
import dev.persona.bookmarks.Bookmark;
import dev.persona.bookmarks.BookmarkInput;
import dev.persona.bookmarks.BookmarkService;
import dev.persona.config.Environment;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.RequestSchemas;
import dev.persona.http.ApiEndpoint;
import dev.persona.http.ApiException;
import dev.persona.http.ApiRequest;
import dev.persona.http.ApiResponse;
import dev.persona.http.Cors;
import dev.persona.http.EntityTags;
import dev.persona.http.ErrorCode;
import dev.persona.http.JsonBodyReader;
import dev.persona.http.Problem;
import dev.persona.snapstart.ApiPriming;
import dev.persona.snapstart.Priming;
import dev.persona.snapstart.PrimingEvents;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code /v1/bookmarks}: {@code GET} (newest first, or one {@code tag}), {@code POST} (409 with {@code Location} when
 * the address is bookmarked already); {@code POST /v1/bookmarks/import} (a browser's bookmark file as
 * {@code text/html}, at most {@value BookmarkService#MAX_IMPORT_BYTES} bytes); {@code /v1/bookmarks/{bookmarkId}}:
 * {@code GET}, {@code PUT} (requires {@code If-Match}), {@code DELETE}.
 *
 * <p>The local runtime builds it with {@code new BookmarksHandler(Environment.of(...), dynamoDb)}.
 */
public final class BookmarksHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    static final List<String> IMPORT_MEDIA_TYPES = List.of("text/html", "application/xhtml+xml");

    private final ApiEndpoint endpoint;
    private final JsonBodyReader bodies = JsonBodyReader.forSchema(RequestSchemas.BOOKMARK);
    private final BookmarkService bookmarks;
    /** Held here: CRaC keeps resources only weakly. */
    private final Priming priming;

    public BookmarksHandler() {
        this(Environment.system(), AwsClients.dynamoDb());
    }

    /**
     * The function's composition; registers its SnapStart priming (a twin on priming clients lists, adds and
     * imports).
     */
    public BookmarksHandler(Environment environment, DynamoDbClient dynamoDb) {
        this(environment, dynamoDb, true);
    }

    private BookmarksHandler(Environment environment, DynamoDbClient dynamoDb, boolean primed) {
        this.endpoint = new ApiEndpoint(Cors.fromEnvironment(environment));
        this.bookmarks = ApiServices.bookmarks(environment, dynamoDb);
        this.priming = primed ? Priming.register(LambdaFunctions.BOOKMARKS.id(), environment, clients -> ApiPriming.run(
                new BookmarksHandler(environment, clients.dynamoDb(), false),
                PrimingEvents.api("GET", "/v1/bookmarks", Map.of(), null, null),
                PrimingEvents.api("POST", "/v1/bookmarks", Map.of(), null,
                        "{\"url\":\"https://example.com/Articles/?b=2&a=1#top\",\"title\":\"Example\","
                                + "\"tags\":[\"reading\"]}"),
                importRequest())) : null;
    }

    /** A browser's bookmark file of two entries, as the web app posts it. */
    private static APIGatewayProxyRequestEvent importRequest() {
        APIGatewayProxyRequestEvent request = PrimingEvents.api("POST", "/v1/bookmarks/import", Map.of(), null, null);
        request.setHeaders(Map.of("Content-Type", "text/html"));
        request.setBody("<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n<DT><H3>Reading</H3>\n<DL><p>\n"
                + "<DT><A HREF=\"https://example.org/a\" ADD_DATE=\"1700000000\">A</A>\n"
                + "<DT><A HREF=\"https://example.org/b\" ADD_DATE=\"1700000100\">B</A>\n</DL><p>\n</DL><p>\n");
        return request;
    }

    /** The SnapStart priming registered by the composition constructor (null for the priming twin). */
    public Priming priming() {
        return priming;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return endpoint.handle(event, context, request -> switch (request.route()) {
            case "GET /v1/bookmarks" -> ApiResponse.json(200, bookmarks.list(request.userId(),
                    request.queryParameter("tag"), request.queryParameter("limit"), request.queryParameter("cursor")));
            case "POST /v1/bookmarks" -> create(request);
            case "POST /v1/bookmarks/import" -> {
                String userId = request.userId();
                yield ApiResponse.json(200, bookmarks.importFile(userId, importedFile(request)));
            }
            case "GET /v1/bookmarks/{bookmarkId}" -> bookmark(200, bookmarks.get(request.userId(), id(request)))
                    .withEntityTagIfNoneMatch(request);
            case "PUT /v1/bookmarks/{bookmarkId}" -> {
                String userId = request.userId();
                String ifMatch = request.requiredIfMatch();
                yield bookmark(200, bookmarks.replace(userId, id(request), BookmarkInput.from(bodies.read(request)),
                        ifMatch));
            }
            case "DELETE /v1/bookmarks/{bookmarkId}" -> {
                bookmarks.delete(request.userId(), id(request), request.header("If-Match"));
                yield ApiResponse.noContent();
            }
            default -> throw ApiException.noSuchRoute();
        });
    }

    private ApiResponse create(ApiRequest request) {
        String userId = request.userId();
        BookmarkInput input = BookmarkInput.from(bodies.read(request));
        try {
            Bookmark bookmark = bookmarks.create(userId, input);
            return bookmark(201, bookmark).withHeader("Location", BookmarkService.BookmarkView.of(bookmark).links().self());
        } catch (BookmarkService.AlreadyBookmarkedException e) {
            return ApiResponse.problem(Problem.of(ErrorCode.CONFLICT, "This address is bookmarked already: see Location.",
                    List.of(), request.requestId())).withHeader("Location", e.location());
        }
    }

    /** The file of an import: HTML text (the service checks its size). */
    private static String importedFile(ApiRequest request) {
        String mediaType = request.header("Content-Type").orElse("").split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!IMPORT_MEDIA_TYPES.contains(mediaType)) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Send the bookmark file your browser exported, as text/html.");
        }
        return request.body();
    }

    private static String id(ApiRequest request) {
        return request.pathParameter("bookmarkId").orElse("");
    }

    private static ApiResponse bookmark(int status, Bookmark bookmark) {
        return ApiResponse.json(status, BookmarkService.BookmarkView.of(bookmark))
                .withHeader("ETag", EntityTags.ofRevision(bookmark.revision()));
    }
}
