package dev.persona.contracts.iam;

import java.util.List;

/**
 * Who may assume a role: an AWS service ({@code lambda.amazonaws.com}) or another principal of the model,
 * with the STS actions its trust policy allows.
 *
 * @param service     the service principal, or null
 * @param principalId the id of a model principal whose role is trusted, or null
 * @param actions     {@code sts:AssumeRole} and, for a model principal, the session actions it may use
 */
public record Trust(String service, String principalId, List<String> actions) {

    public Trust {
        if ((service == null) == (principalId == null)) {
            throw new IllegalArgumentException("a trust names a service or a principal");
        }
        actions = List.copyOf(actions);
    }

    public static Trust service(String service) {
        return new Trust(service, null, List.of("sts:AssumeRole"));
    }

    public static Trust principal(String principalId, List<String> actions) {
        return new Trust(null, principalId, actions);
    }
}
