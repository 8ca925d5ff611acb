package dev.persona.aws;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.persona.api.Job;
import dev.persona.api.JobCursor;
import dev.persona.api.JobRepository;
import dev.persona.contracts.JobAttributes;
import dev.persona.contracts.JobStatus;
import dev.persona.contracts.Tables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import static dev.persona.aws.DynamoItems.number;
import static dev.persona.aws.DynamoItems.string;

/** {@link JobRepository} on the jobs table ({@link Tables#JOBS}). */
public final class DynamoJobRepository implements JobRepository {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoJobRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void create(Job job) {
        dynamo.putItem(put -> put.tableName(table)
                .item(item(job))
                .conditionExpression("attribute_not_exists(#job)")
                .expressionAttributeNames(Map.of("#job", JobAttributes.JOB_ID)));
    }

    @Override
    public Optional<Job> find(String userId, String jobId) {
        return DynamoItems.find(dynamo, Tables.JOBS, table, userId, jobId).map(DynamoJobRepository::job);
    }

    @Override
    public Page list(String userId, int limit, JobCursor after) {
        QueryResponse response = dynamo.query(query -> DynamoItems.userPartition(query, Tables.JOBS, userId)
                .tableName(table)
                .indexName(Tables.BY_CREATED_AT)
                .scanIndexForward(false)
                .limit(limit)
                .exclusiveStartKey(after == null ? null : Map.of(
                        JobAttributes.USER_ID, AttributeValue.fromS(userId),
                        JobAttributes.JOB_ID, AttributeValue.fromS(after.jobId()),
                        JobAttributes.CREATED_AT, AttributeValue.fromS(after.createdAt()))));
        List<Job> jobs = response.items().stream().map(DynamoJobRepository::job).toList();
        Map<String, AttributeValue> last = response.lastEvaluatedKey();
        Optional<JobCursor> next = last == null || last.isEmpty() ? Optional.empty()
                : Optional.of(new JobCursor(userId, string(last, JobAttributes.CREATED_AT),
                        string(last, JobAttributes.JOB_ID)));
        return new Page(jobs, next);
    }

    @Override
    public int deleteAll(String userId) {
        return DynamoItems.deleteAllOfUser(dynamo, Tables.JOBS, table, userId);
    }

    private static Map<String, AttributeValue> item(Job job) {
        Map<String, AttributeValue> item = new HashMap<>(DynamoItems.key(Tables.JOBS, job.userId(), job.jobId()));
        item.put(JobAttributes.STATUS, AttributeValue.fromS(job.status().name()));
        item.put(JobAttributes.CREATED_AT, AttributeValue.fromS(job.createdAt()));
        item.put(JobAttributes.UPDATED_AT, AttributeValue.fromS(job.updatedAt()));
        item.put(JobAttributes.FILENAME, AttributeValue.fromS(job.filename()));
        item.put(JobAttributes.CONTENT_TYPE, AttributeValue.fromS(job.contentType()));
        item.put(JobAttributes.DECLARED_SIZE_BYTES, AttributeValue.fromN(job.declaredSizeBytes().toString()));
        item.put(JobAttributes.OBJECT_KEY, AttributeValue.fromS(job.objectKey()));
        item.put(JobAttributes.EXPIRES_AT, AttributeValue.fromN(job.expiresAt().toString()));
        return item;
    }

    private static Job job(Map<String, AttributeValue> item) {
        return new Job(
                string(item, JobAttributes.USER_ID),
                string(item, JobAttributes.JOB_ID),
                JobStatus.valueOf(string(item, JobAttributes.STATUS)),
                string(item, JobAttributes.STEP),
                string(item, JobAttributes.CREATED_AT),
                string(item, JobAttributes.UPDATED_AT),
                string(item, JobAttributes.QUEUED_AT),
                string(item, JobAttributes.FINISHED_AT),
                string(item, JobAttributes.FILENAME),
                string(item, JobAttributes.CONTENT_TYPE),
                number(item, JobAttributes.DECLARED_SIZE_BYTES),
                string(item, JobAttributes.OBJECT_KEY),
                number(item, JobAttributes.OBJECT_SIZE),
                string(item, JobAttributes.DETECTED_FORMAT),
                number(item, JobAttributes.RECORDS_READ),
                number(item, JobAttributes.RECORDS_KEPT),
                number(item, JobAttributes.RECORDS_REJECTED),
                number(item, JobAttributes.DUPLICATES_REMOVED),
                number(item, JobAttributes.RECORDS_CATEGORIZED),
                string(item, JobAttributes.PERSONA_KEY),
                string(item, JobAttributes.ARCHETYPE),
                string(item, JobAttributes.ERROR_CODE),
                string(item, JobAttributes.ERROR_MESSAGE),
                number(item, JobAttributes.EXPIRES_AT));
    }
}
