package dev.persona.pipeline.preprocess;

import java.nio.file.Path;

import dev.persona.config.Environment;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.pipeline.archive.ArchiveLimits;

/**
 * Limits and places for preprocessing.
 *
 * @param bucket            the uploads bucket; events naming another bucket are refused
 * @param maxUploadBytes    largest upload, before and after decompression (default 1 GiB)
 * @param maxInvalidRatio   share of invalid records above which the upload fails (default 0.5)
 * @param dedupeMemoryBudget fingerprints kept in memory before de-duplication spills to disk (default 2 million,
 *                           about 32 MiB)
 * @param spillDirectory    local folder for spill files (default java.io.tmpdir, which is /tmp on Lambda)
 * @param rejectedSamples   how many rejected records the report shows (default 20)
 */
public record PreprocessSettings(String bucket, long maxUploadBytes, double maxInvalidRatio, int dedupeMemoryBudget,
                                 Path spillDirectory, int rejectedSamples) {

    public static final long DEFAULT_MAX_UPLOAD_BYTES = 1024L * 1024 * 1024;
    public static final double DEFAULT_MAX_INVALID_RATIO = 0.5;
    public static final int DEFAULT_DEDUPE_MEMORY_BUDGET = 2_000_000;
    public static final int DEFAULT_REJECTED_SAMPLES = 20;

    public PreprocessSettings {
        if (maxUploadBytes <= 0) {
            throw new IllegalArgumentException("maxUploadBytes must be positive");
        }
        if (!(maxInvalidRatio >= 0 && maxInvalidRatio <= 1)) {
            throw new IllegalArgumentException("maxInvalidRatio must be between 0 and 1");
        }
    }

    public static PreprocessSettings defaults(String bucket) {
        return new PreprocessSettings(bucket, DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_MAX_INVALID_RATIO,
                DEFAULT_DEDUPE_MEMORY_BUDGET, Path.of(System.getProperty("java.io.tmpdir")), DEFAULT_REJECTED_SAMPLES);
    }

    public static PreprocessSettings from(Environment environment) {
        return new PreprocessSettings(
                environment.required(EnvironmentVariables.UPLOADS_BUCKET),
                environment.longValue(EnvironmentVariables.MAX_UPLOAD_BYTES, DEFAULT_MAX_UPLOAD_BYTES),
                environment.doubleValue(EnvironmentVariables.MAX_INVALID_RECORD_RATIO, DEFAULT_MAX_INVALID_RATIO),
                DEFAULT_DEDUPE_MEMORY_BUDGET,
                Path.of(System.getProperty("java.io.tmpdir")),
                DEFAULT_REJECTED_SAMPLES);
    }

    /** The limits archives are read within: the default structure limits, and the upload limit on what they hold. */
    public ArchiveLimits archiveLimits() {
        return ArchiveLimits.defaults(maxUploadBytes);
    }

    public PreprocessSettings withDedupeMemoryBudget(int budget) {
        return new PreprocessSettings(bucket, maxUploadBytes, maxInvalidRatio, budget, spillDirectory, rejectedSamples);
    }

    public PreprocessSettings withSpillDirectory(Path directory) {
        return new PreprocessSettings(bucket, maxUploadBytes, maxInvalidRatio, dedupeMemoryBudget, directory,
                rejectedSamples);
    }

    public PreprocessSettings withMaxUploadBytes(long bytes) {
        return new PreprocessSettings(bucket, bytes, maxInvalidRatio, dedupeMemoryBudget, spillDirectory,
                rejectedSamples);
    }
}
