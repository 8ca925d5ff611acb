package dev.persona.contracts;

import java.util.List;

/** The API's route table, read by the CDK app (API Gateway resources) and the local gateway. */
public final class ApiRoutes {

    public static final String PREFIX = "/v1";

    public static final List<ApiRoute> ALL = List.of(
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

    /** The header the authorizer reads the bearer token from (its identity source). */
    public static final String AUTHORIZATION_HEADER = "Authorization";

    private ApiRoutes() {
    }
}
