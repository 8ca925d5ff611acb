package dev.persona.aws;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.persona.contracts.PersonaAttributes;
import dev.persona.pipeline.persona.PersonaSummaries;
import dev.persona.pipeline.persona.PersonaSummary;
import dev.persona.storage.StorageUnavailableException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** {@link PersonaSummaries} in the personas table. */
public final class DynamoPersonaSummaries implements PersonaSummaries {

    private final DynamoDbClient dynamo;
    private final String tableName;

    public DynamoPersonaSummaries(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
    }

    @Override
    public void save(PersonaSummary summary) {
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
        try {
            dynamo.putItem(b -> b.tableName(tableName).item(item));
        } catch (SdkClientException e) {
            throw new StorageUnavailableException("DynamoDB unreachable", e);
        } catch (DynamoDbException e) {
            if (e.isThrottlingException() || e.statusCode() >= 500) {
                throw new StorageUnavailableException("DynamoDB failed", e);
            }
            throw e;
        }
    }

    private static List<AttributeValue> topInterests(List<PersonaSummary.InterestShare> interests) {
        return interests.stream().map(interest -> AttributeValue.fromM(Map.of(
                "category", AttributeValue.fromS(interest.category()),
                "share", AttributeValue.fromN(Double.toString(interest.share()))))).toList();
    }
}
