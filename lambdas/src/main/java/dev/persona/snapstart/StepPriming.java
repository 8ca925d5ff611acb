package dev.persona.snapstart;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/** Primes a pipeline step: its twin reads a step input through the step's own codec and runs it. */
public final class StepPriming {

    private StepPriming() {
    }

    /**
     * Runs {@code request} through {@code twin}. The priming clients answer every read with an empty object, so the
     * step ends in the error it gives for an empty input ({@code emptyInputError}): that path is primed too. Any
     * other failure propagates and fails the snapshot, as a defect should.
     */
    public static void run(RequestStreamHandler twin, Object request,
                           Class<? extends RuntimeException> emptyInputError) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            twin.handleRequest(new ByteArrayInputStream(PrimingEvents.stepInput(request)), output, null);
        } catch (RuntimeException e) {
            if (!emptyInputError.isInstance(e)) {
                throw e;
            }
        }
    }

    /** Runs {@code event} through {@code twin}; any failure propagates and fails the snapshot. */
    public static void run(RequestStreamHandler twin, Object event) throws IOException {
        twin.handleRequest(new ByteArrayInputStream(PrimingEvents.stepInput(event)), new ByteArrayOutputStream(), null);
    }
}
