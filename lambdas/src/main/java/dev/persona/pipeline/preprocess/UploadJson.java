package dev.persona.pipeline.preprocess;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;

/** The JSON parser factory for uploads: bounded strings and nesting so a hostile file cannot exhaust memory. */
final class UploadJson {

    /** Longest accepted string value, in characters. */
    static final int MAX_STRING_LENGTH = 1_000_000;

    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNestingDepth(64)
                    .maxNumberLength(64)
                    .build())
            .build();

    private UploadJson() {
    }
}
