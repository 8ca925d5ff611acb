package dev.persona.infra.constructs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.ExecutionStatusEvents;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.OperationalMetrics;
import dev.persona.contracts.Tables;
import dev.persona.infra.SynthesizedStage;
import dev.persona.infra.TestStages;
import dev.persona.infra.stacks.BackendStack;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.services.cloudwatch.Alarm;

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
    private static final OperationsMonitoring MONITORING = BACKEND.monitoring();

    private static JsonNode properties(Object construct) {
        return TEMPLATE.at("/Resources/" + logicalId((software.constructs.IConstruct) construct) + "/Properties");
    }

    /** Every metric an alarm reads: "Namespace/MetricName{dimension=value,…}", and each expression as written. */
    private static List<String> metricsOf(JsonNode alarm) {
        List<String> metrics = new ArrayList<>();
        if (alarm.has("MetricName")) {
            metrics.add(metric(alarm.path("Namespace").asText(), alarm.path("MetricName").asText(),
                    alarm.path("Dimensions")));
        }
        for (JsonNode query : items(alarm.path("Metrics"))) {
            if (query.has("MetricStat")) {
                JsonNode metric = query.at("/MetricStat/Metric");
                metrics.add(metric(metric.path("Namespace").asText(), metric.path("MetricName").asText(),
                        metric.path("Dimensions")));
            } else {
                metrics.add(query.path("Expression").asText());
            }
        }
        return metrics;
    }

    private static String metric(String namespace, String name, JsonNode dimensions) {
        Map<String, String> values = new TreeMap<>();
        items(dimensions).forEach(d -> values.put(d.path("Name").asText(), d.path("Value").toString()));
        return namespace + "/" + name + values;
    }

    private static Map<String, List<String>> systemFaults() {
        Map<String, List<String>> faults = new TreeMap<>();
        for (Alarm alarm : MONITORING.systemFaults()) {
            faults.put(alarm.getNode().getId(), metricsOf(properties(alarm)));
        }
        return faults;
    }

    @Test
    void thePageIsOneCompositeOverEverySystemFault() {
        String rule = properties(MONITORING.page()).path("AlarmRule").toString();
        for (Alarm fault : MONITORING.systemFaults()) {
            assertThat(rule).as(fault.getNode().getId()).contains(logicalId(fault));
        }
        assertThat(systemFaults().keySet()).contains("SystemErrorJobs", "ExecutionsTimedOutOrAborted",
                "PipelineThrottled", "Api5xxRate", "BackgroundFunctionErrors", "UndeliveredUploadEvents",
                "UndeliveredFileEvents", "FileStreamFailures", "UndeliveredOutcomeEvents")
                .anyMatch(id -> id.startsWith("FunctionThrottles")).anyMatch(id -> id.startsWith("TableThrottles"));
    }

    @Test
    void onlyThePageNotifiesTheAlarmTopicAndOnlyTheUserErrorNoticeTheNoticeTopic() {
        String alarmTopic = logicalId(MONITORING.alarmTopic());
        String noticeTopic = logicalId(MONITORING.noticeTopic());
        assertThat(properties(MONITORING.page()).path("AlarmActions").toString()).contains(alarmTopic);
        assertThat(properties(MONITORING.userErrorShare()).path("AlarmActions").toString()).contains(noticeTopic)
                .doesNotContain(alarmTopic);
        for (Alarm fault : MONITORING.systemFaults()) {
            assertThat(properties(fault).has("AlarmActions")).as(fault.getNode().getId() + ": pages through the "
                    + "composite only").isFalse();
        }
        resources(TEMPLATE, "AWS::CloudWatch::Alarm").forEach((id, alarm) -> {
            if (alarm.at("/Properties/AlarmActions").toString().contains(alarmTopic)) {
                assertThat(id).isEqualTo(logicalId(MONITORING.page()));
            }
        });
    }

    @Test
    void aUserErrorOutcomeIsInNoPagingAlarmsMetricMath() {
        systemFaults().forEach((id, metrics) -> assertThat(metrics).as(id).noneMatch(metric ->
                metric.contains(OperationalMetrics.OUTCOME_CLASS + "=\"user\"")
                        || metric.contains(OperationalMetrics.OUTCOME_CLASS + "=\\\"user\\\"")));
        assertThat(systemFaults().get("SystemErrorJobs")).containsExactly(
                OperationalMetrics.NAMESPACE + "/JobOutcomes{OutcomeClass=\"system\"}");
        assertThat(systemFaults().values()).flatMap(metrics -> metrics)
                .as("refused uploads fail executions: that count does not page")
                .noneMatch(metric -> metric.contains("ExecutionsFailed"));
    }

    @Test
    void erroringFunctionsPageOnlyWhenTheyTakeNoUserInput() {
        JsonNode errors = properties(MONITORING.systemFaults().stream()
                .filter(alarm -> alarm.getNode().getId().equals("BackgroundFunctionErrors")).findFirst().orElseThrow());
        String watched = errors.path("Metrics").toString();
        assertThat(watched).contains(logicalId(BACKEND.signingKey().rotation().function()))
                .contains(logicalId(BACKEND.backgroundFunctions().get(LambdaFunctions.JOB_OUTCOMES).function()));
        for (var step : BACKEND.pipeline().steps()) {
            assertThat(watched).doesNotContain(logicalId(step.function()));
        }
    }

    @Test
    void aUserErrorShareAboveItsUsualBandIsALowerSeverityNotice() {
        JsonNode notice = properties(MONITORING.userErrorShare());
        assertThat(notice.path("ComparisonOperator").asText()).isEqualTo("GreaterThanUpperThreshold");
        List<String> expressions = items(notice.path("Metrics")).stream()
                .map(query -> query.path("Expression").asText("")).filter(e -> !e.isEmpty()).toList();
        assertThat(expressions).anySatisfy(e -> assertThat(e).startsWith("ANOMALY_DETECTION_BAND("))
                .anySatisfy(e -> assertThat(e).isEqualTo("100 * users / (users + ours + successes)"));
        assertThat(metricsOf(notice)).contains(OperationalMetrics.NAMESPACE + "/JobOutcomes{OutcomeClass=\"user\"}");
    }

    @Test
    void throttlingPagesOnlyWhenSustainedAndThe5xxRateOnlyWithEnoughRequests() {
        for (Alarm alarm : MONITORING.systemFaults()) {
            String id = alarm.getNode().getId();
            JsonNode alarmProperties = properties(alarm);
            if (id.contains("Throttl")) {
                assertThat(alarmProperties.path("EvaluationPeriods").asInt()).as(id)
                        .isEqualTo(OperationsMonitoring.SUSTAINED_PERIODS);
                assertThat(alarmProperties.path("DatapointsToAlarm").asInt()).as(id)
                        .isEqualTo(OperationsMonitoring.SUSTAINED_PERIODS);
            }
            assertThat(alarmProperties.path("TreatMissingData").asText()).isEqualTo("notBreaching");
            assertThat(items(alarmProperties.path("Metrics")).stream().filter(query -> query.has("MetricStat")))
                    .as("CloudWatch's limit").hasSizeLessThanOrEqualTo(OperationsMonitoring.MAX_METRICS_PER_ALARM);
        }
        assertThat(systemFaults().get("Api5xxRate")).contains("IF(requests >= 20, errors / requests, 0)");
        assertThat(systemFaults().entrySet().stream().filter(e -> e.getKey().startsWith("TableThrottles"))
                .mapToLong(e -> e.getValue().stream().filter(m -> m.startsWith("AWS/DynamoDB")).count()).sum())
                .isEqualTo(2L * Tables.ALL.size());
    }

    @Test
    void endedExecutionsReachTheJobOutcomesFunctionWithRetriesAndADeadLetterQueue() {
        JsonNode rule = resources(TEMPLATE, "AWS::Events::Rule").values().stream()
                .filter(r -> r.at("/Properties/EventPattern/source/0").asText().equals(ExecutionStatusEvents.SOURCE))
                .findFirst().orElseThrow().path("Properties");
        assertThat(texts(rule.at("/EventPattern/detail-type"))).containsExactly(ExecutionStatusEvents.DETAIL_TYPE);
        assertThat(texts(rule.at("/EventPattern/detail/status")))
                .containsExactlyElementsOf(ExecutionStatusEvents.ENDED_STATUSES);
        assertThat(rule.at("/EventPattern/detail/stateMachineArn/0").toString())
                .contains(logicalId(BACKEND.pipeline().stateMachine()));
        JsonNode target = rule.at("/Targets/0");
        assertThat(target.path("Arn").toString())
                .contains(logicalId(BACKEND.backgroundFunctions().get(LambdaFunctions.JOB_OUTCOMES).alias()));
        assertThat(target.at("/RetryPolicy/MaximumRetryAttempts").asInt())
                .isEqualTo(ExecutionStatusEvents.RETRY_ATTEMPTS);
        assertThat(target.at("/DeadLetterConfig/Arn").toString()).isNotEmpty();
    }

    @Test
    void bothTopicsAreEncryptedAndMailTheConfiguredAddress() {
        for (var topic : List.of(MONITORING.alarmTopic(), MONITORING.noticeTopic())) {
            JsonNode topicProperties = properties(topic);
            String key = topicProperties.at("/KmsMasterKeyId/Fn::GetAtt/0").asText();
            assertThat(TEMPLATE.at("/Resources/" + key + "/Properties/EnableKeyRotation").asBoolean()).isTrue();
            assertThat(TEMPLATE.at("/Resources/" + key + "/Properties/KeyPolicy").toString())
                    .as("CloudWatch may encrypt notifications").contains("cloudwatch.amazonaws.com");
        }
        assertThat(resources(TEMPLATE, "AWS::SNS::Subscription").values()).hasSize(2).allSatisfy(subscription -> {
            assertThat(subscription.at("/Properties/Protocol").asText()).isEqualTo("email");
            assertThat(subscription.at("/Properties/Endpoint").asText()).isEqualTo(TestStages.ALARM_EMAIL);
        });
        assertThat(resources(TEMPLATE, "AWS::SNS::TopicPolicy").values()).hasSize(2).allSatisfy(policy ->
                assertThat(items(policy.at("/Properties/PolicyDocument/Statement"))).anySatisfy(statement ->
                        assertThat(statement.at("/Condition/Bool/aws:SecureTransport").asText()).isEqualTo("false")));
    }

    @Test
    void theDashboardTellsTheStoryFromUploadToPersona() {
        String body = only(TEMPLATE, "AWS::CloudWatch::Dashboard").at("/Properties/DashboardBody").toString();
        assertThat(body).contains("Upload → persona", "ExecutionsStarted", "UploadsRecognized", "PersonaBuilt",
                "Failures by code: the user's", "Failures by code: ours", "UploadToPersona", "StepDuration",
                "BytesIn", "RecordsRead", "RecordsRejected", "ApiRequests", "ApiLatency", "AuthorizerDenials",
                "ApproximateNumberOfMessagesVisible", "ExecutionThrottled", "ReadThrottleEvents", "ColdStart", "p99",
                "p50");
        assertThat(body).contains("SEARCH('{" + OperationalMetrics.NAMESPACE + ",OutcomeClass,Code} ");
        assertThat(texts(only(TEMPLATE, "AWS::CloudWatch::Dashboard").at("/Properties/DashboardName")))
                .containsExactly("persona-" + TestStages.STAGE + "-operations");
    }
}
