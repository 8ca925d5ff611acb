package dev.persona.local.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import dev.persona.local.metrics.EmfLogTee;
import dev.persona.local.metrics.MetricsLogs;
import dev.persona.local.runtime.Endpoints;
import dev.persona.local.runtime.PersonaLocalRuntime;
import dev.persona.local.runtime.PortsTakenException;
import dev.persona.local.runtime.StackPorts;

/** {@code persona-local up}: the whole backend on loopback until Ctrl-C. */
final class UpCommand extends Command {

    static final int DEFAULT_PORT = 3000;

    static final String HELP = """
            Usage: persona-local up [--port N] [--data-dir DIR]

            Starts the whole backend in this process, on loopback, wired as in the cloud, and serves it until
            Ctrl-C: the API gateway (the real authorizer and handlers), S3 with the uploads bucket, DynamoDB with
            the jobs and personas tables, Step Functions running the pipeline on the real step handlers, the
            development identity issuer and STS. Every upload under uploads/ starts the pipeline, as the
            EventBridge rule does in the cloud. Prints every endpoint and writes them to
            .persona-local/endpoints.json, where 'token' and 'invoke' find them.

            Options:
              --port N        the API's port (default: 3000); S3, DynamoDB, Step Functions, the identity issuer,
                              STS, Lambda, Secrets Manager, CloudFront and the download distribution listen on
                              the next nine ports, in that order; 0 picks free ports.
                              All ten are checked before anything starts; keep them below the kernel's
                              ephemeral range (32768-60999 on Linux), where outgoing connections may hold them
              --data-dir DIR  keep objects, tables, the issuer's signing key and Step Functions (state machines,
                              versions, aliases, executions and their histories) in DIR, so they survive a
                              restart; executions that were running go on (default: everything in memory)
              --help          show this help

            The functions' log lines and the gateway's access log follow on standard output. The CloudWatch
            embedded metric format (EMF) documents among the functions' lines are also kept, whole, in
            DIR/metrics/emf.jsonl (with --data-dir, added to at every start) or in .persona-local/metrics/ (in
            memory: one log per stack, the last one kept), where 'persona-local metrics' reads them while the stack
            runs and after it stopped.

            Exit status: 0 after Ctrl-C; 1 when the stack could not start (a port taken: nothing is left
            running); 2 for bad arguments.
            """;

    private final Path endpointsFile;

    UpCommand(PrintStream out, PrintStream err, Path endpointsFile) {
        super(out, err, HELP, Set.of("--port", "--data-dir"), 0);
        this.endpointsFile = endpointsFile;
    }

