package dev.persona.local.stepfunctions.tasks.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.persona.local.stepfunctions.asl.Json;

/**
 * A function that runs in-process: a {@link RequestHandler} (input converted to its declared type with
 * Jackson, as the Java runtime does), a {@link RequestStreamHandler}, or a {@link JsonFunction}. A handler
 * registered by class name is created on the first invocation and reused afterwards.
 */
final class LocalFunction {

    /** Lenient like the Lambda Java runtime's serializer: unknown members ignored, names case-insensitive. */
    private static final ObjectMapper HANDLER_MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .build();

    private final String name;
    private final Duration timeout;
    private final String handlerClassName;
    private final HandlerFactory factory;
    private volatile Object handler;
    private volatile JavaType inputType;

    private LocalFunction(String name, Duration timeout, Object handler, String handlerClassName,
                          HandlerFactory factory) {
        this.name = name;
        this.timeout = timeout;
        this.handler = handler;
        this.handlerClassName = handlerClassName;
        this.factory = factory;
    }

    static LocalFunction ofHandler(String name, Duration timeout, Object handler) {
        if (!(handler instanceof RequestHandler<?, ?>) && !(handler instanceof RequestStreamHandler)
                && !(handler instanceof JsonFunction)) {
            throw new IllegalArgumentException(handler.getClass().getName() + " is neither a RequestHandler, a "
                    + "RequestStreamHandler nor a JsonFunction");
        }
        return new LocalFunction(name, timeout, handler, null, null);
    }

    static LocalFunction ofClass(String name, Duration timeout, String handlerClassName, HandlerFactory factory) {
        return new LocalFunction(name, timeout, null, handlerClassName, factory);
    }

    String name() {
        return name;
    }

    Duration timeout() {
        return timeout;
    }

    /** Runs the handler; its exceptions propagate as they are. */
    JsonNode call(JsonNode payload, Context context) throws Exception {
        Object instance = handler();
        return switch (instance) {
            case JsonFunction function -> function.apply(payload);
            case RequestStreamHandler stream -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] in = payload == null ? new byte[0] : Json.write(payload).getBytes(StandardCharsets.UTF_8);
                stream.handleRequest(new ByteArrayInputStream(in), out, context);
                yield streamOutput(out.toString(StandardCharsets.UTF_8));
            }
            case RequestHandler<?, ?> typed -> typed(typed, payload, context);
            default -> throw new IllegalStateException("unexpected handler " + instance.getClass());
        };
    }

    @SuppressWarnings("unchecked")
    private JsonNode typed(RequestHandler<?, ?> typed, JsonNode payload, Context context) {
        Object input = payload == null || payload.isNull() ? null
                : HANDLER_MAPPER.convertValue(payload, inputType(typed));
        Object output = ((RequestHandler<Object, Object>) typed).handleRequest(input, context);
        return HANDLER_MAPPER.valueToTree(output);
    }

    /** A stream handler's bytes as JSON, or as a string when they are not JSON. */
    private static JsonNode streamOutput(String text) {
        if (text.isEmpty()) {
            return Json.NODES.nullNode();
        }
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException notJson) {
            return Json.NODES.textNode(text);
        }
    }

    private JavaType inputType(RequestHandler<?, ?> typed) {
        if (inputType == null) {
            inputType = HANDLER_MAPPER.getTypeFactory().constructType(declaredInput(typed.getClass()));
        }
        return inputType;
    }

    /** The first parameter type of the handler's own {@code handleRequest(I, Context)}. */
    private static Type declaredInput(Class<?> handlerClass) {
        for (Class<?> type = handlerClass; type != null; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.getName().equals("handleRequest") && !method.isBridge() && !method.isSynthetic()
                        && method.getParameterCount() == 2 && method.getParameterTypes()[1] == Context.class) {
                    return method.getGenericParameterTypes()[0];
                }
            }
        }
        return Object.class;
    }

    private Object handler() throws Exception {
        Object instance = handler;
        if (instance == null) {
            synchronized (this) {
                if (handler == null) {
                    Class<?> type = Class.forName(handlerClassName, true,
                            Thread.currentThread().getContextClassLoader());
                    Object created = factory.create(type);
                    if (!(created instanceof RequestHandler<?, ?>) && !(created instanceof RequestStreamHandler)) {
                        throw new IllegalStateException(handlerClassName + " is neither a RequestHandler nor a "
                                + "RequestStreamHandler");
                    }
                    handler = created;
                }
                instance = handler;
            }
        }
        return instance;
    }
}
