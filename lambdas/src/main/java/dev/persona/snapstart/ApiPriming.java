package dev.persona.snapstart;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;

/** Primes an API function: its twin answers each of the function's routes once. */
public final class ApiPriming {

    private ApiPriming() {
    }

    /**
     * Sends every request to {@code twin}. Answers are whatever the priming clients' empty replies lead to (a 200,
     * a 404 for the missing job, or the problem the API maps an unreadable reply to): each is a path requests take.
     */
    @SafeVarargs
    public static void run(RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> twin,
                           APIGatewayProxyRequestEvent... requests) {
        for (APIGatewayProxyRequestEvent request : requests) {
            twin.handleRequest(request, null);
        }
    }
}
