package dev.persona.infra.constructs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

import dev.persona.contracts.OperationalMetrics;
import dev.persona.contracts.OperationalMetrics.OutcomeClass;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigateway.RestApiBase;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmRule;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.AnomalyDetectionAlarm;
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
import software.amazon.awscdk.services.cloudwatch.SingleValueWidget;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
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
 * What operators watch, told as the pipeline's story: a dashboard of the upload → persona funnel, failures by code
 * (the user's and ours), step durations and throughput, the API, and queues and throttles; alarms that page only for
 * system faults; and a lower-severity notice when the share of user errors jumps.
 *
 * <p>Paging. Each system fault has a metric alarm without actions: job outcomes of the system class, executions that
 * timed out or were aborted, sustained throttling (Step Functions, functions, tables), the API's 5XX rate, errors of
 * the functions that take no user input, and any message in a dead-letter queue. One composite alarm over all of them
 * is the single page, to the alarm topic. A user's bad upload is the system working as designed: it is in none of
 * them (neither Step Functions' ExecutionsFailed nor the steps' Lambda Errors, which both count refused uploads).
 *
 * <p>Notice. An anomaly detection alarm on the share of jobs that end in a user error notifies the notice topic: a
 * jump can be a parser regression, worth a look by day, not a page by night.
 */
public final class OperationsMonitoring extends Construct {

    private static final MetricOptions SUM = MetricOptions.builder().statistic("Sum").build();
    private static final MetricOptions MAXIMUM = MetricOptions.builder().statistic("Maximum").build();
    private static final MetricOptions P50 = MetricOptions.builder().statistic("p50").build();
    private static final MetricOptions P99 = MetricOptions.builder().statistic("p99").build();
    /** CloudWatch's limit on the metrics of one alarm's math expression. */
    static final int MAX_METRICS_PER_ALARM = 10;
    /** Periods of throttling in a row that count as sustained, not a burst the retries absorb. */
    static final int SUSTAINED_PERIODS = 3;
    /** The 5XX share of API responses that pages, once enough requests were served to make a share meaningful. */
    static final double API_5XX_RATE = 0.05;
    static final int API_5XX_MINIMUM_REQUESTS = 20;
    /** Standard deviations above the expected user-error share that notify. */
    static final int USER_ERROR_SHARE_STD_DEVS = 3;

    /**
     * A dead-letter queue whose messages are work a service gave up on.
     *
     * @param id          the alarm's construct id
     * @param description what a message there means
     * @param queue       the queue
     */
    public record WatchedQueue(String id, String description, IQueue queue) {

        public WatchedQueue {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(queue, "queue");
        }
    }

    /**
     * @param dashboardName    name of the dashboard. Required
     * @param alarmEmail       address subscribed to the alarm and notice topics. Required
     * @param stateMachine     the pipeline's state machine. Required
     * @param functions        every function, by label. Required
     * @param faultOnError     the functions that take no user input, by label: any error of theirs is ours. Default
     *                         none
     * @param api              the REST API. Required
     * @param queues           the dead-letter queues. Required
     * @param tables           the tables, by label. Required
     * @param period           evaluation period of every alarm. Default 5 minutes
     */
    public record Props(
            String dashboardName,
            String alarmEmail,
            IStateMachine stateMachine,
            Map<String, JavaFunction> functions,
            Map<String, JavaFunction> faultOnError,
            RestApiBase api,
            List<WatchedQueue> queues,
            Map<String, DataTable> tables,
            Duration period) {

        public Props {
            Objects.requireNonNull(dashboardName, "dashboardName");
            Objects.requireNonNull(alarmEmail, "alarmEmail");
            Objects.requireNonNull(stateMachine, "stateMachine");
            functions = Map.copyOf(functions);
            faultOnError = faultOnError == null ? Map.of() : Map.copyOf(faultOnError);
            Objects.requireNonNull(api, "api");
            queues = List.copyOf(queues);
            tables = Map.copyOf(tables);
            period = period == null ? Duration.minutes(5) : period;
        }
    }

    private final Duration period;
    private final Topic alarmTopic;
    private final Topic noticeTopic;
    private final List<Alarm> systemFaults = new ArrayList<>();
    private final CompositeAlarm page;
    private final AnomalyDetectionAlarm userErrorShare;

    public OperationsMonitoring(Construct scope, String id, Props props) {
        super(scope, id);
        period = props.period();
        Key topicKey = Key.Builder.create(this, "AlarmTopicKey")
                .description("Encrypts the persona-pipeline alarm and notice topics")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // CloudWatch encrypts the alarm notifications it publishes with this key.
        topicKey.grant(new ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey");
        alarmTopic = topic("AlarmTopic", "persona-pipeline pages: system faults", topicKey, props.alarmEmail());
        noticeTopic = topic("NoticeTopic", "persona-pipeline notices: unusual user errors", topicKey,
                props.alarmEmail());

        Map<String, JavaFunction> functions = new TreeMap<>(props.functions());
        Map<String, DataTable> tables = new TreeMap<>(props.tables());
        IStateMachine stateMachine = props.stateMachine();
        RestApiBase api = props.api();

        fault("SystemErrorJobs", "Jobs failed on our side (InternalError: a step's unexpected error or storage "
                + "failing after retries, a timeout or an abort); the execution history names the real error.", 1,
                List.of(jobOutcomes(OutcomeClass.SYSTEM)));
        fault("ExecutionsTimedOutOrAborted", "Pipeline executions timed out or were stopped: no catcher recorded a "
                + "failure on their jobs.", 1, List.of(stateMachine.metricTimedOut(SUM), stateMachine.metricAborted(SUM)));
        fault("PipelineThrottled", "Step Functions throttled pipeline executions for " + SUSTAINED_PERIODS
                + " periods in a row.", SUSTAINED_PERIODS, List.of(stateMachine.metricThrottled(SUM)));
        fault("FunctionThrottles", "Functions were throttled for " + SUSTAINED_PERIODS + " periods in a row: "
                + String.join(", ", functions.keySet()) + ".", SUSTAINED_PERIODS,
                functions.values().stream().map(function -> function.function().metricThrottles(SUM)).toList());
        fault("TableThrottles", "DynamoDB throttled reads or writes for " + SUSTAINED_PERIODS + " periods in a row: "
                + String.join(", ", tables.keySet()) + ".", SUSTAINED_PERIODS,
                tables.values().stream().flatMap(table -> throttleEvents(table).stream()).toList());
        apiServerErrorRate(api);
        if (!props.faultOnError().isEmpty()) {
            fault("BackgroundFunctionErrors", "Functions that take no user input ended with an error: "
                    + String.join(", ", new TreeMap<>(props.faultOnError()).keySet()) + ".", 1,
                    new TreeMap<>(props.faultOnError()).values().stream()
                            .map(function -> function.function().metricErrors(SUM)).toList());
        }
        for (WatchedQueue queue : props.queues()) {
            fault(queue.id(), queue.description(), 1,
                    List.of(queue.queue().metricApproximateNumberOfMessagesVisible(MAXIMUM)));
        }
        page = CompositeAlarm.Builder.create(this, "SystemFault")
                .alarmDescription("The page: a system fault (see the alarm in ALARM state among this one's rule).")
                .alarmRule(AlarmRule.anyOf(systemFaults.toArray(IAlarmRule[]::new)))
                .build();
        page.addAlarmAction(new SnsAction(alarmTopic));

        userErrorShare = AnomalyDetectionAlarm.Builder.create(this, "UserErrorShare")
                .alarmDescription("The share of jobs ending in a user error rose above its usual band: a parser "
                        + "regression, or a new export format users try. The dashboard breaks it down by code.")
                .metric(userErrorPercent())
                .stdDevs(USER_ERROR_SHARE_STD_DEVS)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_UPPER_THRESHOLD)
                .evaluationPeriods(SUSTAINED_PERIODS)
                .datapointsToAlarm(2)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        userErrorShare.addAlarmAction(new SnsAction(noticeTopic));

        List<IAlarm> shown = new ArrayList<>(List.of(page, userErrorShare));
        shown.addAll(systemFaults);
        Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(props.dashboardName())
                .widgets(List.of(
                        List.of(AlarmStatusWidget.Builder.create().title("Page and notice, and what pages")
                                .alarms(shown).width(24).build()),
                        funnel(stateMachine),
                        List.of(graph("Failures by code: the user's (not paging)", List.of(
                                        search(OperationalMetrics.JOB_OUTCOMES, "Sum",
                                                OperationalMetrics.OUTCOME_CLASS, OperationalMetrics.CODE,
                                                OperationalMetrics.OUTCOME_CLASS + "=\"user\"")), 8),
                                graph("Failures by code: ours (paging)", List.of(
                                        search(OperationalMetrics.JOB_OUTCOMES, "Sum",
                                                OperationalMetrics.OUTCOME_CLASS, OperationalMetrics.CODE,
                                                OperationalMetrics.OUTCOME_CLASS + "=\"system\""),
                                        stateMachine.metricTimedOut(SUM), stateMachine.metricAborted(SUM)), 8),
                                graph("Upload to persona (p50, p99)", List.of(
                                        business(OperationalMetrics.UPLOAD_TO_PERSONA, P50, successClass()),
                                        business(OperationalMetrics.UPLOAD_TO_PERSONA, P99, successClass())), 8)),
                        List.of(graph("Step duration (p50, p99)", List.of(
                                        search(OperationalMetrics.STEP_DURATION, "p50", OperationalMetrics.STEP),
                                        search(OperationalMetrics.STEP_DURATION, "p99", OperationalMetrics.STEP)), 8),
                                graph("Throughput: bytes and records read per step", List.of(
                                        search(OperationalMetrics.BYTES_IN, "Sum", OperationalMetrics.STEP),
                                        search(OperationalMetrics.RECORDS_READ, "Sum", OperationalMetrics.STEP)), 8),
                                graph("Records rejected by reason", List.of(
                                        search(OperationalMetrics.RECORDS_REJECTED, "Sum", OperationalMetrics.REASON,
                                                OperationalMetrics.STEP)), 8)),
                        List.of(graph("API responses by status class", List.of(
                                        search(OperationalMetrics.API_REQUESTS, "Sum",
                                                OperationalMetrics.STATUS_CLASS)), 8),
                                graph("API latency by route (p99)", List.of(
                                        search(OperationalMetrics.API_LATENCY, "p99", OperationalMetrics.ROUTE,
                                                OperationalMetrics.STATUS_CLASS)), 8),
                                graph("Authorizer denials by reason", List.of(
                                        search(OperationalMetrics.AUTHORIZER_DENIALS, "Sum",
                                                OperationalMetrics.REASON)), 8)),
                        List.of(graph("Dead-letter queues", props.queues().stream().map(queue ->
                                        (IMetric) queue.queue().metricApproximateNumberOfMessagesVisible(
                                                MetricOptions.builder().statistic("Maximum").label(queue.id())
                                                        .build())).toList(), 8),
                                graph("Throttles: Step Functions, functions, tables", throttles(stateMachine,
                                        functions, tables), 8),
                                graph("Cold starts and function duration (p99)", List.of(
                                        search(OperationalMetrics.COLD_START, "Sum", "FunctionName", "Service"),
                                        searchAws("AWS/Lambda", "Duration", "p99", "FunctionName")), 8)),
                        List.of(TextWidget.Builder.create().width(24).height(2).markdown(
                                "Business metrics are in the `" + OperationalMetrics.NAMESPACE + "` namespace "
                                        + "(EMF from the functions' logs). The page is the composite alarm "
                                        + "**SystemFault**; user errors only notify, through **UserErrorShare**.")
                                .build())))
                .build();
    }

    private Topic topic(String id, String displayName, Key key, String email) {
        Topic topic = Topic.Builder.create(this, id)
                .displayName(displayName)
                .masterKey(key)
                .enforceSsl(true)
                .build();
        topic.addSubscription(new EmailSubscription(email));
        return topic;
    }

    /** Jobs in and out: uploads that started an execution, uploads recognized, personas, and the two failure kinds. */
    private List<IWidget> funnel(IStateMachine stateMachine) {
        return List.of(SingleValueWidget.Builder.create()
                .title("Upload → persona")
                .metrics(List.of(
                        stateMachine.metricStarted(MetricOptions.builder().statistic("Sum").label("Uploads").build()),
                        sumOfSearch("Recognized", OperationalMetrics.UPLOADS_RECOGNIZED, OperationalMetrics.FORMAT,
                                OperationalMetrics.SOURCE),
                        business(OperationalMetrics.JOB_OUTCOMES, MetricOptions.builder().statistic("Sum")
                                .label("Personas").build(), Map.of(OperationalMetrics.OUTCOME_CLASS,
                                OutcomeClass.SUCCESS.wireName(), OperationalMetrics.CODE,
                                OperationalMetrics.PERSONA_BUILT)),
                        jobOutcomes(OutcomeClass.USER).with(MetricOptions.builder().label("User errors").build()),
                        jobOutcomes(OutcomeClass.SYSTEM).with(MetricOptions.builder().label("Our errors").build())))
                .setPeriodToTimeRange(true)
                .width(24)
                .height(4)
                .build());
    }

    /** A system fault: a metric alarm on the sum of its metrics, without an action of its own; the page is theirs. */
    private void fault(String id, String description, int periods, List<? extends IMetric> metrics) {
        for (int from = 0, part = 1; from < metrics.size(); from += MAX_METRICS_PER_ALARM, part++) {
            List<? extends IMetric> group = metrics.subList(from, Math.min(metrics.size(),
                    from + MAX_METRICS_PER_ALARM));
            boolean split = metrics.size() > MAX_METRICS_PER_ALARM;
            systemFaults.add(Alarm.Builder.create(this, split ? id + "Part" + part : id)
                    .metric(total(id, group))
                    .alarmDescription(split ? description + " (group " + part + ")" : description)
                    .threshold(1)
                    .evaluationPeriods(periods)
                    .datapointsToAlarm(periods)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                    .treatMissingData(TreatMissingData.NOT_BREACHING)
                    .build());
        }
    }

    /** The API's 5XX share, over the periods with enough requests for a share to mean something. */
    private void apiServerErrorRate(RestApiBase api) {
        MathExpression rate = MathExpression.Builder.create()
                .expression("IF(requests >= " + API_5XX_MINIMUM_REQUESTS + ", errors / requests, 0)")
                .usingMetrics(new TreeMap<>(Map.of("errors", api.metricServerError(SUM),
                        "requests", api.metricCount(SUM))))
                .label("5XX share")
                .period(period)
                .build();
        systemFaults.add(Alarm.Builder.create(this, "Api5xxRate")
                .metric(rate)
                .alarmDescription("More than " + Math.round(API_5XX_RATE * 100) + " % of API responses were server "
                        + "errors (5XX), in a period with at least " + API_5XX_MINIMUM_REQUESTS + " requests.")
                .threshold(API_5XX_RATE)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build());
    }

    /** Percent of ended jobs that ended in a user error. */
    private MathExpression userErrorPercent() {
        return MathExpression.Builder.create()
                .expression("100 * users / (users + ours + successes)")
                .usingMetrics(new TreeMap<>(Map.of("users", jobOutcomes(OutcomeClass.USER),
                        "ours", jobOutcomes(OutcomeClass.SYSTEM), "successes", jobOutcomes(OutcomeClass.SUCCESS))))
                .label("User errors, % of jobs")
                .period(period)
                .build();
    }

    private IMetric total(String id, List<? extends IMetric> metrics) {
        if (metrics.size() == 1) {
            return metrics.get(0) instanceof Metric metric
                    ? metric.with(MetricOptions.builder().period(period).build()) : metrics.get(0);
        }
        Map<String, IMetric> usingMetrics = new LinkedHashMap<>();
        for (int i = 0; i < metrics.size(); i++) {
            usingMetrics.put("m" + i, metrics.get(i));
        }
        return MathExpression.Builder.create()
                .expression("SUM([" + String.join(",", usingMetrics.keySet()) + "])")
                .usingMetrics(usingMetrics)
                .label(id)
                .period(period)
                .build();
    }

    private Metric jobOutcomes(OutcomeClass outcomeClass) {
        return business(OperationalMetrics.JOB_OUTCOMES, SUM,
                Map.of(OperationalMetrics.OUTCOME_CLASS, outcomeClass.wireName()));
    }

    private static Map<String, String> successClass() {
        return Map.of(OperationalMetrics.OUTCOME_CLASS, OutcomeClass.SUCCESS.wireName());
    }

    private Metric business(String name, MetricOptions options, Map<String, String> dimensions) {
        return Metric.Builder.create()
                .namespace(OperationalMetrics.NAMESPACE)
                .metricName(name)
                .dimensionsMap(new TreeMap<>(dimensions))
                .statistic(options.getStatistic())
                .label(options.getLabel())
                .period(period)
                .build();
    }

    /** Every series of a business metric with exactly these dimensions (a CloudWatch SEARCH expression). */
    private MathExpression search(String metric, String statistic, String... dimensionsAndFilters) {
        List<String> dimensions = new ArrayList<>();
        List<String> filters = new ArrayList<>();
        for (String part : dimensionsAndFilters) {
            (part.contains("=") ? filters : dimensions).add(part);
        }
        return expression(searchOf(OperationalMetrics.NAMESPACE, dimensions, metric, filters, statistic), "");
    }

    private MathExpression searchAws(String namespace, String metric, String statistic, String dimension) {
        return expression(searchOf(namespace, List.of(dimension), metric, List.of(), statistic), "");
    }

    private MathExpression sumOfSearch(String label, String metric, String... dimensions) {
        return expression("SUM(" + searchOf(OperationalMetrics.NAMESPACE, List.of(dimensions), metric, List.of(),
                "Sum") + ")", label);
    }

    /** {@code SEARCH('{namespace,dimensions…} MetricName="metric" filters…', 'statistic', period)}. */
    private String searchOf(String namespace, List<String> dimensions, String metric, List<String> filters,
                            String statistic) {
        String query = "{" + namespace + "," + String.join(",", dimensions) + "} MetricName=\"" + metric + "\""
                + filters.stream().map(filter -> " " + filter).reduce("", String::concat);
        return "SEARCH('" + query + "', '" + statistic + "', " + period.toSeconds().intValue() + ")";
    }

    private MathExpression expression(String expression, String label) {
        return MathExpression.Builder.create()
                .expression(expression)
                .usingMetrics(Map.of())
                .label(label)
                .period(period)
                .build();
    }

    private static List<IMetric> throttles(IStateMachine stateMachine, Map<String, JavaFunction> functions,
                                           Map<String, DataTable> tables) {
        List<IMetric> metrics = new ArrayList<>();
        metrics.add(stateMachine.metricThrottled(MetricOptions.builder().statistic("Sum").label("Step Functions")
                .build()));
        metrics.addAll(labelled(functions, function -> function.function().metricThrottles(SUM)));
        tables.forEach((label, table) -> throttleEvents(table).forEach(metric ->
                metrics.add(metric.with(MetricOptions.builder().label(label + " " + metric.getMetricName()).build()))));
        return metrics;
    }

    private static List<Metric> throttleEvents(DataTable table) {
        return List.of(table.table().metric("ReadThrottleEvents", SUM),
                table.table().metric("WriteThrottleEvents", SUM));
    }

    private static List<IMetric> labelled(Map<String, JavaFunction> functions, Function<JavaFunction, Metric> metric) {
        return functions.entrySet().stream()
                .map(entry -> (IMetric) metric.apply(entry.getValue()).with(MetricOptions.builder()
                        .label(entry.getKey()).build()))
                .toList();
    }

    private static IWidget graph(String title, List<? extends IMetric> metrics, int width) {
        return GraphWidget.Builder.create().title(title).left(metrics).width(width).height(6).build();
    }

    /** Where the page goes: system faults only. */
    public ITopic alarmTopic() {
        return alarmTopic;
    }

    /** Where lower-severity notices go. */
    public ITopic noticeTopic() {
        return noticeTopic;
    }

    /** The single paging alarm. */
    public CompositeAlarm page() {
        return page;
    }

    /** The metric alarms the page is made of, one per system fault (or per group of a fault's metrics). */
    public List<Alarm> systemFaults() {
        return List.copyOf(systemFaults);
    }

    /** The notice on the share of user errors. */
    public AnomalyDetectionAlarm userErrorShare() {
        return userErrorShare;
    }
}
