package dev.persona.contracts;

import java.util.List;
import java.util.stream.Stream;

/** The API's route table, read by the CDK app (API Gateway resources) and the local gateway. */
public final class ApiRoutes {

    /** The REST API's base path. */
    public static final String PREFIX = "/v1";

    /** The tRPC endpoint's base path: {@code /trpc/{procedure path}}, or comma-joined paths for a batch. */
    public static final String TRPC_PREFIX = "/trpc";

    /** The greedy path parameter below {@link #TRPC_PREFIX} that carries the procedure path(s). */
    public static final String TRPC_PATH_PARAMETER = "proxy";

    /** The tRPC endpoint's one resource (API Gateway's greedy {@code {name+}} syntax). */
    public static final String TRPC_RESOURCE = TRPC_PREFIX + "/{" + TRPC_PATH_PARAMETER + "+}";

    /** The REST routes, described by {@code docs/openapi.yaml}. */
    public static final List<ApiRoute> REST = List.of(
            new ApiRoute("GET", PREFIX + "/credentials", LambdaFunctions.GET_AWS_CREDENTIALS),
            new ApiRoute("POST", PREFIX + "/uploads", LambdaFunctions.UPLOADS),
            new ApiRoute("GET", PREFIX + "/jobs", LambdaFunctions.JOBS),
            new ApiRoute("GET", PREFIX + "/jobs/{jobId}", LambdaFunctions.JOBS),
            new ApiRoute("GET", PREFIX + "/personas/latest", LambdaFunctions.PERSONAS),
            new ApiRoute("GET", PREFIX + "/personas/{jobId}", LambdaFunctions.PERSONAS),
            new ApiRoute("DELETE", PREFIX + "/me/data", LambdaFunctions.DELETE_MY_DATA),
            new ApiRoute("GET", PREFIX + "/me", LambdaFunctions.PROFILE),
            new ApiRoute("PATCH", PREFIX + "/me", LambdaFunctions.PROFILE),
            new ApiRoute("GET", PREFIX + "/notes", LambdaFunctions.NOTES),
            new ApiRoute("POST", PREFIX + "/notes", LambdaFunctions.NOTES),
            new ApiRoute("GET", PREFIX + "/notes/{noteId}", LambdaFunctions.NOTES),
            new ApiRoute("PUT", PREFIX + "/notes/{noteId}", LambdaFunctions.NOTES),
            new ApiRoute("DELETE", PREFIX + "/notes/{noteId}", LambdaFunctions.NOTES),
            new ApiRoute("GET", PREFIX + "/bookmarks", LambdaFunctions.BOOKMARKS),
            new ApiRoute("POST", PREFIX + "/bookmarks", LambdaFunctions.BOOKMARKS),
            new ApiRoute("POST", PREFIX + "/bookmarks/import", LambdaFunctions.BOOKMARKS),
            new ApiRoute("GET", PREFIX + "/bookmarks/{bookmarkId}", LambdaFunctions.BOOKMARKS),
            new ApiRoute("PUT", PREFIX + "/bookmarks/{bookmarkId}", LambdaFunctions.BOOKMARKS),
            new ApiRoute("DELETE", PREFIX + "/bookmarks/{bookmarkId}", LambdaFunctions.BOOKMARKS),
            new ApiRoute("GET", PREFIX + "/files", LambdaFunctions.FILES),
            new ApiRoute("POST", PREFIX + "/files", LambdaFunctions.FILES),
            new ApiRoute("GET", PREFIX + "/files/{fileId}", LambdaFunctions.FILES),
            new ApiRoute("DELETE", PREFIX + "/files/{fileId}", LambdaFunctions.FILES),
            new ApiRoute("GET", PREFIX + "/personas/{jobId}/download", LambdaFunctions.PERSONAS));

    /** tRPC queries are GETs and mutations POSTs; one function answers both, as a tRPC server does. */
    public static final List<ApiRoute> TRPC = List.of(
            new ApiRoute("GET", TRPC_RESOURCE, LambdaFunctions.TRPC),
            new ApiRoute("POST", TRPC_RESOURCE, LambdaFunctions.TRPC));

    public static final List<ApiRoute> ALL = Stream.concat(REST.stream(), TRPC.stream()).toList();

    /** The base paths of the API, which the CDK app's distribution and the local gateway send to it. */
    public static final List<String> PREFIXES = List.of(PREFIX, TRPC_PREFIX);

    /** The header the authorizer reads the bearer token from (its identity source). */
    public static final String AUTHORIZATION_HEADER = "Authorization";

    private ApiRoutes() {
    }
}
