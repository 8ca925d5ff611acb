package dev.persona.api;

import dev.persona.contracts.AuthorizerContext;
import dev.persona.http.ApiRequest;
import dev.persona.profile.ProfileService;

/** What the authorizer passed about the caller that a first profile is made of: the REST and tRPC front doors'. */
public final class CallerClaims {

    private CallerClaims() {
    }

    public static ProfileService.Claims of(ApiRequest request) {
        return new ProfileService.Claims(request.callerClaim(AuthorizerContext.EMAIL).orElse(null),
                request.callerClaim(AuthorizerContext.NAME).orElse(null),
                request.callerClaim(AuthorizerContext.LOCALE).orElse(null));
    }
}
