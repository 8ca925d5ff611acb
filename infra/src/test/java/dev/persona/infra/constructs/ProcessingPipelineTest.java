package dev.persona.infra.constructs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.FunctionDefinition;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.StateMachineSubstitutions;
import dev.persona.contracts.StorageLayout;
import dev.persona.contracts.Tables;
import dev.persona.infra.SynthesizedStage;
import dev.persona.infra.TestStages;
import dev.persona.infra.stacks.BackendStack;
import dev.persona.infra.stacks.DataStack;
import dev.persona.statemachines.StateMachineDefinitions;
import org.junit.jupiter.api.Test;

import static dev.persona.infra.SynthesizedStage.JSON;
import static dev.persona.infra.SynthesizedStage.fieldNames;
import static dev.persona.infra.SynthesizedStage.items;
import static dev.persona.infra.SynthesizedStage.logicalId;
import static dev.persona.infra.SynthesizedStage.only;
import static dev.persona.infra.SynthesizedStage.texts;
import static org.assertj.core.api.Assertions.assertThat;

class ProcessingPipelineTest {

    private static final SynthesizedStage STAGE = SynthesizedStage.shared();
    private static final BackendStack BACKEND = STAGE.deployment.backend();
    private static final DataStack DATA = STAGE.deployment.data();
    private static final ProcessingPipeline PIPELINE = BACKEND.pipeline();
    private static final JsonNode TEMPLATE = STAGE.template(BACKEND);

    private static JsonNode resource(String logicalId) {
        return TEMPLATE.path("Resources").path(logicalId);
    }

    private static JavaFunction step(FunctionDefinition definition) {
        return PIPELINE.steps().stream().filter(step -> step.definition() == definition).findFirst().orElseThrow();
    }

    @Test
    void theDefinitionIsTheFileAsWrittenWithItsPlaceholdersSubstituted() throws Exception {
        JsonNode stateMachine = only(TEMPLATE, "AWS::StepFunctions::StateMachine").path("Properties");
        assertThat(stateMachine.path("DefinitionString").asText()).isEqualTo(StateMachineDefinitions.pipelineTemplate());
        assertThat(stateMachine.path("StateMachineType").asText()).isEqualTo("STANDARD");

        JsonNode substitutions = stateMachine.path("DefinitionSubstitutions");
        assertThat(fieldNames(substitutions))
                .containsExactlyInAnyOrderElementsOf(StateMachineSubstitutions.ALL);
        assertThat(substitutions.at("/" + StateMachineSubstitutions.JOBS_TABLE_NAME + "/Fn::ImportValue").asText())
                .contains(logicalId(DATA.jobs().table()));
        for (LambdaFunctions.PipelineFunction pipelineFunction : LambdaFunctions.PIPELINE) {
            assertThat(substitutions.at("/" + pipelineFunction.substitutionKey() + "/Ref").asText())
                    .as("%s is invoked through its alias", pipelineFunction.function().id())
                    .isEqualTo(logicalId(step(pipelineFunction.function()).alias()));
        }

        // What CloudFormation deploys: each placeholder replaced by its value (here, a marker naming it).
        Map<String, String> values = new HashMap<>();
        substitutions.properties().forEach(entry -> values.put(entry.getKey(), "substituted:" + entry.getKey()));
        JsonNode deployed = JSON.readTree(StateMachineDefinitions.pipeline(values));
        JsonNode written = JSON.readTree(StateMachineDefinitions.pipelineTemplate()).path("States");
        int tasks = 0;
        for (var state : deployed.path("States").properties()) {
            JsonNode definition = state.getValue();
            if (!definition.path("Type").asText().equals("Task")) {
                continue;
            }
            tasks++;
            assertThat(definition.path("Retry").size()).as(state.getKey() + " keeps its Retry").isPositive();
            assertThat(definition.path("Retry")).isEqualTo(written.path(state.getKey()).path("Retry"));
            assertThat(definition.path("Catch")).as(state.getKey() + " keeps its Catch")
                    .isEqualTo(written.path(state.getKey()).path("Catch"));
            String target = definition.at("/Parameters/FunctionName").asText(definition.at("/Parameters/TableName").asText());
            assertThat(values).as(state.getKey() + " targets a substituted resource").containsValue(target);
        }
        assertThat(tasks).isGreaterThanOrEqualTo(LambdaFunctions.PIPELINE.size());
    }

    @Test
    void executionsAreLoggedInFullAndTraced() {
        JsonNode stateMachine = only(TEMPLATE, "AWS::StepFunctions::StateMachine").path("Properties");
        assertThat(stateMachine.at("/LoggingConfiguration/Level").asText()).isEqualTo("ALL");
        assertThat(stateMachine.at("/TracingConfiguration/Enabled").asBoolean()).isTrue();
        String logGroup = stateMachine.at("/LoggingConfiguration/Destinations/0/CloudWatchLogsLogGroup/LogGroupArn/Fn::GetAtt/0").asText();
        assertThat(resource(logGroup).at("/Properties/RetentionInDays").asInt()).isEqualTo(TestStages.LOG_RETENTION_DAYS);
    }

