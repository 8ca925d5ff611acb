package dev.persona.local.stepfunctions.asl.states;

import java.util.List;

import dev.persona.local.stepfunctions.asl.jsonata.JsonataTemplate;
import dev.persona.local.stepfunctions.asl.paths.JsonPath;

/**
 * One {@code Catch} entry. {@code resultPath} (JSONPath; null for an explicit null) places the error output in
 * the state input; {@code output} (JSONata) replaces it.
 */
public record Catcher(
        List<String> errorEquals,
        String next,
        JsonPath resultPath,
        JsonataTemplate output,
        Assignment assign) {

    public boolean matches(String error) {
        return ErrorMatching.matches(errorEquals, error);
    }
}
