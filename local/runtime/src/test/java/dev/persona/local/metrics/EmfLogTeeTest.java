package dev.persona.local.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Standard output copied to the console as written, and its EMF lines, whole, to the metrics log. */
class EmfLogTeeTest {

    private static final int THREADS = 12;
    private static final int LINES_PER_THREAD = 400;

    @TempDir
    Path directory;

    private static String emf(int thread, int line) {
        return "{\"_aws\":{\"Timestamp\":" + (1767225600000L + line) + ",\"CloudWatchMetrics\":[{\"Namespace\":\"N\","
                + "\"Dimensions\":[[\"Thread\"]],\"Metrics\":[{\"Name\":\"Line\",\"Unit\":\"Count\"}]}]},"
                + "\"Thread\":\"t" + thread + "\",\"Line\":" + line + ",\"padding\":\"" + "x".repeat(line % 200) + "\"}";
    }

    @Test
    void linesOfFunctionsPrintingAtOnceReachTheLogWholeAndTheConsoleUnchanged() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Path log = directory.resolve("metrics").resolve("emf.jsonl");
        EmfLogTee tee = EmfLogTee.open(console, log);
        PrintStream out = new PrintStream(tee, true, StandardCharsets.UTF_8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> printers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(THREADS)) {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                printers.add(threads.submit(() -> {
                    go.await();
                    for (int line = 0; line < LINES_PER_THREAD; line++) {
                        String document = emf(thread, line);
                        switch (line % 4) {
                            case 0 -> out.println(document);
                            case 1 -> {
                                // A document written in pieces, as a print and a separate line end.
                                out.print(document.substring(0, 17));
                                Thread.yield();
                                out.print(document.substring(17));
                                out.println();
                            }
                            case 2 -> out.println("{\"level\":\"INFO\",\"message\":\"log line " + line + "\"}");
                            default -> out.print("  " + document + "\r\n");
                        }
                        if (line % 50 == 0) {
                            out.println("plain text from t" + thread);
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> printer : printers) {
                printer.get();
            }
        }
        tee.close();

        List<String> logged = Files.readAllLines(log, StandardCharsets.UTF_8);
        Set<String> expected = new HashSet<>();
        for (int thread = 0; thread < THREADS; thread++) {
            for (int line = 0; line < LINES_PER_THREAD; line++) {
                if (line % 4 != 2) {
                    expected.add(emf(thread, line));
                }
            }
        }
        assertThat(logged).hasSize(expected.size());
        assertThat(logged.stream().map(String::strip).toList()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(logged).allSatisfy(line -> assertThat(EmfParser.parse(line)).isInstanceOf(EmfParser.Document.class));
        // The console gets every byte as written: pieces of different threads' lines may mix there, as on a terminal.
        String shown = console.toString(StandardCharsets.UTF_8);
        assertThat(occurrences(shown, "log line ")).isEqualTo(THREADS * LINES_PER_THREAD / 4);
        assertThat(occurrences(shown, "plain text from t")).isEqualTo(THREADS * 8);
        assertThat(occurrences(shown, "\"_aws\"")).isEqualTo(expected.size());
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    @Test
    void theLogIsAddedToAcrossOpeningsAndReadableWhileWritten() throws IOException {
        Path log = directory.resolve("emf.jsonl");
        EmfLogTee first = EmfLogTee.open(OutputStream.nullOutputStream(), log);
        new PrintStream(first, true, StandardCharsets.UTF_8).println(emf(1, 1));
        assertThat(Files.readAllLines(log)).containsExactly(emf(1, 1));
        first.close();

        EmfLogTee second = EmfLogTee.open(OutputStream.nullOutputStream(), log);
        PrintStream out = new PrintStream(second, true, StandardCharsets.UTF_8);
        out.println(emf(2, 2));
        out.print(emf(3, 3));
        assertThat(Files.readAllLines(log)).as("an unfinished line is not logged yet").containsExactly(emf(1, 1),
                emf(2, 2));
        out.println();
        second.close();
        assertThat(Files.readAllLines(log)).containsExactly(emf(1, 1), emf(2, 2), emf(3, 3));
    }
}
