package dev.persona.infra.constructs;

import java.util.List;
import java.util.Objects;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AttributeMapping;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.CognitoDomainOptions;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.cognito.IUserPoolClient;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.ProviderAttribute;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.StandardAttribute;
import software.amazon.awscdk.services.cognito.StandardAttributes;
import software.amazon.awscdk.services.cognito.StandardThreatProtectionMode;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientIdentityProvider;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolDomain;
import software.amazon.awscdk.services.cognito.UserPoolDomainOptions;
import software.amazon.awscdk.services.cognito.UserPoolIdentityProviderGoogle;
import software.constructs.Construct;

/**
 * Who the users are: a Cognito user pool with self sign-up and e-mail sign-in (strong passwords,
 * optional TOTP MFA, recovery by e-mail), federated with Google, a hosted domain, and the app client
 * of the web SPA.
 *
 * <p>The SPA signs in with the authorization code grant and PKCE: the client is public (no secret), so
 * Cognito accepts a code only with the verifier of the challenge the SPA sent. The Google client secret
 * stays in Secrets Manager; the template holds a dynamic reference that CloudFormation resolves at
 * deployment.
 */
public final class UserIdentity extends Construct {

    private final UserPool userPool;
    private final UserPoolClient webClient;
    private final UserPoolDomain domain;

    /**
     * @param googleClientId         Google OAuth client id. Required
     * @param googleClientSecretName Secrets Manager secret holding the Google client secret as plain
     *                               text. Required
     * @param domainPrefix           prefix of the hosted domain. Required
     * @param callbackUrls           redirect targets after sign-in. Required
     * @param logoutUrls             redirect targets after sign-out. Required
     * @param threatProtection       Cognito threat protection (Plus feature plan) enforced. Default false
     *                               (Essentials plan)
     * @param production             deletion protection on and the pool retained when it leaves the stack.
     *                               Default false
     * @param accessTokenValidity    lifetime of access tokens. Default 1 hour
     * @param idTokenValidity        lifetime of ID tokens. Default 1 hour
     * @param refreshTokenValidity   lifetime of refresh tokens. Default 30 days
     */
    public record Props(
            String googleClientId,
            String googleClientSecretName,
            String domainPrefix,
            List<String> callbackUrls,
            List<String> logoutUrls,
            Boolean threatProtection,
            Boolean production,
            Duration accessTokenValidity,
            Duration idTokenValidity,
            Duration refreshTokenValidity) {

        public Props {
            Objects.requireNonNull(googleClientId, "googleClientId");
            Objects.requireNonNull(googleClientSecretName, "googleClientSecretName");
            Objects.requireNonNull(domainPrefix, "domainPrefix");
            callbackUrls = List.copyOf(callbackUrls);
            logoutUrls = List.copyOf(logoutUrls);
            threatProtection = threatProtection != null && threatProtection;
            production = production != null && production;
            accessTokenValidity = accessTokenValidity == null ? Duration.hours(1) : accessTokenValidity;
            idTokenValidity = idTokenValidity == null ? Duration.hours(1) : idTokenValidity;
            refreshTokenValidity = refreshTokenValidity == null ? Duration.days(30) : refreshTokenValidity;
        }
    }

    public UserIdentity(Construct scope, String id, Props props) {
        super(scope, id);
        UserPool.Builder pool = UserPool.Builder.create(this, "UserPool")
                .selfSignUpEnabled(true)
                .signInAliases(SignInAliases.builder().email(true).build())
                .signInCaseSensitive(false)
                .autoVerify(AutoVerifiedAttrs.builder().email(true).build())
                .standardAttributes(StandardAttributes.builder()
                        .email(StandardAttribute.builder().required(true).mutable(true).build())
                        .build())
                .passwordPolicy(PasswordPolicy.builder()
                        .minLength(12)
                        .requireLowercase(true)
                        .requireUppercase(true)
                        .requireDigits(true)
                        .requireSymbols(true)
                        .tempPasswordValidity(Duration.days(3))
                        .build())
                .mfa(Mfa.OPTIONAL)
                .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
                .accountRecovery(AccountRecovery.EMAIL_ONLY)
                .deletionProtection(props.production())
                .removalPolicy(props.production() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY);
        if (props.threatProtection()) {
            pool.featurePlan(FeaturePlan.PLUS).standardThreatProtectionMode(StandardThreatProtectionMode.FULL_FUNCTION);
        } else {
            pool.featurePlan(FeaturePlan.ESSENTIALS);
        }
        userPool = pool.build();
        NagAcknowledgements.acknowledge(userPool, "COG2", "MFA is offered (TOTP) but optional: most users "
                + "sign in with Google, whose own second factor applies, and the data behind an account is the "
                + "user's own activity export, which they can re-upload.");
        if (!props.threatProtection()) {
            NagAcknowledgements.acknowledge(userPool, "COG3", "Threat protection needs the Plus feature plan, "
                    + "billed for every monthly active user; this stage does not enable it (stage setting "
                    + "threatProtection). Stages with it on enforce it and raise no finding.");
        }

        UserPoolIdentityProviderGoogle google = UserPoolIdentityProviderGoogle.Builder.create(this, "Google")
                .userPool(userPool)
                .clientId(props.googleClientId())
                .clientSecretValue(SecretValue.secretsManager(props.googleClientSecretName()))
                .scopes(List.of("openid", "email", "profile"))
                .attributeMapping(AttributeMapping.builder()
                        .email(ProviderAttribute.GOOGLE_EMAIL)
                        .emailVerified(ProviderAttribute.GOOGLE_EMAIL_VERIFIED)
                        .givenName(ProviderAttribute.GOOGLE_GIVEN_NAME)
                        .familyName(ProviderAttribute.GOOGLE_FAMILY_NAME)
                        .fullname(ProviderAttribute.GOOGLE_NAME)
                        .profilePicture(ProviderAttribute.GOOGLE_PICTURE)
                        .build())
                .build();

        domain = userPool.addDomain("Domain", UserPoolDomainOptions.builder()
                .cognitoDomain(CognitoDomainOptions.builder().domainPrefix(props.domainPrefix()).build())
                .build());

        webClient = userPool.addClient("WebClient", UserPoolClientOptions.builder()
                .generateSecret(false)
                .authFlows(AuthFlow.builder().userSrp(true).build())
                .oAuth(OAuthSettings.builder()
                        .flows(OAuthFlows.builder().authorizationCodeGrant(true).build())
                        .scopes(List.of(OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE))
                        .callbackUrls(props.callbackUrls())
                        .logoutUrls(props.logoutUrls())
                        .build())
                .supportedIdentityProviders(List.of(UserPoolClientIdentityProvider.GOOGLE,
                        UserPoolClientIdentityProvider.COGNITO))
                .preventUserExistenceErrors(true)
                .enableTokenRevocation(true)
                .accessTokenValidity(props.accessTokenValidity())
                .idTokenValidity(props.idTokenValidity())
                .refreshTokenValidity(props.refreshTokenValidity())
                .build());
        // The client names Google as a provider, which must exist first.
        webClient.getNode().addDependency(google);
    }

    public IUserPool userPool() {
        return userPool;
    }

    public IUserPoolClient webClient() {
        return webClient;
    }

    /** {@code https://<prefix>.auth.<region>.amazoncognito.com}. */
    public String domainBaseUrl() {
        return domain.baseUrl();
    }
}
