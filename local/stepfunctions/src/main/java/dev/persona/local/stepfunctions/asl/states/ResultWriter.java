package dev.persona.local.stepfunctions.asl.states;

import dev.persona.local.stepfunctions.asl.jsonata.JsonataTemplate;
import dev.persona.local.stepfunctions.asl.paths.PayloadTemplate;

/**
 * A distributed Map's ResultWriter: how its child executions' results are shaped (WriterConfig's Transformation
 * and OutputType) and, when it has a Resource ({@code s3:putObject}) with Parameters or Arguments (Bucket,
 * Prefix), where in S3 they are exported instead of being returned.
 */
public record ResultWriter(boolean exports, PayloadTemplate parameters, JsonataTemplate arguments,
                           Transformation transformation, OutputType outputType) {

    public static final String RESOURCE = "s3:putObject";

    /**
     * NONE: each child's execution metadata with its output; COMPACT: the outputs only; FLATTEN: the outputs, arrays
     * flattened. AWS's defaults: NONE when exporting without WriterConfig, COMPACT otherwise.
     */
    public enum Transformation {
        NONE, COMPACT, FLATTEN
    }

    public enum OutputType {
        JSON, JSONL
    }
}
