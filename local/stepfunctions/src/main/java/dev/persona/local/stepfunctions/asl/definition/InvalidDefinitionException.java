package dev.persona.local.stepfunctions.asl.definition;

import java.util.List;
import java.util.stream.Collectors;

/** A definition with problems; the message lists every one of them, as AWS's InvalidDefinition does. */
public final class InvalidDefinitionException extends RuntimeException {

    private final List<DefinitionProblem> problems;

    public InvalidDefinitionException(List<DefinitionProblem> problems) {
        super("Invalid State Machine Definition: '" + problems.stream().map(DefinitionProblem::toString)
                .collect(Collectors.joining(", ")) + "'");
        this.problems = List.copyOf(problems);
    }

    public List<DefinitionProblem> problems() {
        return problems;
    }
}
