package dev.persona.local.stepfunctions.asl.states;

import dev.persona.local.stepfunctions.asl.jsonata.JsonataTemplate;
import dev.persona.local.stepfunctions.asl.paths.JsonPath;
import dev.persona.local.stepfunctions.asl.paths.PayloadTemplate;

/**
 * How a state turns its input into its output. JSONPath states use {@code inputPath}, {@code parameters},
 * {@code resultSelector}, {@code resultPath} and {@code outputPath}; a null path stands for an explicit
 * {@code null} in the definition (discard), an absent field is {@code $}. JSONata states use {@code arguments}
 * and {@code output}. Absent templates are null. {@code assign} serves both languages.
 */
public record DataFlow(
        JsonPath inputPath,
        PayloadTemplate parameters,
        PayloadTemplate resultSelector,
        JsonPath resultPath,
        JsonPath outputPath,
        JsonataTemplate arguments,
        JsonataTemplate output,
        Assignment assign) {
}
