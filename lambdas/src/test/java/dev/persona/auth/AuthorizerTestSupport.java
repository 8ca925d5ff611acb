package dev.persona.auth;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.nimbusds.jose.JWSAlgorithm;
import dev.persona.api.testing.TestTokens;

/** Issuers pointing at local key servers, and authorizer events as API Gateway sends them. */
final class AuthorizerTestSupport {

    static final String METHOD_ARN = "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/v1/jobs";
    static final String STAGE_RESOURCE = "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/*/*";

    private AuthorizerTestSupport() {
    }

    static TrustedIssuer google(URI jwks) {
        return new TrustedIssuer(IdentityProvider.GOOGLE, TrustedIssuers.GOOGLE_ISSUERS, jwks,
                Set.of(TestTokens.GOOGLE_CLIENT));
    }

    static TrustedIssuer cognito(URI jwks) {
        return new TrustedIssuer(IdentityProvider.COGNITO, Set.of(TestTokens.COGNITO_ISSUER), jwks,
                Set.of(TestTokens.COGNITO_CLIENT));
    }

    static JwtVerifier verifier(Clock clock, TrustedIssuer... issuers) {
        return new JwtVerifier(List.of(issuers), Set.of(JWSAlgorithm.RS256), new HttpJwkSetFetcher(), clock);
    }

    static APIGatewayCustomAuthorizerEvent event(String authorization, String methodArn) {
        APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
        event.setType("REQUEST");
        event.setMethodArn(methodArn);
        event.setHeaders(authorization == null ? Map.of("Host", "api.example.com")
                : Map.of("Host", "api.example.com", "Authorization", authorization));
        APIGatewayCustomAuthorizerEvent.RequestContext context = new APIGatewayCustomAuthorizerEvent.RequestContext();
        context.setRequestId("req-1");
        event.setRequestContext(context);
        return event;
    }

    static APIGatewayCustomAuthorizerEvent bearer(String token) {
        return event("Bearer " + token, METHOD_ARN);
    }
}
