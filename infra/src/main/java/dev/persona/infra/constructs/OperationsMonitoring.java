package dev.persona.infra.constructs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigateway.RestApiBase;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmRule;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.CompositeAlarm;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IAlarmRule;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * What operators watch: a CloudWatch dashboard of the pipeline (executions and their duration), the
 * functions (errors, throttles, p99 duration), the API (4XX, 5XX, p99 latency), DynamoDB throttling and
 * the dead-letter queue; and alarms on pipeline failures and throttling, function errors and throttles,
 * API 5XX, DynamoDB throttling and any message in the dead-letter queue, all sent to an encrypted SNS
 * topic with an e-mail subscription.
 *
 * <p>Alarms over several functions or tables sum their metrics, so one alarm covers a concern and the
 * dashboard shows which resource raised it.
 */
public final class OperationsMonitoring extends Construct {

    private static final MetricOptions SUM = MetricOptions.builder().statistic("Sum").build();
    private static final MetricOptions P99 = MetricOptions.builder().statistic("p99").build();

    private final Topic alarmTopic;
    /** CloudWatch's limit on the metrics of one alarm's math expression. */
    static final int MAX_METRICS_PER_ALARM = 10;

    private final List<IAlarm> alarms = new ArrayList<>();

    /**
     * @param dashboardName   name of the dashboard. Required
     * @param alarmEmail      address subscribed to the alarm topic. Required
     * @param stateMachine    the pipeline's state machine. Required
     * @param functions       every function, by label. Required
     * @param api             the REST API. Required
     * @param deadLetterQueue the pipeline's dead-letter queue. Required
     * @param tables          the tables, by label. Required
     * @param period          evaluation period of every alarm. Default 5 minutes
     */
    public record Props(
            String dashboardName,
            String alarmEmail,
            IStateMachine stateMachine,
            Map<String, JavaFunction> functions,
            RestApiBase api,
            IQueue deadLetterQueue,
            Map<String, DataTable> tables,
            Duration period) {

        public Props {
            Objects.requireNonNull(dashboardName, "dashboardName");
            Objects.requireNonNull(alarmEmail, "alarmEmail");
            Objects.requireNonNull(stateMachine, "stateMachine");
            functions = Map.copyOf(functions);
            Objects.requireNonNull(api, "api");
            Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
            tables = Map.copyOf(tables);
            period = period == null ? Duration.minutes(5) : period;
        }
    }

    private final Duration period;

    public OperationsMonitoring(Construct scope, String id, Props props) {
        super(scope, id);
        Key topicKey = Key.Builder.create(this, "AlarmTopicKey")
                .description("Encrypts the persona-pipeline alarm topic")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // CloudWatch encrypts the alarm notifications it publishes with this key.
        topicKey.grant(new ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey");
        alarmTopic = Topic.Builder.create(this, "AlarmTopic")
                .displayName("persona-pipeline alarms")
                .masterKey(topicKey)
                .enforceSsl(true)
                .build();
        alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail()));

        Map<String, JavaFunction> functions = new TreeMap<>(props.functions());
        Map<String, DataTable> tables = new TreeMap<>(props.tables());
        IStateMachine stateMachine = props.stateMachine();
        RestApiBase api = props.api();
        Duration period = props.period();
        this.period = period;

