package dev.persona.infra.constructs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.infra.SynthesizedStage;
import dev.persona.infra.TestStages;
import dev.persona.infra.stacks.BackendStack;
import org.junit.jupiter.api.Test;

import static dev.persona.infra.SynthesizedStage.items;
import static dev.persona.infra.SynthesizedStage.logicalId;
import static dev.persona.infra.SynthesizedStage.only;
import static dev.persona.infra.SynthesizedStage.resources;
import static dev.persona.infra.SynthesizedStage.texts;
import static org.assertj.core.api.Assertions.assertThat;

class OperationsMonitoringTest {

    private static final SynthesizedStage STAGE = SynthesizedStage.shared();
    private static final BackendStack BACKEND = STAGE.deployment.backend();
    private static final JsonNode TEMPLATE = STAGE.template(BACKEND);

    /**
     * The metric names each notifying alarm watches, by the alarm's construct id; a composite alarm's are those of
     * the metric alarms its rule names.
     */
    private static Map<String, List<String>> alarmMetrics() {
        Map<String, List<String>> alarms = new HashMap<>();
        for (var alarm : BACKEND.monitoring().alarms()) {
            JsonNode resource = TEMPLATE.at("/Resources/" + logicalId(alarm));
            List<JsonNode> metricAlarms = new ArrayList<>();
            if (resource.path("Type").asText().equals("AWS::CloudWatch::CompositeAlarm")) {
                resources(TEMPLATE, "AWS::CloudWatch::Alarm").forEach((id, part) -> {
                    if (resource.at("/Properties/AlarmRule").toString().contains(id)) {
                        metricAlarms.add(part);
                    }
                });
            } else {
                metricAlarms.add(resource);
            }
            List<String> metrics = new ArrayList<>();
            for (JsonNode metricAlarm : metricAlarms) {
                JsonNode properties = metricAlarm.path("Properties");
                if (properties.has("MetricName")) {
                    metrics.add(properties.path("MetricName").asText());
                }
                items(properties.path("Metrics")).forEach(query ->
                        metrics.add(query.at("/MetricStat/Metric/MetricName").asText("")));
            }
            alarms.put(alarm.getNode().getId(), metrics.stream().filter(name -> !name.isEmpty()).toList());
        }
        return alarms;
    }

    @Test
    void alarmsCoverFailuresThrottlesServerErrorsAndUndeliveredEvents() {
        Map<String, List<String>> alarms = alarmMetrics();
        assertThat(alarms.get("PipelineFailures")).containsExactlyInAnyOrder("ExecutionsFailed", "ExecutionsTimedOut", "ExecutionsAborted");
        assertThat(alarms.get("PipelineThrottled")).containsExactly("ExecutionThrottled");
        assertThat(alarms.get("FunctionErrors")).hasSize(LambdaFunctions.ALL.size()).containsOnly("Errors");
        assertThat(alarms.get("FunctionThrottles")).hasSize(LambdaFunctions.ALL.size()).containsOnly("Throttles");
        assertThat(alarms.get("Api5xx")).containsExactly("5XXError");
        assertThat(alarms.get("TableThrottles")).containsOnly("ReadThrottleEvents", "WriteThrottleEvents")
                .hasSize(2 * dev.persona.contracts.Tables.ALL.size());
        assertThat(alarms.get("UndeliveredUploadEvents")).containsExactly("ApproximateNumberOfMessagesVisible");
        assertThat(alarms.get("UndeliveredFileEvents")).containsExactly("ApproximateNumberOfMessagesVisible");
        assertThat(alarms.get("FileStreamFailures")).containsExactly("ApproximateNumberOfMessagesVisible");
    }

    @Test
    void everyAlarmNotifiesTheEncryptedTopicWhichMailsTheConfiguredAddress() {
        String topic = logicalId(BACKEND.monitoring().alarmTopic());
        assertThat(BACKEND.monitoring().alarms()).hasSize(9).allSatisfy(alarm -> assertThat(
                TEMPLATE.at("/Resources/" + logicalId(alarm) + "/Properties/AlarmActions/0/Ref").asText())
                .isEqualTo(topic));
        assertThat(resources(TEMPLATE, "AWS::CloudWatch::Alarm").values()).allSatisfy(alarm -> {
            assertThat(alarm.at("/Properties/TreatMissingData").asText()).isEqualTo("notBreaching");
            assertThat(items(alarm.at("/Properties/Metrics")).stream().filter(query -> query.has("MetricStat")))
                    .as("CloudWatch's limit").hasSizeLessThanOrEqualTo(OperationsMonitoring.MAX_METRICS_PER_ALARM);
        });
        JsonNode topicProperties = TEMPLATE.at("/Resources/" + topic + "/Properties");
        String key = topicProperties.at("/KmsMasterKeyId/Fn::GetAtt/0").asText();
        assertThat(TEMPLATE.at("/Resources/" + key + "/Properties/EnableKeyRotation").asBoolean()).isTrue();
        assertThat(TEMPLATE.at("/Resources/" + key + "/Properties/KeyPolicy").toString())
                .as("CloudWatch may encrypt notifications").contains("cloudwatch.amazonaws.com");
        JsonNode subscription = only(TEMPLATE, "AWS::SNS::Subscription").path("Properties");
        assertThat(subscription.path("Protocol").asText()).isEqualTo("email");
        assertThat(subscription.path("Endpoint").asText()).isEqualTo(TestStages.ALARM_EMAIL);
        assertThat(items(only(TEMPLATE, "AWS::SNS::TopicPolicy").at("/Properties/PolicyDocument/Statement")))
                .anySatisfy(statement -> assertThat(statement.at("/Condition/Bool/aws:SecureTransport").asText()).isEqualTo("false"));
    }

    @Test
    void theDashboardShowsPipelineFunctionsApiTablesAndQueue() {
        String body = only(TEMPLATE, "AWS::CloudWatch::Dashboard").at("/Properties/DashboardBody").toString();
        assertThat(body).contains("ExecutionsStarted", "ExecutionsSucceeded", "ExecutionsFailed", "ExecutionTime",
                "Errors", "Throttles", "Duration", "p99", "4XXError", "5XXError", "Latency",
                "ReadThrottleEvents", "WriteThrottleEvents", "ApproximateNumberOfMessagesVisible");
        for (var function : LambdaFunctions.ALL) {
            assertThat(body).contains("\\\"label\\\":\\\"" + function.id() + "\\\"");
        }
        assertThat(texts(only(TEMPLATE, "AWS::CloudWatch::Dashboard").at("/Properties/DashboardName")))
                .containsExactly("persona-" + TestStages.STAGE + "-operations");
    }
}
