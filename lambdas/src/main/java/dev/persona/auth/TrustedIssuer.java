package dev.persona.auth;

import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * An issuer whose tokens the authorizer accepts.
 *
 * @param provider    which provider it is; decides the audience rules and the user id namespace
 * @param issuerNames the exact {@code iss} values it signs with (Google uses two spellings)
 * @param jwksUri     where its signing keys are published
 * @param clientIds   the OAuth client ids tokens must be issued to
 */
public record TrustedIssuer(IdentityProvider provider, Set<String> issuerNames, URI jwksUri, Set<String> clientIds) {

    public TrustedIssuer {
        Objects.requireNonNull(provider, "provider");
        issuerNames = Set.copyOf(issuerNames);
        Objects.requireNonNull(jwksUri, "jwksUri");
        clientIds = Set.copyOf(clientIds);
        if (issuerNames.isEmpty() || clientIds.isEmpty()) {
            throw new IllegalArgumentException(provider + " issuer needs issuer names and client ids");
        }
    }
}
