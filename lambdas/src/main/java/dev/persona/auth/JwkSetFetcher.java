package dev.persona.auth;

import java.io.IOException;
import java.net.URI;
import java.text.ParseException;

import com.nimbusds.jose.jwk.JWKSet;

/** Downloads an issuer's published key set. */
@FunctionalInterface
public interface JwkSetFetcher {

    JWKSet fetch(URI jwksUri) throws IOException, ParseException;
}
