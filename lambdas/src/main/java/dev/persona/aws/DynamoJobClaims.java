package dev.persona.aws;

import java.util.Map;
import java.util.Optional;

import dev.persona.contracts.JobAttributes;
import dev.persona.contracts.JobStatus;
import dev.persona.pipeline.discard.JobClaim;
import dev.persona.pipeline.discard.JobClaims;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link JobClaims} in the jobs table: one strongly consistent GetItem of the attributes the clean-up needs. */
public final class DynamoJobClaims implements JobClaims {

    private final DynamoDbClient dynamo;
    private final String tableName;

    public DynamoJobClaims(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
    }

    @Override
    public Optional<JobClaim> find(String userId, String jobId) {
        Map<String, AttributeValue> item = dynamo.getItem(get -> get.tableName(tableName).consistentRead(true)
                .key(Map.of(JobAttributes.USER_ID, AttributeValue.fromS(userId),
                        JobAttributes.JOB_ID, AttributeValue.fromS(jobId)))
                .projectionExpression("#status, #key, #version")
                .expressionAttributeNames(Map.of("#status", JobAttributes.STATUS, "#key", JobAttributes.OBJECT_KEY,
                        "#version", JobAttributes.OBJECT_VERSION_ID))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new JobClaim(JobStatus.valueOf(text(item, JobAttributes.STATUS)),
                text(item, JobAttributes.OBJECT_KEY), text(item, JobAttributes.OBJECT_VERSION_ID)));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
