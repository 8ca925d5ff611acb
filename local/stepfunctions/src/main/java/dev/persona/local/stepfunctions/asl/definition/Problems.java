package dev.persona.local.stepfunctions.asl.definition;

import java.util.ArrayList;
import java.util.List;

import dev.persona.local.stepfunctions.asl.definition.DefinitionProblem.Code;

/** The problems found while reading one definition, in the order found. */
final class Problems {

    private final List<DefinitionProblem> found = new ArrayList<>();

    void add(Code code, String message, String location) {
        found.add(new DefinitionProblem(code, message, location));
    }

    /** A schema problem: the most common kind. */
    void schema(String message, String location) {
        add(Code.SCHEMA_VALIDATION_FAILED, message, location);
    }

    List<DefinitionProblem> all() {
        return List.copyOf(found);
    }

    List<DefinitionProblem> errors() {
        return found.stream().filter(DefinitionProblem::isError).toList();
    }

    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
