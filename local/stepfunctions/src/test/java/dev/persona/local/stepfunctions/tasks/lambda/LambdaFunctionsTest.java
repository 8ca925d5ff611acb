package dev.persona.local.stepfunctions.tasks.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.Machines;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.StatesFailure;
import dev.persona.local.stepfunctions.time.VirtualTimeSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Functions run in-process as the Java Lambda runtime runs handlers. */
class LambdaFunctionsTest {

    private final VirtualTimeSource clock = new VirtualTimeSource(Machines.EPOCH);
    private final List<String> logs = new CopyOnWriteArrayList<>();
    private final LambdaFunctions functions = new LambdaFunctions("123456789012", "eu-west-1", logs::add);

    /** A typed request, converted from the payload with Jackson. */
    public record Order(String id, int quantity) {
    }

    public record Receipt(String orderId, int total, String requestId, String function, int remainingMillis) {
    }

    /** A handler as the project writes them: typed input and output. */
    public static final class OrderHandler implements RequestHandler<Order, Receipt> {
        @Override
        public Receipt handleRequest(Order order, Context context) {
            context.getLogger().log("handling " + order.id());
            return new Receipt(order.id(), order.quantity() * 10, context.getAwsRequestId(),
                    context.getFunctionName() + "|" + context.getInvokedFunctionArn(),
                    context.getRemainingTimeInMillis());
        }
    }

    /** A stream handler that upper-cases its input. */
    public static final class ShoutHandler implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            output.write(new String(input.readAllBytes(), StandardCharsets.UTF_8).toUpperCase()
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private JsonNode returned(String name, String payload) throws InterruptedException {
        LambdaFunctions.Invocation invocation = functions.invoke(name, Json.parse(payload), clock);
        assertThat(invocation).isInstanceOf(LambdaFunctions.Returned.class);
        return ((LambdaFunctions.Returned) invocation).payload();
    }

    @Test
    void aTypedHandlerGetsItsInputConvertedAndAContext() throws InterruptedException {
        functions.register("Orders", new OrderHandler(), Duration.ofSeconds(30));
        JsonNode receipt = returned("Orders", "{\"id\":\"o-1\",\"quantity\":3,\"ignored\":true}");
        assertThat(receipt.get("orderId").textValue()).isEqualTo("o-1");
        assertThat(receipt.get("total").intValue()).isEqualTo(30);
        assertThat(receipt.get("requestId").textValue()).hasSize(36);
        assertThat(receipt.get("function").textValue())
                .isEqualTo("Orders|arn:aws:lambda:eu-west-1:123456789012:function:Orders");
        assertThat(receipt.get("remainingMillis").intValue()).isEqualTo(30_000);
        assertThat(logs).containsExactly("[Orders] handling o-1");
    }

    @Test
    void aHandlerRegisteredByClassNameIsCreatedOnceByItsFactory() throws InterruptedException {
        List<Class<?>> created = new CopyOnWriteArrayList<>();
        functions.register("Shout", ShoutHandler.class.getName(), type -> {
            created.add(type);
            return HandlerFactory.NO_ARGUMENT_CONSTRUCTOR.create(type);
        });
        assertThat(returned("Shout", "{\"word\":\"hi\"}")).isEqualTo(Json.parse("{\"WORD\":\"HI\"}"));
        assertThat(returned("arn:aws:lambda:eu-west-1:123456789012:function:Shout:live", "\"again\""))
                .isEqualTo(Json.parse("\"AGAIN\""));
        assertThat(created).containsExactly(ShoutHandler.class);
    }

    @Test
    void aHandlerExceptionIsReportedLikeTheJavaRuntimeReportsIt() throws InterruptedException {
        functions.registerFunction("Broken", payload -> {
            throw new UnsupportedOperationException();
        });
        LambdaFunctions.Invocation invocation = functions.invoke("Broken", Json.object(), clock);
        assertThat(invocation).isInstanceOfSatisfying(LambdaFunctions.Failed.class, failed -> {
            assertThat(failed.errorType()).isEqualTo("java.lang.UnsupportedOperationException");
            JsonNode payload = Json.parse(failed.errorPayload());
            assertThat(payload.get("errorMessage").textValue()).isEqualTo("java.lang.UnsupportedOperationException");
            assertThat(payload.get("stackTrace").get(0).textValue()).startsWith(
                    "dev.persona.local.stepfunctions.tasks.lambda.LambdaFunctionsTest.lambda$");
        });
    }

    @Test
    void functionNamesResolveFromNamesPartialArnsAndArns() {
        assertThat(LambdaFunctions.functionName("Preprocess")).contains("Preprocess");
        assertThat(LambdaFunctions.functionName("Preprocess:live")).contains("Preprocess");
        assertThat(LambdaFunctions.functionName("123456789012:function:Preprocess")).contains("Preprocess");
        assertThat(LambdaFunctions.functionName("arn:aws:lambda:us-east-1:123456789012:function:Preprocess:3"))
                .contains("Preprocess");
        assertThat(LambdaFunctions.functionName("not a name")).isEmpty();
    }

    @Test
    void aMissingFunctionIsALambdaServiceError() {
        assertThatThrownBy(() -> functions.invoke("Missing", Json.object(), clock))
                .isInstanceOfSatisfying(StatesFailure.class, failure -> {
                    assertThat(failure.error()).isEqualTo("Lambda.ResourceNotFoundException");
                    assertThat(failure.cause()).startsWith(
                            "Function not found: arn:aws:lambda:eu-west-1:123456789012:function:Missing");
                });
    }

    @Test
    void handlersMustBeLambdaHandlers() {
        assertThatThrownBy(() -> functions.register("Bad", "not a handler"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
