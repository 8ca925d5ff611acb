package dev.persona.local.gateway;

import java.util.Objects;

/**
 * The deployed API stage the local gateway stands for: the names that appear in method ARNs and in the
 * request context of every event.
 */
record ApiStage(String region, String accountId, String apiId, String stage) {

    ApiStage {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(apiId, "apiId");
        Objects.requireNonNull(stage, "stage");
    }

    /** {@code arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path without its leading slash}}. */
    String methodArn(String method, String path) {
        return "arn:aws:execute-api:" + region + ":" + accountId + ":" + apiId + "/" + stage + "/" + method + "/"
                + path.substring(1);
    }
}
