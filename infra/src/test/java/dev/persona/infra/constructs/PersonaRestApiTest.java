package dev.persona.infra.constructs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.FunctionDefinition;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.infra.SynthesizedStage;
import dev.persona.infra.TestStages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;

import static dev.persona.infra.SynthesizedStage.resources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The API on its own, with the options the stage under test does not use. */
class PersonaRestApiTest {

    private static JsonNode template;

    private static Map<FunctionDefinition, IFunction> handlers(Stack stack) {
        Map<FunctionDefinition, IFunction> handlers = new HashMap<>();
        for (FunctionDefinition definition : LambdaFunctions.API) {
            handlers.put(definition, Function.fromFunctionArn(stack, definition.id(),
                    "arn:aws:lambda:eu-west-1:123456789012:function:" + definition.id() + ":live"));
        }
        return handlers;
    }

    private static IFunction authorizer(Stack stack) {
        return Function.fromFunctionArn(stack, "authorizer", "arn:aws:lambda:eu-west-1:123456789012:function:authorizer:live");
    }

    @BeforeAll
    static void synthesize() throws Exception {
        App app = TestStages.app(java.nio.file.Files.createTempDirectory("cdk-api"));
        Stack stack = new Stack(app, "api");
        new PersonaRestApi(stack, "Api", new PersonaRestApi.Props(handlers(stack), authorizer(stack), "v", 
                List.of(TestStages.WEB_ORIGIN), null, 10, 20, 5000, true, null, null));
        template = SynthesizedStage.JSON.valueToTree(Template.fromStack(stack).toJSON());
    }

    @Test
    void requiringApiKeysAddsAKeyToTheUsagePlanAndToEveryMethod() {
        assertThat(resources(template, "AWS::ApiGateway::ApiKey")).hasSize(1);
        assertThat(resources(template, "AWS::ApiGateway::UsagePlanKey")).hasSize(1);
        assertThat(resources(template, "AWS::ApiGateway::Method").values().stream()
                .filter(method -> !method.at("/Properties/HttpMethod").asText().equals("OPTIONS")))
                .isNotEmpty()
                .allSatisfy(method -> assertThat(method.at("/Properties/ApiKeyRequired").asBoolean()).isTrue());
        JsonNode plan = SynthesizedStage.only(template, "AWS::ApiGateway::UsagePlan").path("Properties");
        assertThat(plan.at("/Throttle/RateLimit").asInt()).isEqualTo(10);
        assertThat(plan.at("/Throttle/BurstLimit").asInt()).isEqualTo(20);
        assertThat(plan.at("/Quota/Limit").asInt()).isEqualTo(5000);
    }

    @Test
    void preflightLetsBrowsersSendTheApiKeyWhenOneIsRequired() {
        assertThat(resources(template, "AWS::ApiGateway::Method").values().stream()
                .filter(method -> method.at("/Properties/HttpMethod").asText().equals("OPTIONS")))
                .allSatisfy(method -> assertThat(method.at("/Properties/Integration/IntegrationResponses").toString())
                        .contains("X-Api-Key"));
    }

    @Test
    void refusesARouteWithoutAHandler() throws Exception {
        App app = TestStages.app(java.nio.file.Files.createTempDirectory("cdk-api-missing"));
        Stack stack = new Stack(app, "api");
        Map<FunctionDefinition, IFunction> handlers = handlers(stack);
        handlers.remove(LambdaFunctions.JOBS);

        assertThatThrownBy(() -> new PersonaRestApi(stack, "Api", new PersonaRestApi.Props(handlers, authorizer(stack),
                "v", List.of(TestStages.WEB_ORIGIN), null, null, null, null, null, null, null)))
                .hasMessageContaining("no handler for route function jobs");
    }

    @Test
    void namesModelsAfterTheirSchemaFiles() {
        assertThat(PersonaRestApi.modelName("schemas/create-upload-request.json")).isEqualTo("CreateUploadRequest");
    }
}
