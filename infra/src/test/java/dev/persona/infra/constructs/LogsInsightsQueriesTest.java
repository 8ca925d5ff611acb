package dev.persona.infra.constructs;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.infra.SynthesizedStage;
import dev.persona.infra.stacks.BackendStack;
import org.junit.jupiter.api.Test;

import static dev.persona.infra.SynthesizedStage.items;
import static dev.persona.infra.SynthesizedStage.resources;
import static org.assertj.core.api.Assertions.assertThat;

/** The saved queries an operator follows a job with, over the log groups that hold its story. */
class LogsInsightsQueriesTest {

    private static final SynthesizedStage STAGE = SynthesizedStage.shared();
    private static final BackendStack BACKEND = STAGE.deployment.backend();
    private static final JsonNode TEMPLATE = STAGE.template(BACKEND);

    private static Map<String, JsonNode> queriesByName() {
        Map<String, JsonNode> queries = new LinkedHashMap<>();
        resources(TEMPLATE, "AWS::Logs::QueryDefinition").values().forEach(query ->
                queries.put(query.at("/Properties/Name").asText(), query.get("Properties")));
        return queries;
    }

    private static Set<String> logGroupRefs(JsonNode query) {
        Set<String> refs = new HashSet<>();
        items(query.get("LogGroupNames")).forEach(name -> refs.add(name.path("Ref").asText()));
        return refs;
    }

    @Test
    void eachQuestionHasOneSavedQueryInTheStagesFolder() {
        String folder = STAGE.config.stackName("queries") + "/";

        assertThat(queriesByName().keySet()).containsExactlyInAnyOrder(folder + "job-story",
                folder + "execution-events", folder + "failures-by-code", folder + "unexpected-errors",
                folder + "step-durations");
    }

    @Test
    void aJobsStoryReadsEveryFunctionsLogInTimeOrder() {
        JsonNode jobStory = queriesByName().get(STAGE.config.stackName("queries") + "/job-story");
        Set<String> functionLogGroups = new HashSet<>();
        resources(TEMPLATE, "AWS::Lambda::Function").values().forEach(function -> {
            String logGroup = function.at("/Properties/LoggingConfig/LogGroup/Ref").asText();
            if (!logGroup.isEmpty()) {
                functionLogGroups.add(logGroup);
            }
        });

        assertThat(functionLogGroups).hasSizeGreaterThanOrEqualTo(8);
        assertThat(logGroupRefs(jobStory)).isEqualTo(functionLogGroups);
        String query = jobStory.get("QueryString").asText();
        assertThat(query).contains("filter jobId = \"" + LogsInsightsQueries.JOB_ID_PLACEHOLDER + "\"")
                .contains("executionArn").contains("requestId").contains("errorCode").contains("sort @timestamp asc");
    }

    @Test
    void anExecutionsEventsComeFromTheStateMachinesLog() {
        JsonNode stateMachine = resources(TEMPLATE, "AWS::StepFunctions::StateMachine").values().iterator().next();
        String executionLogs = stateMachine.at(
                "/Properties/LoggingConfiguration/Destinations/0/CloudWatchLogsLogGroup/LogGroupArn/Fn::GetAtt/0").asText();

        JsonNode events = queriesByName().get(STAGE.config.stackName("queries") + "/execution-events");

        assertThat(logGroupRefs(events)).containsExactly(executionLogs);
        assertThat(events.get("QueryString").asText())
                .contains("filter execution_arn = \"" + LogsInsightsQueries.EXECUTION_ARN_PLACEHOLDER + "\"");
    }

    @Test
    void failuresAndDurationsAreCountedPerFunction() {
        Map<String, JsonNode> queries = queriesByName();
        String folder = STAGE.config.stackName("queries") + "/";

        assertThat(queries.get(folder + "failures-by-code").get("QueryString").asText())
                .contains("filter message = \"Step failed\"").contains("by errorCode, service");
        assertThat(queries.get(folder + "step-durations").get("QueryString").asText())
                .contains("pct(durationMs, 99)").contains("by service");
        assertThat(List.of(queries.get(folder + "unexpected-errors").get("QueryString").asText()))
                .singleElement().asString().contains("filter level = \"ERROR\"").contains("errorType");
    }
}
