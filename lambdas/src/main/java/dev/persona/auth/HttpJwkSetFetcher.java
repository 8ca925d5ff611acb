package dev.persona.auth;

import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.DefaultResourceRetriever;

/**
 * Fetches key sets over HTTP with short timeouts and a size cap: a slow or hostile endpoint must not
 * hold an authorizer invocation, and a cached set keeps serving while it is down.
 */
public final class HttpJwkSetFetcher implements JwkSetFetcher {

    static final Duration CONNECT_TIMEOUT = Duration.ofMillis(1500);
    static final Duration READ_TIMEOUT = Duration.ofMillis(2500);
    static final int MAX_BYTES = 256 * 1024;

    private final DefaultResourceRetriever retriever = new DefaultResourceRetriever(
            (int) CONNECT_TIMEOUT.toMillis(), (int) READ_TIMEOUT.toMillis(), MAX_BYTES);

    @Override
    public JWKSet fetch(URI jwksUri) throws IOException, ParseException {
        return JWKSet.parse(retriever.retrieveResource(jwksUri.toURL()).getContent());
    }
}