    @Override
    int run(Options options) throws Options.UsageException {
        int port = options.port("--port", DEFAULT_PORT);
        Path dataDirectory = options.value("--data-dir").map(Path::of).orElse(null);
        Optional<Endpoints> running = Endpoints.read(endpointsFile).filter(Endpoints::isLive);
        if (running.isPresent()) {
            err.println("persona-local up: a stack is already running (process " + running.get().pid()
                    + ", API " + running.get().api() + "); stop it first");
            return PersonaLocal.FAILED;
        }
        StackPorts.PortRange ephemeral = StackPorts.ephemeralRange();
        if (port != 0) {
            warnAboutEphemeralPorts(port, ephemeral);
        }
        Path stateDirectory = endpointsFile.toAbsolutePath().getParent();
        Path metricsLog = dataDirectory == null ? MetricsLogs.inMemory(stateDirectory, ProcessHandle.current().pid())
                : MetricsLogs.ofDataDirectory(dataDirectory);
        PrintStream console = System.out;
        EmfLogTee metrics = keepMetrics(console, metricsLog);
        PersonaLocalRuntime runtime;
        try {
            runtime = PersonaLocalRuntime.builder().apiPort(port).dataDirectory(dataDirectory)
                    .nativeLibraryDirectory(PersonaLocal.nativeLibraryDirectory()).accessLog(out::println).build()
                    .start();
        } catch (RuntimeException e) {
            forgetMetrics(console, metrics, dataDirectory == null);
            if (e instanceof PortsTakenException taken) {
                explain(taken, ephemeral);
            } else {
                err.println("persona-local up: the stack did not start: " + e.getMessage());
            }
            return PersonaLocal.FAILED;
        }
        if (dataDirectory == null) {
            MetricsLogs.deleteEarlierInMemoryLogs(metricsLog);
        }
        Endpoints endpoints = runtime.endpoints().withMetricsLog(metricsLog);
        endpoints.write(endpointsFile);
        MetricsLogs.recordLast(stateDirectory, metricsLog);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping: waiting for running pipeline executions, then every endpoint");
            try {
                runtime.stop();
                metrics.close();
                Files.deleteIfExists(endpointsFile);
                out.println("Stopped.");
            } catch (IOException | RuntimeException e) {
                err.println("persona-local up: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "persona-local-shutdown"));
        banner(endpoints, runtime);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return PersonaLocal.OK;
    }

    /**
     * Functions print their log lines and EMF documents on standard output, as in Lambda: from now on it also copies
     * the EMF lines to {@code log}. Installed before the stack starts, so that every function's output goes through
     * it, those of executions resumed during the start included.
     */
    private static EmfLogTee keepMetrics(PrintStream console, Path log) {
        EmfLogTee tee = EmfLogTee.open(console, log);
        System.setOut(new PrintStream(tee, true, console.charset()));
        return tee;
    }

    /** A stack that did not start leaves standard output as it was, and an in-memory stack no log. */
    private void forgetMetrics(PrintStream console, EmfLogTee metrics, boolean inMemory) {
        System.setOut(console);
        try {
            metrics.close();
            if (inMemory) {
                Files.deleteIfExists(metrics.logFile());
            }
        } catch (IOException e) {
            err.println("persona-local up: " + e.getMessage());
        }
    }

    /**
     * Ports in the kernel's ephemeral range are handed to outgoing connections too, the stack's own among them:
     * after heavy traffic, one can be taken, also by a connection in TIME-WAIT, which address reuse does not
     * override for client sockets (see {@link StackPorts}).
     */
    private void warnAboutEphemeralPorts(int port, StackPorts.PortRange ephemeral) {
        List<StackPorts.Endpoint> inside = StackPorts.forApiPort(port).inside(ephemeral);
        if (inside.isEmpty()) {
            return;
        }
        err.println("persona-local up: warning: " + describe(inside) + (inside.size() == 1 ? " lies" : " lie")
                + " in the kernel's ephemeral port range (" + ephemeral + "), which it also hands to outgoing"
                + " connections: after heavy traffic such a port can be taken, for up to a minute after a connection"
                + " ends (TIME-WAIT). Ports below " + ephemeral.first() + " avoid that, like the default --port "
                + DEFAULT_PORT + ".");
    }

    /** Which ports are taken, by what, and what to do. */
    private void explain(PortsTakenException e, StackPorts.PortRange ephemeral) {
        err.println("persona-local up: the stack did not start, and nothing is left running: "
                + (e.taken().size() == 1 ? "a port it needs is taken." : "ports it needs are taken."));
        for (StackPorts.TakenPort taken : e.taken()) {
            err.println("  " + taken);
        }
        String suggestion = StackPorts.suggestApiPort(ephemeral)
                .map(free -> ", for example --port " + free + " (free now, outside the ephemeral range " + ephemeral
                        + ")")
                .orElse(", below the ephemeral range (" + ephemeral + "), or --port 0 for free ports");
        err.println("Start it with --port N on ten free ports (the API on N, the other endpoints on N+1 to N+9)"
                + suggestion + (e.taken().stream().anyMatch(taken -> taken.holder().contains("TIME-WAIT"))
                        ? ", or again on these ports in a minute, once TIME-WAIT has ended." : "."));
    }

    private static String describe(List<StackPorts.Endpoint> endpoints) {
        return endpoints.stream().map(endpoint -> endpoint.port() + " (" + endpoint.name() + ")")
                .collect(Collectors.joining(", ", endpoints.size() == 1 ? "port " : "ports ", ""));
    }

    private void banner(Endpoints endpoints, PersonaLocalRuntime runtime) {
        out.printf(Locale.ROOT, "persona-local is up: ready %.1f s after the process started (%.1f s to start the"
                + " stack)%n%n", runtime.processStartupTime().toMillis() / 1000.0,
                runtime.startupTime().toMillis() / 1000.0);
        row("Web app", endpoints.api() + "/  (open it in a browser)");
        row("API", endpoints.api() + "  (routes under /v1)");
        row("S3", endpoints.s3() + "  bucket " + endpoints.bucket());
        row("DynamoDB", endpoints.dynamoDb() + "  tables " + endpoints.jobsTable() + ", " + endpoints.personasTable());
        row("Step Functions", endpoints.stepFunctions() + "  " + endpoints.stateMachineArn());
        row("", "your own state machines: --role-arn " + PersonaLocalRuntime.SANDBOX_ROLE_ARN);
        row("Identity issuer", endpoints.issuer().toString());
        row("STS", endpoints.sts().toString());
        row("Lambda", endpoints.lambda() + "  (Invoke: aws lambda invoke --function-name jobs …)");
        row("Data", endpoints.dataDirectory() == null ? "in memory (gone when stopped)" : endpoints.dataDirectory());
        row("AWS credentials", "AWS_ACCESS_KEY_ID=" + endpoints.accessKeyId() + " AWS_SECRET_ACCESS_KEY="
                + endpoints.secretAccessKey() + " AWS_DEFAULT_REGION=" + endpoints.region());
        row("Endpoints file", endpointsFile.toString());
        row("Metrics log", endpoints.metricsLog() + "  (persona-local metrics)");
        out.println();
        out.println("Sign in:  TOKEN=$(./persona-local token --user alice)");
        out.println("Try it:   curl -H \"Authorization: Bearer $TOKEN\" " + endpoints.api() + "/v1/jobs");
        out.println("AWS CLI:  aws --endpoint-url " + endpoints.s3() + " s3 ls s3://" + endpoints.bucket()
                + " --recursive");
        out.println();
        out.println("Ctrl-C stops. Function logs and the gateway's access log follow.");
    }

    private void row(String name, String value) {
        out.printf(Locale.ROOT, "  %-16s %s%n", name, value);
    }
}