    @Test
    void eachStepRunsJava21OnArm64WithItsSizeTracingAndAnAlias() {
        record Size(FunctionDefinition definition, int memory, int timeout, int tmp, boolean snapStart) {
        }
        for (Size expected : List.of(
                new Size(LambdaFunctions.PREPROCESS, 2048, 900, 4096, false),
                new Size(LambdaFunctions.CATEGORIZE, 1536, 900, 512, true),
                new Size(LambdaFunctions.BUILD_PERSONA, 1536, 600, 512, true))) {
            JavaFunction step = step(expected.definition());
            JsonNode function = resource(logicalId(step.function())).path("Properties");
            assertThat(function.path("Runtime").asText()).isEqualTo("java21");
            assertThat(texts(function.path("Architectures"))).containsExactly("arm64");
            assertThat(function.path("Handler").asText()).isEqualTo(expected.definition().handler());
            assertThat(function.path("MemorySize").asInt()).isEqualTo(expected.memory());
            assertThat(function.path("Timeout").asInt()).isEqualTo(expected.timeout());
            assertThat(function.at("/EphemeralStorage/Size").asInt()).isEqualTo(expected.tmp());
            assertThat(function.at("/TracingConfig/Mode").asText()).isEqualTo("Active");
            assertThat(function.at("/Environment/Variables/JAVA_TOOL_OPTIONS").asText())
                    .as("long compute-bound steps use C2 too").contains("TieredStopAtLevel=4");
            assertThat(function.at("/SnapStart/ApplyOn").asText(""))
                    .isEqualTo(expected.snapStart() ? "PublishedVersions" : "");
            String logGroup = function.at("/LoggingConfig/LogGroup/Ref").asText();
            assertThat(resource(logGroup).at("/Properties/RetentionInDays").asInt()).isEqualTo(TestStages.LOG_RETENTION_DAYS);
            JsonNode alias = resource(logicalId(step.alias())).path("Properties");
            assertThat(alias.path("Name").asText()).isEqualTo(JavaFunction.ALIAS_NAME);
            assertThat(resource(alias.at("/FunctionVersion/Fn::GetAtt/0").asText()).path("Type").asText())
                    .isEqualTo("AWS::Lambda::Version");
        }
    }

    @Test
    void uploadEventsStartThePipelineWithRetriesAndADeadLetterQueue() {
        JsonNode rule = only(TEMPLATE, "AWS::Events::Rule", "Pipeline").path("Properties");
        JsonNode pattern = rule.path("EventPattern");
        assertThat(texts(pattern.path("source"))).containsExactly("aws.s3");
        assertThat(texts(pattern.path("detail-type"))).containsExactly("Object Created");
        assertThat(pattern.at("/detail/bucket/name/0/Fn::ImportValue").asText()).contains(logicalId(DATA.storage().bucket()));
        assertThat(pattern.at("/detail/object/key/0/prefix").asText()).isEqualTo(StorageLayout.UPLOADS_PREFIX);

        JsonNode target = rule.path("Targets").get(0);
        assertThat(rule.path("Targets").size()).isOne();
        assertThat(target.at("/Arn/Ref").asText()).isEqualTo(logicalId(PIPELINE.stateMachine()));
        assertThat(target.has("Input") || target.has("InputPath") || target.has("InputTransformer"))
                .as("the execution receives the event itself").isFalse();
        assertThat(target.at("/RetryPolicy/MaximumRetryAttempts").asInt()).isEqualTo(8);
        assertThat(target.at("/RetryPolicy/MaximumEventAgeInSeconds").asInt()).isEqualTo(4 * 3600);
        assertThat(target.at("/DeadLetterConfig/Arn/Fn::GetAtt/0").asText()).isEqualTo(logicalId(PIPELINE.deadLetterQueue()));
    }

    @Test
    void theDeadLetterQueueIsEncryptedAndRefusesPlainHttp() {
        JsonNode queue = resource(logicalId(PIPELINE.deadLetterQueue())).path("Properties");
        assertThat(queue.path("SqsManagedSseEnabled").asBoolean()).isTrue();
        JsonNode policy = only(TEMPLATE, "AWS::SQS::QueuePolicy", "Pipeline").path("Properties");
        assertThat(items(policy.at("/PolicyDocument/Statement")))
                .anySatisfy(statement -> {
                    assertThat(statement.path("Effect").asText()).isEqualTo("Deny");
                    assertThat(statement.at("/Condition/Bool/aws:SecureTransport").asText()).isEqualTo("false");
                })
                .anySatisfy(statement -> {
                    assertThat(statement.at("/Principal/Service").asText()).isEqualTo("events.amazonaws.com");
                    assertThat(statement.toString()).contains("aws:SourceArn");
                });
    }
}
