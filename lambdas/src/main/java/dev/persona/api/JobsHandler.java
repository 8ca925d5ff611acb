package dev.persona.api;

import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.persona.aws.AwsClients;
import dev.persona.config.Environment;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.http.ApiEndpoint;
import dev.persona.http.ApiException;
import dev.persona.http.ApiRequest;
import dev.persona.http.ApiResponse;
import dev.persona.http.Cors;
import dev.persona.snapstart.ApiPriming;
import dev.persona.snapstart.Priming;
import dev.persona.snapstart.PrimingEvents;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code GET /v1/jobs} (newest first, {@code limit} and {@code cursor}) and {@code GET /v1/jobs/{jobId}},
 * made for polling: a strong {@code ETag} answered with 304 on {@code If-None-Match}, and a
 * {@code Retry-After} hint while the job is not finished.
 *
 * <p>The local runtime builds it with {@code new JobsHandler(Environment.of(...), dynamoDb)}.
 */
public final class JobsHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    /** Seconds between polls of an unfinished job: the pipeline's steps take seconds to minutes. */
    static final String POLL_INTERVAL_SECONDS = "2";

    private final ApiEndpoint endpoint;
    private final JobService jobs;
    /** Held here: CRaC keeps resources only weakly. */
    private final Priming priming;

    public JobsHandler() {
        this(Environment.system(), AwsClients.dynamoDb());
    }

    /** The function's composition; registers its SnapStart priming (a twin on priming clients lists and reads). */
    public JobsHandler(Environment environment, DynamoDbClient dynamoDb) {
        this(environment, dynamoDb, true);
    }

    private JobsHandler(Environment environment, DynamoDbClient dynamoDb, boolean primed) {
        this.endpoint = new ApiEndpoint(Cors.fromEnvironment(environment));
        this.jobs = ApiServices.jobs(environment, dynamoDb);
        this.priming = primed ? Priming.register(LambdaFunctions.JOBS.id(), environment, clients -> ApiPriming.run(
                new JobsHandler(environment, clients.dynamoDb(), false),
                PrimingEvents.api("GET", "/v1/jobs", Map.of(), Map.of("limit", "20"), null),
                PrimingEvents.api("GET", "/v1/jobs/{jobId}", Map.of("jobId", PrimingEvents.JOB_ID), null, null)))
                : null;
    }

    /** The SnapStart priming registered by the composition constructor (null for the priming twin). */
    public Priming priming() {
        return priming;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return endpoint.handle(event, context, request -> switch (request.route()) {
            case "GET /v1/jobs" -> list(request);
            case "GET /v1/jobs/{jobId}" -> get(request);
            default -> throw ApiException.noSuchRoute();
        });
    }

    private ApiResponse list(ApiRequest request) {
        JobService.JobList page = jobs.list(request.userId(), request.queryParameter("limit"),
                request.queryParameter("cursor"));
        return ApiResponse.json(200, page).withEntityTag(request);
    }

    private ApiResponse get(ApiRequest request) {
        JobView job = jobs.get(request.userId(), request.pathParameter("jobId").orElse(""));
        ApiResponse response = ApiResponse.json(200, job);
        if (!job.status().isTerminal()) {
            response = response.withHeader("Retry-After", POLL_INTERVAL_SECONDS);
        }
        return response.withEntityTag(request);
    }
}
