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
            new ApiRoute("DELETE", PREFIX + "/me/data", LambdaFunctions.DELETE_MY_DATA));

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
