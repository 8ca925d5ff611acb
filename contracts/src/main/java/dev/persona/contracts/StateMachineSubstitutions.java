package dev.persona.contracts;

import java.util.List;
import java.util.Map;

/**
 * Placeholders ({@code ${Name}}) in {@code statemachines/persona-pipeline.asl.json}. The CDK app passes
 * them as definition substitutions; the local runtime replaces them the same way before loading.
 */
public final class StateMachineSubstitutions {

    public static final String JOBS_TABLE_NAME = "JobsTableName";
    public static final String PREPROCESS_FUNCTION_ARN = "PreprocessFunctionArn";
    public static final String CATEGORIZE_FUNCTION_ARN = "CategorizeFunctionArn";
    public static final String BUILD_PERSONA_FUNCTION_ARN = "BuildPersonaFunctionArn";
    public static final String DISCARD_FUNCTION_ARN = "DiscardFunctionArn";

    public static final List<String> ALL = List.of(
            JOBS_TABLE_NAME, PREPROCESS_FUNCTION_ARN, CATEGORIZE_FUNCTION_ARN, BUILD_PERSONA_FUNCTION_ARN,
            DISCARD_FUNCTION_ARN);

    /** The pipeline definition's resource path inside the statemachines jar (and its file name in the repo). */
    public static final String PIPELINE_DEFINITION = "persona-pipeline.asl.json";

    private StateMachineSubstitutions() {
    }

    /** Replaces every {@code ${Name}} of {@code values} in {@code definition}, as CloudFormation does. */
    public static String substitute(String definition, Map<String, String> values) {
        String result = definition;
        for (var entry : values.entrySet()) {
            result = result.replace("${" + entry.getKey() + "}", entry.getValue());
        }
        return result;
    }
}
