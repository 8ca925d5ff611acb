package dev.persona.aws;

import java.util.Map;
import java.util.Optional;

import dev.persona.api.PersonaRepository;
import dev.persona.contracts.PersonaAttributes;
import dev.persona.contracts.Tables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static dev.persona.aws.DynamoItems.string;

/** {@link PersonaRepository} on the personas table ({@link Tables#PERSONAS}). */
public final class DynamoPersonaRepository implements PersonaRepository {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoPersonaRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<PersonaSummary> find(String userId, String jobId) {
        return DynamoItems.find(dynamo, Tables.PERSONAS, table, userId, jobId).map(DynamoPersonaRepository::summary);
    }

    @Override
    public Optional<PersonaSummary> findLatest(String userId) {
        return dynamo.query(query -> DynamoItems.userPartition(query, Tables.PERSONAS, userId)
                        .tableName(table)
                        .indexName(Tables.BY_CREATED_AT)
                        .scanIndexForward(false)
                        .limit(1))
                .items().stream().findFirst().map(DynamoPersonaRepository::summary);
    }

    @Override
    public int deleteAll(String userId) {
        return DynamoItems.deleteAllOfUser(dynamo, Tables.PERSONAS, table, userId);
    }

    private static PersonaSummary summary(Map<String, AttributeValue> item) {
        return new PersonaSummary(string(item, PersonaAttributes.USER_ID), string(item, PersonaAttributes.JOB_ID),
                string(item, PersonaAttributes.CREATED_AT), string(item, PersonaAttributes.PERSONA_KEY));
    }
}
