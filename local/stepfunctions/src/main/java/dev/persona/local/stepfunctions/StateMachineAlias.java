package dev.persona.local.stepfunctions;

import java.time.Instant;
import java.util.List;

/**
 * An alias, {@code <machine>:<name>}: one or two versions with weights (percentages adding up to 100) that
 * StartExecution chooses between at random.
 */
public record StateMachineAlias(String arn, String name, String description, List<Route> routing,
                                Instant creationDate, Instant updateDate) {

    /** One version the alias routes to, and the percentage of executions it gets. */
    public record Route(String versionArn, int weight) {
    }
}
