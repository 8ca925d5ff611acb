package dev.persona.local.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.persona.local.metrics.MetricsLogs;
import dev.persona.local.metrics.MetricsReport;
import dev.persona.local.metrics.MetricsSummary;
import dev.persona.local.runtime.Endpoints;

/** {@code persona-local metrics}: the business metrics the functions wrote, as the dashboard shows them. */
final class MetricsCommand extends Command {

    static final String HELP = """
            Usage: persona-local metrics [--from FILE|DIR | --data-dir DIR] [--json]

            Summarizes the CloudWatch embedded metric format (EMF) documents the functions wrote, as CloudWatch
            would extract them and the dashboard shows them: per namespace, the job outcomes by class and code, the
            API requests by route and status class with their latency, each pipeline step's records read, kept and
            rejected, bytes in and duration, the authorizer's denials by reason and the cold starts; then every
            metric with its dimension values, sample count and sum, and p50 and p99 for millisecond metrics
            (nearest rank over every sample: the p-th percentile of n samples is the ceil(p/100 * n)-th smallest).

            Without options it reads the running stack's metrics log (named in .persona-local/endpoints.json), or
            the last stack's once it stopped. Lines that are no EMF documents are skipped; malformed documents
            (not the specification's shape) are counted and listed with the reason, never fatal.

            Options:
              --from PATH     read this file, or every file directly in this folder (for example
                              persona-local-output/logs, where 'demo' leaves the functions' lines)
              --data-dir DIR  read the metrics log of the stack started with 'up --data-dir DIR'
              --json          print one JSON document instead of tables
              --help          show this help

            Exit status: 0 when the summary was printed (malformed documents included); 1 when there is no
            metrics log to read; 2 for bad arguments.
            """;

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path endpointsFile;

    MetricsCommand(PrintStream out, PrintStream err, Path endpointsFile) {
        super(out, err, HELP, Set.of("--from", "--data-dir"), Set.of("--json"), 0);
        this.endpointsFile = endpointsFile;
    }

    @Override
    int run(Options options) throws Options.UsageException {
        Optional<String> from = options.value("--from");
        Optional<String> dataDirectory = options.value("--data-dir");
        if (from.isPresent() && dataDirectory.isPresent()) {
            throw new Options.UsageException("give --from or --data-dir, not both");
        }
        List<Path> files;
        if (from.isPresent()) {
            files = filesOf(Path.of(from.get()));
        } else {
            Optional<Path> log = dataDirectory.map(directory -> MetricsLogs.ofDataDirectory(Path.of(directory)))
                    .or(this::stackLog);
            if (log.isEmpty()) {
                err.println("persona-local metrics: no stack has run here yet: start one with 'persona-local up',"
                        + " or name a log with --from");
                return PersonaLocal.FAILED;
            }
            if (!Files.isRegularFile(log.get())) {
                err.println("persona-local metrics: no metrics log at " + log.get()
                        + (dataDirectory.isPresent() ? " (has 'up --data-dir " + dataDirectory.get() + "' run?)" : ""));
                return PersonaLocal.FAILED;
            }
            files = List.of(log.get());
        }
        try {
            MetricsSummary summary = MetricsSummary.read(files);
            out.print(options.has("--json") ? JSON.writeValueAsString(MetricsReport.json(summary)) + "\n"
                    : MetricsReport.text(summary));
            return PersonaLocal.OK;
        } catch (IOException e) {
            err.println("persona-local metrics: cannot read " + e.getMessage());
            return PersonaLocal.FAILED;
        }
    }

    /** The running stack's log, else the last stack's. */
    private Optional<Path> stackLog() {
        Optional<Path> running = Endpoints.read(endpointsFile).filter(Endpoints::isLive)
                .map(Endpoints::metricsLog).map(Path::of);
        return running.or(() -> MetricsLogs.last(endpointsFile.toAbsolutePath().getParent()));
    }

    private static List<Path> filesOf(Path path) throws Options.UsageException {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (Files.isDirectory(path)) {
            try (Stream<Path> entries = Files.list(path)) {
                return entries.filter(Files::isRegularFile).sorted().toList();
            } catch (IOException e) {
                throw new Options.UsageException("cannot read " + path + ": " + e.getMessage());
            }
        }
        throw new Options.UsageException("cannot read " + path + ": no such file or folder");
    }
}