        alarm("PipelineFailures", "Pipeline executions failed, timed out or were aborted (rejected uploads "
                + "included: the job's errorCode tells them apart).", period, List.of(
                stateMachine.metricFailed(SUM), stateMachine.metricTimedOut(SUM), stateMachine.metricAborted(SUM)));
        alarm("PipelineThrottled", "Step Functions throttled pipeline executions.", period,
                List.of(stateMachine.metricThrottled(SUM)));
        alarm("FunctionErrors", "Functions ended with an error: " + String.join(", ", functions.keySet()) + ".",
                period, perFunction(functions, function -> function.function().metricErrors(SUM)));
        alarm("FunctionThrottles", "Functions were throttled: " + String.join(", ", functions.keySet()) + ".",
                period, perFunction(functions, function -> function.function().metricThrottles(SUM)));
        alarm("Api5xx", "The API answered with server errors (5XX).", period, List.of(api.metricServerError(SUM)));
        alarm("TableThrottles", "DynamoDB throttled reads or writes: " + String.join(", ", tables.keySet()) + ".",
                period, tables.values().stream().flatMap(table -> throttleEvents(table).stream()).toList());
        alarm("UndeliveredUploadEvents", "Upload events could not start the pipeline and wait in the "
                + "dead-letter queue: their uploads are not processed.", period, List.of(
                props.deadLetterQueue().metricApproximateNumberOfMessagesVisible(
                        MetricOptions.builder().statistic("Maximum").build())));

        Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(props.dashboardName())
                .widgets(List.of(
                        List.of(AlarmStatusWidget.Builder.create().title("Alarms").alarms(alarms).width(24).build()),
                        List.of(graph("Pipeline executions", List.of(stateMachine.metricStarted(SUM),
                                        stateMachine.metricSucceeded(SUM), stateMachine.metricFailed(SUM),
                                        stateMachine.metricTimedOut(SUM)), 12),
                                graph("Pipeline execution duration (p50, p99)", List.of(
                                        stateMachine.metricTime(MetricOptions.builder().statistic("p50").build()),
                                        stateMachine.metricTime(P99)), 12)),
                        List.of(graph("Function errors",
                                        labelled(functions, f -> f.function().metricErrors(SUM)), 8),
                                graph("Function throttles",
                                        labelled(functions, f -> f.function().metricThrottles(SUM)), 8),
                                graph("Function duration (p99)",
                                        labelled(functions, f -> f.function().metricDuration(P99)), 8)),
                        List.of(graph("API errors (4XX, 5XX)", List.of(api.metricClientError(SUM),
                                        api.metricServerError(SUM)), 12),
                                graph("API latency (p99)", List.of(api.metricLatency(P99),
                                        api.metricIntegrationLatency(P99)), 12)),
                        List.of(graph("DynamoDB throttle events", tables.values().stream()
                                        .flatMap(table -> throttleEvents(table).stream()).toList(), 12),
                                graph("Dead-letter queue depth", List.of(props.deadLetterQueue()
                                        .metricApproximateNumberOfMessagesVisible()), 12))))
                .build();
    }

    /**
     * One alarm for a concern, on the sum of its metrics. CloudWatch allows at most {@value #MAX_METRICS_PER_ALARM}
     * metrics in an alarm's math expression: a concern over more (the functions) is watched by one alarm per group
     * of them, and a composite alarm named for the concern, in alarm when any group is, is the one that notifies.
     */
    private void alarm(String id, String description, Duration period, List<Metric> metrics) {
        if (metrics.size() <= MAX_METRICS_PER_ALARM) {
            Alarm alarm = metricAlarm(id, description, period, metrics);
            alarm.addAlarmAction(new SnsAction(alarmTopic));
            alarms.add(alarm);
            return;
        }
        List<IAlarmRule> parts = new ArrayList<>();
        for (int from = 0, part = 1; from < metrics.size(); from += MAX_METRICS_PER_ALARM, part++) {
            List<Metric> group = metrics.subList(from, Math.min(metrics.size(), from + MAX_METRICS_PER_ALARM));
            parts.add(metricAlarm(id + "Part" + part, description + " (group " + part + ")", period, group));
        }
        CompositeAlarm composite = CompositeAlarm.Builder.create(this, id)
                .alarmDescription(description)
                .alarmRule(AlarmRule.anyOf(parts.toArray(IAlarmRule[]::new)))
                .build();
        composite.addAlarmAction(new SnsAction(alarmTopic));
        alarms.add(composite);
    }

    private Alarm metricAlarm(String id, String description, Duration period, List<Metric> metrics) {
        Map<String, IMetric> usingMetrics = new LinkedHashMap<>();
        for (int i = 0; i < metrics.size(); i++) {
            usingMetrics.put("m" + i, metrics.get(i));
        }
        IMetric total = metrics.size() == 1
                ? metrics.get(0).with(MetricOptions.builder().period(period).build())
                : MathExpression.Builder.create()
                .expression("SUM([" + String.join(",", usingMetrics.keySet()) + "])")
                .usingMetrics(usingMetrics)
                .label(id)
                .period(period)
                .build();
        return Alarm.Builder.create(this, id)
                .metric(total)
                .alarmDescription(description)
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    private static List<Metric> throttleEvents(DataTable table) {
        return List.of(table.table().metric("ReadThrottleEvents", SUM),
                table.table().metric("WriteThrottleEvents", SUM));
    }

    private static List<Metric> perFunction(Map<String, JavaFunction> functions,
            Function<JavaFunction, Metric> metric) {
        return functions.values().stream().map(metric).toList();
    }

    private static List<IMetric> labelled(Map<String, JavaFunction> functions,
            Function<JavaFunction, Metric> metric) {
        return functions.entrySet().stream()
                .map(entry -> (IMetric) metric.apply(entry.getValue()).with(MetricOptions.builder()
                        .label(entry.getKey()).build()))
                .collect(Collectors.toList());
    }

    private static IWidget graph(String title, List<? extends IMetric> metrics, int width) {
        return GraphWidget.Builder.create().title(title).left(metrics).width(width).height(6).build();
    }

    /**
     * An alarm when {@code queue} holds a message: work a service gave up on (an event not delivered, a stream record
     * not processed) waits there for someone to look.
     */
    public void alarmOnQueue(String id, String description, IQueue queue) {
        alarm(id, description, period, List.of(queue.metricApproximateNumberOfMessagesVisible(
                MetricOptions.builder().statistic("Maximum").build())));
    }

    public ITopic alarmTopic() {
        return alarmTopic;
    }

    public List<IAlarm> alarms() {
        return List.copyOf(alarms);
    }
}
