package dev.persona.contracts;

import java.util.List;

import static dev.persona.contracts.EnvironmentVariables.LOG_LEVEL;
import static dev.persona.contracts.EnvironmentVariables.MAX_INVALID_RECORD_RATIO;
import static dev.persona.contracts.EnvironmentVariables.MAX_UPLOAD_BYTES;
import static dev.persona.contracts.EnvironmentVariables.PERSONAS_TABLE;
import static dev.persona.contracts.EnvironmentVariables.SERVICE_NAME;
import static dev.persona.contracts.EnvironmentVariables.UPLOADS_BUCKET;

/** The project's functions. */
public final class LambdaFunctions {

    public static final FunctionDefinition PREPROCESS = new FunctionDefinition(
            "Preprocess",
            "dev.persona.pipeline.preprocess.PreprocessHandler::handleRequest",
            "Pipeline step 1: parses, validates, normalizes, deduplicates and redacts an upload",
            List.of(UPLOADS_BUCKET, MAX_UPLOAD_BYTES, MAX_INVALID_RECORD_RATIO, SERVICE_NAME, LOG_LEVEL));

    public static final FunctionDefinition CATEGORIZE = new FunctionDefinition(
            "Categorize",
            "dev.persona.pipeline.categorize.CategorizeHandler::handleRequest",
            "Pipeline step 2: assigns each activity an interest category",
            List.of(UPLOADS_BUCKET, SERVICE_NAME, LOG_LEVEL));

    public static final FunctionDefinition BUILD_PERSONA = new FunctionDefinition(
            "BuildPersona",
            "dev.persona.pipeline.persona.BuildPersonaHandler::handleRequest",
            "Pipeline step 3: aggregates categorized activities into a persona",
            List.of(UPLOADS_BUCKET, PERSONAS_TABLE, SERVICE_NAME, LOG_LEVEL));

    /** The pipeline's functions, each with the substitution that carries its ARN into the state machine. */
    public static final List<PipelineFunction> PIPELINE = List.of(
            new PipelineFunction(PREPROCESS, StateMachineSubstitutions.PREPROCESS_FUNCTION_ARN),
            new PipelineFunction(CATEGORIZE, StateMachineSubstitutions.CATEGORIZE_FUNCTION_ARN),
            new PipelineFunction(BUILD_PERSONA, StateMachineSubstitutions.BUILD_PERSONA_FUNCTION_ARN));

    private LambdaFunctions() {
    }

    /** A function the state machine invokes, and the substitution naming it in the definition. */
    public record PipelineFunction(FunctionDefinition function, String substitutionKey) {
    }
}
