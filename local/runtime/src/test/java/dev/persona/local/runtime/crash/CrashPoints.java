package dev.persona.local.runtime.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

import dev.persona.pipeline.errors.StorageUnavailable;
import dev.persona.pipeline.errors.UnsupportedFormat;

/**
 * What a {@link CrashableStack} does to a job, as the test planned it in a control folder shared by the test and
 * every run of the stack:
 *
 * <ul>
 *   <li>{@code plans/{jobId}}: one directive a line: {@code crash STATE:before} or {@code crash STATE:after} (the
 *   pipeline state, e.g. {@code MarkSucceeded}) stops the job there, once, until the process is killed;
 *   {@code fail STATE internal|storage|format} makes that Lambda step throw every time (an exception of no
 *   pipeline error, {@code StorageUnavailable}, which the pipeline retries, or {@code UnsupportedFormat}) until
 *   {@code healed/{jobId}} exists;</li>
 *   <li>{@code reached/{jobId}}: written by the stack when the job stopped at its crash point, so the test knows
 *   the moment to kill, and so the next run of the stack goes on.</li>
 * </ul>
 *
 * <p>Inactive unless the system property {@value #CONTROL_PROPERTY} names the control folder.
 */
public final class CrashPoints {

    public static final String CONTROL_PROPERTY = "persona.crash.control";

    private CrashPoints() {
    }

    static Optional<Path> control() {
        return Optional.ofNullable(System.getProperty(CONTROL_PROPERTY)).map(Path::of);
    }

    /**
     * At {@code phase} ("before" or "after") of {@code state} for {@code jobId}: when the job's plan crashes here and
     * it has not stopped here before, records that it got here and blocks until the process is killed.
     */
    public static void at(String jobId, String state, String phase) {
        Optional<Path> control = control();
        if (control.isEmpty() || jobId == null) {
            return;
        }
        String point = state + ":" + phase;
        if (!directives(control.get(), jobId).contains("crash " + point)) {
            return;
        }
        Path reached = control.get().resolve("reached").resolve(jobId);
        try {
            Files.createDirectories(reached.getParent());
            Files.writeString(reached, point, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // Only SIGKILL ends this: a clean stop would let the job go on and hide the crash.
            }
        }
    }

    /** Throws the failure the job's plan gives {@code state}, unless the job has been healed. */
    public static void failIfPlanned(String jobId, String state) {
        Optional<Path> control = control();
        if (control.isEmpty() || jobId == null || Files.exists(control.get().resolve("healed").resolve(jobId))) {
            return;
        }
        for (String directive : directives(control.get(), jobId)) {
            String[] words = directive.split(" ");
            if (words.length == 3 && words[0].equals("fail") && words[1].equals(state)) {
                throw switch (words[2]) {
                    case "internal" -> new IllegalStateException("injected: " + state + " is broken");
                    case "storage" -> new StorageUnavailable(new IOException("injected: S3 did not answer"));
                    case "format" -> new UnsupportedFormat("injected: not an activity file");
                    default -> new IllegalArgumentException("unknown failure " + words[2]);
                };
            }
        }
    }

    private static List<String> directives(Path control, String jobId) {
        Path plan = control.resolve("plans").resolve(jobId);
        try {
            return Files.exists(plan) ? Files.readAllLines(plan).stream().map(String::strip).toList() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
