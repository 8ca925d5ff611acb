package dev.persona.local.stepfunctions.tasks.lambda;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;

/**
 * An error a function returned, as the Java Lambda runtime reports an uncaught exception: its errorType is
 * the exception's class name, its errorMessage the message (the class name when there is none), and the
 * stack trace stops where the runtime's own frames begin.
 */
record FunctionError(String errorType, String errorMessage, List<String> stackTrace) {

    /** {@code invoker} is the class that calls handlers: its frame and those below it are the runtime's. */
    static FunctionError of(Throwable thrown, Class<?> invoker) {
        if (thrown instanceof LambdaFunctionError named) {
            return new FunctionError(named.errorType(), named.getMessage(), trace(thrown, invoker));
        }
        String message = thrown.getLocalizedMessage() == null ? thrown.getClass().getName()
                : thrown.getLocalizedMessage();
        return new FunctionError(thrown.getClass().getName(), message, trace(thrown, invoker));
    }

    private static List<String> trace(Throwable thrown, Class<?> invoker) {
        StackTraceElement[] frames = thrown.getStackTrace();
        int end = frames.length;
        for (int i = 0; i < frames.length; i++) {
            String className = frames[i].getClassName();
            if (className.equals(invoker.getName()) || className.startsWith("jdk.internal.reflect.")
                    || className.startsWith("java.lang.reflect.")) {
                end = i;
                break;
            }
        }
        return Arrays.stream(frames, 0, end).map(StackTraceElement::toString).toList();
    }

    /** The error payload Lambda returns: {@code {"errorMessage":..., "errorType":..., "stackTrace":[...]}}. */
    String payload() {
        ObjectNode payload = Json.object();
        payload.put("errorMessage", errorMessage);
        payload.put("errorType", errorType);
        ArrayNode trace = payload.putArray("stackTrace");
        stackTrace.forEach(trace::add);
        return Json.write(payload);
    }
}
