package dev.persona.pipeline.errors;

/**
 * Compressed data expands far more than real exports do (a compression bomb), so decompression
 * stopped early. Not retried.
 */
public final class CompressionRatioTooHigh extends PipelineException {

    public CompressionRatioTooHigh(String userMessage) {
        super(userMessage);
    }
}
