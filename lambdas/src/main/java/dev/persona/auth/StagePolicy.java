package dev.persona.auth;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import dev.persona.contracts.AuthorizerContext;

/**
 * The authorizer's answer for an authenticated caller. API Gateway caches it per token and applies
 * the cached policy to every later route, so it allows the whole stage: a policy naming only the
 * first route's method ARN would make every other route fail with 403 until the cache expired.
 */
public final class StagePolicy {

    private StagePolicy() {
    }

    public static IamPolicyResponseV1 allow(AuthenticatedUser user, String methodArn) {
        Map<String, Object> context = new HashMap<>();
        context.put(AuthorizerContext.USER_ID, user.userId());
        context.put(AuthorizerContext.PROVIDER, user.provider().wireName());
        if (user.email() != null) {
            context.put(AuthorizerContext.EMAIL, user.email());
        }
        if (user.name() != null) {
            context.put(AuthorizerContext.NAME, user.name());
        }
        if (user.locale() != null) {
            context.put(AuthorizerContext.LOCALE, user.locale());
        }
        IamPolicyResponseV1.Statement statement = IamPolicyResponseV1.allowStatement(wholeStage(methodArn));
        IamPolicyResponseV1.PolicyDocument document = new IamPolicyResponseV1.PolicyDocument(
                IamPolicyResponseV1.VERSION_2012_10_17, List.of(statement));
        return new IamPolicyResponseV1(user.userId(), document, context, null);
    }

    /**
     * {@code arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/*}{@code /*} for a method ARN
     * {@code arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{method}/{path}}.
     */
    static String wholeStage(String methodArn) {
        String[] parts = methodArn == null ? new String[0] : methodArn.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("execute-api")) {
            throw new IllegalArgumentException("not an execute-api method ARN");
        }
        String[] resource = parts[5].split("/", 3);
        if (resource.length < 3 || resource[0].isEmpty() || resource[1].isEmpty()) {
            throw new IllegalArgumentException("method ARN without API id and stage");
        }
        return String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4]) + ":"
                + resource[0] + "/" + resource[1] + "/*/*";
    }
}
