package dev.persona.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the authorizer passes on of a token's informative claims: cleaned, or nothing. */
class AuthenticatedUserTest {

    @Test
    void namesLoseControlCharactersAndAreCut() {
        assertThat(AuthenticatedUser.cleanName("  Ada\u0000 Lovelace\n ")).isEqualTo("Ada Lovelace");
        assertThat(AuthenticatedUser.cleanName("x".repeat(300))).hasSize(AuthenticatedUser.MAX_NAME_LENGTH);
        assertThat(AuthenticatedUser.cleanName("\u0007\t ")).isNull();
        assertThat(AuthenticatedUser.cleanName(null)).isNull();
    }

    @Test
    void localesAreWellFormedLanguageTagsOrNothing() {
        assertThat(AuthenticatedUser.cleanLocale("fr_FR")).isEqualTo("fr-FR");
        assertThat(AuthenticatedUser.cleanLocale("en")).isEqualTo("en");
        assertThat(AuthenticatedUser.cleanLocale("!!")).isNull();
        assertThat(AuthenticatedUser.cleanLocale("x".repeat(40))).isNull();
    }

    @Test
    void theStagePolicyCarriesNameAndLocaleWhenTheTokenHasThem() {
        var policy = StagePolicy.allow(new AuthenticatedUser("google_1", null, IdentityProvider.GOOGLE, "Ada", "en-GB"),
                "arn:aws:execute-api:eu-west-1:111122223333:api/prod/GET/v1/me");
        assertThat(policy.getContext()).containsEntry("name", "Ada").containsEntry("locale", "en-GB")
                .doesNotContainKey("email");
    }
}
