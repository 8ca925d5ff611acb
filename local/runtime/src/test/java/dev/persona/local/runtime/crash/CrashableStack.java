package dev.persona.local.runtime.crash;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.local.runtime.PersonaLocalRuntime;

/**
 * {@code persona-local up --data-dir DIR} as a process of its own, with the pipeline's crash points armed
 * ({@link CrashPoints}): the stack the crash tests kill with SIGKILL and start again on the same folder.
 *
 * <p>Arguments: the data directory and the control folder. Writes its endpoints to {@code endpoints.json} in the
 * control folder when it is up, then serves until killed.
 */
public final class CrashableStack {

    /** Each Lambda step's state in the pipeline. */
    private static final Map<String, String> STATES = Map.of(
            LambdaFunctions.PREPROCESS.id(), "Preprocess",
            LambdaFunctions.CATEGORIZE.id(), "Categorize",
            LambdaFunctions.BUILD_PERSONA.id(), "BuildPersona");

    private CrashableStack() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dataDirectory = Path.of(args[0]);
        Path control = Path.of(args[1]);
        System.setProperty(CrashPoints.CONTROL_PROPERTY, control.toString());
        PersonaLocalRuntime.Builder builder = PersonaLocalRuntime.builder().dataDirectory(dataDirectory);
        ObjectMapper json = new ObjectMapper();
        STATES.forEach((function, state) -> builder.decorateFunction(function, handler -> (in, out, context) -> {
            byte[] event = in.readAllBytes();
            String jobId = json.readTree(event).path("jobId").asText(null);
            CrashPoints.at(jobId, state, "before");
            CrashPoints.failIfPlanned(jobId, state);
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event), response, context);
            CrashPoints.at(jobId, state, "after");
            response.writeTo(out);
        }));
        PersonaLocalRuntime runtime = builder.build().start();
        runtime.endpoints().write(control.resolve("endpoints.json"));
        System.out.println("persona-local crashable stack is up");
        Thread.currentThread().join();
    }
}
