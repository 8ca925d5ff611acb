package dev.persona.infra.constructs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.QueryDefinition;
import software.amazon.awscdk.services.logs.QueryString;
import software.constructs.Construct;

/**
 * Saved CloudWatch Logs Insights queries, one per question an operator asks, over the functions' structured logs
 * (one JSON object per line: {@code level}, {@code service}, {@code logger}, {@code message}, {@code requestId},
 * {@code jobId}, {@code userId}, {@code executionArn}, and per line its counts, {@code durationMs}, {@code errorCode})
 * and the state machine's execution logs. Saved queries take no parameters: the ones about one job or one
 * execution name a placeholder to replace in the console (the README says how to follow a job).
 */
public final class LogsInsightsQueries extends Construct {

    /** What the job-scoped queries filter on until an operator puts the real id in. */
    public static final String JOB_ID_PLACEHOLDER = "JOB_ID";
    /** What the execution query filters on until an operator puts the real ARN in. */
    public static final String EXECUTION_ARN_PLACEHOLDER = "EXECUTION_ARN";

    private final List<QueryDefinition> queries = new ArrayList<>();

    /**
     * @param folder        the console folder (name prefix before {@code /}) the queries are saved in, such as
     *                      {@code persona-prod}. Required
     * @param functionLogs  the log groups of every function. Required, not empty
     * @param executionLogs the state machine's execution log group. Required
     */
    public record Props(String folder, List<ILogGroup> functionLogs, ILogGroup executionLogs) {

        public Props {
            Objects.requireNonNull(folder, "folder");
            Objects.requireNonNull(executionLogs, "executionLogs");
            functionLogs = List.copyOf(functionLogs);
            if (functionLogs.isEmpty()) {
                throw new IllegalArgumentException("functionLogs must name at least one log group");
            }
        }
    }

    public LogsInsightsQueries(Construct scope, String id, Props props) {
        super(scope, id);
        save("JobStory", props.folder() + "/job-story", props.functionLogs(), QueryString.Builder.create()
                .fields(List.of("@timestamp", "service", "level", "message", "requestId", "executionArn", "errorCode",
                        "durationMs"))
                .filterStatements(List.of("jobId = \"" + JOB_ID_PLACEHOLDER + "\""))
                .sort("@timestamp asc")
                .limit(1000)
                .build());
        save("ExecutionEvents", props.folder() + "/execution-events", List.of(props.executionLogs()),
                QueryString.Builder.create()
                        .fields(List.of("@timestamp", "type", "details.name", "details.error", "details.cause"))
                        .filterStatements(List.of("execution_arn = \"" + EXECUTION_ARN_PLACEHOLDER + "\""))
                        .sort("@timestamp asc")
                        .limit(1000)
                        .build());
        save("FailuresByCode", props.folder() + "/failures-by-code", props.functionLogs(), QueryString.Builder.create()
                .filterStatements(List.of("message = \"Step failed\""))
                .stats("count(*) as failures by errorCode, service")
                .sort("failures desc")
                .build());
        save("UnexpectedErrors", props.folder() + "/unexpected-errors", props.functionLogs(),
                QueryString.Builder.create()
                        .fields(List.of("@timestamp", "service", "message", "errorType", "errorMessage", "jobId",
                                "requestId", "executionArn"))
                        .filterStatements(List.of("level = \"ERROR\""))
                        .sort("@timestamp desc")
                        .limit(200)
                        .build());
        save("StepDurations", props.folder() + "/step-durations", props.functionLogs(), QueryString.Builder.create()
                .filterStatements(List.of("message = \"Step succeeded\""))
                .stats("pct(durationMs, 50) as p50, pct(durationMs, 99) as p99, count(*) as runs by service")
                .sort("p99 desc")
                .build());
    }

    private void save(String id, String name, List<ILogGroup> logGroups, QueryString query) {
        queries.add(QueryDefinition.Builder.create(this, id)
                .queryDefinitionName(name)
                .logGroups(logGroups)
                .queryString(query)
                .build());
    }

    /** The saved queries, in the order above. */
    public List<QueryDefinition> queries() {
        return List.copyOf(queries);
    }
}
