package dev.persona.local.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persona.contracts.JobStatus;
import dev.persona.local.runtime.PersonaLocalRuntime;

/**
 * {@code persona-local demo [FILE]}: the whole path of one upload on a fresh in-memory stack, through the API as
 * a browser takes it, ending with the persona on the terminal and in a file.
 */
final class DemoCommand extends Command {

    static final String SAMPLE_RESOURCE = "sample/MyActivity.json";
    static final String DEMO_USER = "demo";

    static final String HELP = """
            Usage: persona-local demo [FILE] [--output DIR]

            Starts the whole backend in memory, signs in as the user 'demo', asks the API for an upload
            (POST /v1/uploads), PUTs FILE to the presigned URL, follows the job through the pipeline
            (GET /v1/jobs/{jobId}) and prints the persona (GET /v1/personas/{jobId}).

              FILE          an activity export: a Google Takeout archive (.zip, .tgz) or its files (My
                            Activity in HTML or JSON, YouTube history, Chrome History.json), Spotify
                            streaming history, Netflix ViewingActivity.csv, or a CSV, JSON Lines or JSON
                            array of events, each optionally gzip-compressed. Default: a sample of 3,000
                            Takeout records shipped with persona-local.

            Options:
              --output DIR  where the persona JSON and the functions' logs go (default: persona-local-output)
              --help        show this help

            Exit status: 0 when the persona was built; 1 when the job failed (its error code and message are
            printed) or the stack did not run; 2 for bad arguments.
            """;

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);

    DemoCommand(PrintStream out, PrintStream err) {
        super(out, err, HELP, Set.of("--output"), 1);
    }

    @Override
    int run(Options options) throws Options.UsageException {
        Upload upload;
        try {
            upload = options.positional().isEmpty() ? Upload.sample()
                    : Upload.of(Path.of(options.positional().getFirst()));
        } catch (IOException e) {
            throw new Options.UsageException("cannot read " + e.getMessage());
        }
        Path output = Path.of(options.value("--output").orElse("persona-local-output"));
        try {
            return demo(upload, output);
        } catch (IOException | ApiClient.ApiError | RuntimeException e) {
            err.println("persona-local demo: " + e.getMessage());
            return PersonaLocal.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PersonaLocal.FAILED;
        }
    }

    /**
     * The functions log JSON lines on standard output, as on Lambda: for the demo they go to a file, and the
     * terminal keeps the story. The logger binds standard output when a handler class loads, so the switch
     * happens before the stack starts.
     */
    private int demo(Upload upload, Path output) throws IOException, InterruptedException, ApiClient.ApiError {
        Files.createDirectories(output.resolve("logs"));
        Path logFile = output.resolve("logs").resolve("demo-" + System.currentTimeMillis() + ".log");
        PrintStream console = System.out;
        try (PrintStream logs = new PrintStream(Files.newOutputStream(logFile), true, StandardCharsets.UTF_8)) {
            System.setOut(logs);
            try (PersonaLocalRuntime runtime = PersonaLocalRuntime.builder().logs(logs)
                    .nativeLibraryDirectory(PersonaLocal.nativeLibraryDirectory()).build().start()) {
                out.printf(Locale.ROOT, "Local stack ready %.1f s after the process started: S3, DynamoDB, Step"
                        + " Functions, identity issuer, STS, API gateway (%s)%n",
                        runtime.processStartupTime().toMillis() / 1000.0, runtime.endpoints().api());
                return follow(runtime, upload, output, logFile);
            }
        } finally {
            System.setOut(console);
        }
    }

    private int follow(PersonaLocalRuntime runtime, Upload upload, Path output, Path logFile)
            throws IOException, InterruptedException, ApiClient.ApiError {
        ApiClient api = new ApiClient(runtime.endpoints().api(), runtime.token(DEMO_USER));
        out.println("Signed in as '" + DEMO_USER + "' with a token of the development issuer");
        JsonNode created = api.createUpload(upload.filename(), upload.contentType(), upload.size(),
                ZoneId.systemDefault().getId());
        String jobId = created.path("jobId").asText();
        out.printf(Locale.ROOT, "POST /v1/uploads: job %s (the first API response, %.1f s after the process"
                + " started)%n", jobId, sinceProcessStart().toMillis() / 1000.0);
        long started = System.nanoTime();
        api.upload(created.path("put"), upload.content());
        out.printf(Locale.ROOT, "PUT %s (%,d bytes) to the presigned URL%n", upload.filename(), upload.size());

        JobProgress progress = new JobProgress(out);
        JsonNode job = null;
        String etag = null;
        while (job == null || !JobStatus.valueOf(job.path("status").asText()).isTerminal()) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            if (elapsed.compareTo(JOB_TIMEOUT) > 0) {
                err.println("persona-local demo: the job did not finish within " + JOB_TIMEOUT.toMinutes()
                        + " minutes; the functions' logs are in " + logFile);
                return PersonaLocal.FAILED;
            }
            Thread.sleep(POLL_INTERVAL);
            ApiClient.JobPoll poll = api.job(jobId, etag);
            if (poll.job() != null) {
                job = poll.job();
                etag = poll.etag();
                progress.update(job, Duration.ofNanos(System.nanoTime() - started));
            }
        }
        if (JobStatus.valueOf(job.path("status").asText()) == JobStatus.FAILED) {
            out.println();
            out.println("The job failed: " + job.at("/error/code").asText() + ": " + job.at("/error/message").asText());
            out.println("Functions' logs: " + logFile);
            return PersonaLocal.FAILED;
        }
        String document = api.persona(jobId);
        Path personaFile = output.resolve("persona-" + jobId + ".json");
        Files.writeString(personaFile, document);
        out.println();
        new PersonaReport(unicode()).render(new ObjectMapper().readTree(document)).forEach(out::println);
        out.println();
        out.println("Full persona: " + personaFile);
        out.println("Functions' logs: " + logFile);
        return PersonaLocal.OK;
    }

    private static Duration sinceProcessStart() {
        return Duration.ofMillis(System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    /** Block characters only where the terminal's encoding has them. */
    private static boolean unicode() {
        String encoding = System.getProperty("stdout.encoding", Charset.defaultCharset().name());
        return encoding.toUpperCase(Locale.ROOT).startsWith("UTF");
    }

    /** What to upload: its name, declared type, size and bytes. */
    record Upload(String filename, String contentType, long size, HttpRequest.BodyPublisher content) {

        static Upload sample() throws IOException {
            byte[] bytes;
            try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(SAMPLE_RESOURCE)) {
                if (in == null) {
                    throw new IOException("the sample " + SAMPLE_RESOURCE + " (it is not on the classpath)");
                }
                bytes = in.readAllBytes();
            }
            return new Upload("MyActivity.json", "application/json", bytes.length,
                    HttpRequest.BodyPublishers.ofByteArray(bytes));
        }

        static Upload of(Path file) throws IOException {
            return new Upload(file.getFileName().toString(), contentType(file.getFileName().toString()),
                    Files.size(file), HttpRequest.BodyPublishers.ofFile(file));
        }

        /** A type a browser would send for the file; the pipeline detects the format from the content anyway. */
        static String contentType(String filename) {
            String name = filename.toLowerCase(Locale.ROOT);
            if (name.endsWith(".tgz") || name.endsWith(".tar.gz")) {
                return "application/x-compressed-tar";
            }
            if (name.endsWith(".gz")) {
                return "application/gzip";
            }
            if (name.endsWith(".zip")) {
                return "application/zip";
            }
            if (name.endsWith(".tar")) {
                return "application/x-tar";
            }
            if (name.endsWith(".html") || name.endsWith(".htm")) {
                return "text/html";
            }
            if (name.endsWith(".json")) {
                return "application/json";
            }
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
                return "application/x-ndjson";
            }
            if (name.endsWith(".csv")) {
                return "text/csv";
            }
            if (name.endsWith(".tsv")) {
                return "text/tab-separated-values";
            }
            if (name.endsWith(".txt")) {
                return "text/plain";
            }
            return "application/octet-stream";
        }
    }
}
