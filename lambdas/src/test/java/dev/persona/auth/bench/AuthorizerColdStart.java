package dev.persona.auth.bench;

import java.lang.management.ManagementFactory;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import dev.persona.auth.GoogleJwtAuthorizerHandler;

/**
 * One cold start, run in a fresh JVM by {@link AuthorizerBenchmark}: constructs the handler as Lambda
 * does and answers one request, then prints, in microseconds, how long the construction took, how long
 * the first request took, and the time from process start to the first response.
 */
public final class AuthorizerColdStart {

    static final String RESULT = "RESULT";

    private AuthorizerColdStart() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        GoogleJwtAuthorizerHandler handler = new GoogleJwtAuthorizerHandler();
        long constructed = System.nanoTime();
        APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
        event.setType("REQUEST");
        event.setMethodArn("arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/v1/jobs");
        event.setHeaders(Map.of("Authorization", "Bearer " + args[0]));
        IamPolicyResponseV1 response = handler.handleRequest(event, null);
        long answered = System.nanoTime();
        long sinceProcessStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        if (response.getPrincipalId() == null) {
            throw new IllegalStateException("no principal");
        }
        System.out.println(RESULT + " " + (constructed - started) / 1000 + " " + (answered - constructed) / 1000 + " "
                + sinceProcessStart * 1000);
    }
}
