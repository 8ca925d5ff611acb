package dev.persona.local.stepfunctions.tasks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives the clients to call AWS with as a state machine's role (its {@code roleArn}), as Step Functions does when an
 * integration runs: one set per role, so that a permission model can check every call against that role.
 */
@FunctionalInterface
public interface IntegrationClientFactory {

    IntegrationClients forRole(String roleArn);

    /** The same clients for every role. */
    static IntegrationClientFactory fixed(IntegrationClients clients) {
        return roleArn -> clients;
    }

    /** This factory asked once per role; the clients it gave are reused. */
    default IntegrationClientFactory cached() {
        Map<String, IntegrationClients> byRole = new ConcurrentHashMap<>();
        return roleArn -> byRole.computeIfAbsent(roleArn, this::forRole);
    }
}
