package dev.persona.aws;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.persona.contracts.JobAttributes;
import dev.persona.contracts.JobStatus;
import dev.persona.contracts.PersonaAttributes;
import dev.persona.pipeline.discard.PersonaSummaryRemover;
import dev.persona.pipeline.errors.JobNotOwned;
import dev.persona.pipeline.persona.PersonaSummaries;
import dev.persona.pipeline.persona.PersonaSummary;
import dev.persona.storage.StorageUnavailableException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link PersonaSummaries} in the personas table, and its clean-up: a summary is written in one transaction with a
 * condition check on the job item, so it appears only while the execution still owns a running job.
 */
public final class DynamoPersonaSummaries implements PersonaSummaries, PersonaSummaryRemover {

    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final String jobsTableName;

    public DynamoPersonaSummaries(DynamoDbClient dynamo, String tableName, String jobsTableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.jobsTableName = jobsTableName;
    }

    @Override
    public void save(PersonaSummary summary, String executionArn) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PersonaAttributes.USER_ID, AttributeValue.fromS(summary.userId()));
        item.put(PersonaAttributes.JOB_ID, AttributeValue.fromS(summary.jobId()));
        item.put(PersonaAttributes.CREATED_AT, AttributeValue.fromS(summary.createdAt()));
        item.put(PersonaAttributes.SCHEMA_VERSION, AttributeValue.fromS(summary.schemaVersion()));
        item.put(PersonaAttributes.PERSONA_KEY, AttributeValue.fromS(summary.personaKey()));
        item.put(PersonaAttributes.ARCHETYPE, AttributeValue.fromS(summary.archetype()));
        item.put(PersonaAttributes.SUMMARY, AttributeValue.fromS(summary.summary()));
        item.put(PersonaAttributes.TOP_INTERESTS, AttributeValue.fromL(topInterests(summary.topInterests())));
        item.put(PersonaAttributes.RECORDS_USED, AttributeValue.fromN(Long.toString(summary.recordsUsed())));
        item.put(PersonaAttributes.FIRST_ACTIVITY_AT, AttributeValue.fromS(summary.firstActivityAt()));
        item.put(PersonaAttributes.LAST_ACTIVITY_AT, AttributeValue.fromS(summary.lastActivityAt()));
        TransactWriteItem ownership = TransactWriteItem.builder().conditionCheck(check -> check
                .tableName(jobsTableName)
                .key(Map.of(JobAttributes.USER_ID, AttributeValue.fromS(summary.userId()),
                        JobAttributes.JOB_ID, AttributeValue.fromS(summary.jobId())))
                .conditionExpression(JobAttributes.EXECUTION_ARN + " = :execution AND #status = :running")
                .expressionAttributeNames(Map.of("#status", JobAttributes.STATUS))
                .expressionAttributeValues(Map.of(":execution", AttributeValue.fromS(executionArn),
                        ":running", AttributeValue.fromS(JobStatus.RUNNING.name())))).build();
        TransactWriteItem put = TransactWriteItem.builder().put(p -> p.tableName(tableName).item(item)).build();
        try {
            dynamo.transactWriteItems(transaction -> transaction.transactItems(ownership, put));
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().anyMatch(reason -> CONDITIONAL_CHECK_FAILED.equals(reason.code()))) {
                throw new JobNotOwned("The job no longer belongs to this run: its persona was not recorded.");
            }
            // A conflicting transaction or throttling: nothing was written, and the step may try again.
            throw new StorageUnavailableException("DynamoDB cancelled the transaction: " + e.cancellationReasons(), e);
        } catch (SdkClientException | DynamoDbException e) {
            throw unavailableWhenTransient(e);
        }
    }

    @Override
    public void remove(String userId, String jobId) {
        try {
            dynamo.deleteItem(delete -> delete.tableName(tableName).key(Map.of(
                    PersonaAttributes.USER_ID, AttributeValue.fromS(userId),
                    PersonaAttributes.JOB_ID, AttributeValue.fromS(jobId))));
        } catch (SdkClientException | DynamoDbException e) {
            throw unavailableWhenTransient(e);
        }
    }

    /** Unreachable, throttled or failing on its side: the step may try again. Anything else is a fault. */
    private static RuntimeException unavailableWhenTransient(RuntimeException e) {
        if (e instanceof SdkClientException) {
            return new StorageUnavailableException("DynamoDB unreachable", e);
        }
        DynamoDbException failure = (DynamoDbException) e;
        if (failure.isThrottlingException() || failure.statusCode() >= 500) {
            return new StorageUnavailableException("DynamoDB failed", e);
        }
        return e;
    }

    private static List<AttributeValue> topInterests(List<PersonaSummary.InterestShare> interests) {
        return interests.stream().map(interest -> AttributeValue.fromM(Map.of(
                "category", AttributeValue.fromS(interest.category()),
                "share", AttributeValue.fromN(Double.toString(interest.share()))))).toList();
    }
}
