package dev.persona.aws;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.persona.contracts.AccountAttributes;
import dev.persona.contracts.Tables;
import dev.persona.items.WriteRefusedException;
import dev.persona.profile.Profile;
import dev.persona.profile.ProfileRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import static dev.persona.aws.DynamoItems.string;

/** {@link ProfileRepository}: the {@code profile} item of each user in the accounts table ({@link Tables#ACCOUNTS}). */
public final class DynamoProfileRepository implements ProfileRepository {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoProfileRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Profile> find(String userId) {
        return DynamoItems.find(dynamo, Tables.ACCOUNTS, table, userId, AccountAttributes.PROFILE)
                .map(DynamoProfileRepository::profile);
    }

    @Override
    public void create(String userId, Profile profile) {
        try {
            dynamo.putItem(put -> put.tableName(table).item(item(userId, profile))
                    .conditionExpression("attribute_not_exists(#record)")
                    .expressionAttributeNames(Map.of("#record", AccountAttributes.RECORD)));
        } catch (ConditionalCheckFailedException e) {
            throw new WriteRefusedException(WriteRefusedException.Reason.EXISTS);
        }
    }

    @Override
    public void replace(String userId, Profile previous, Profile next) {
        try {
            dynamo.putItem(put -> put.tableName(table).item(item(userId, next))
                    .conditionExpression("#revision = :revision")
                    .expressionAttributeNames(Map.of("#revision", AccountAttributes.REVISION))
                    .expressionAttributeValues(Map.of(":revision", AttributeValue.fromS(previous.revision()))));
        } catch (ConditionalCheckFailedException e) {
            throw new WriteRefusedException(find(userId).isPresent() ? WriteRefusedException.Reason.STALE
                    : WriteRefusedException.Reason.MISSING);
        }
    }

    private static Map<String, AttributeValue> item(String userId, Profile profile) {
        Map<String, AttributeValue> item = new HashMap<>(DynamoItems.key(Tables.ACCOUNTS, userId,
                AccountAttributes.PROFILE));
        item.put(AccountAttributes.DISPLAY_NAME, AttributeValue.fromS(profile.displayName()));
        item.put(AccountAttributes.TIMEZONE, AttributeValue.fromS(profile.timezone()));
        item.put(AccountAttributes.LOCALE, AttributeValue.fromS(profile.locale()));
        item.put(AccountAttributes.BOOKMARKS_IN_PERSONA, AttributeValue.fromBool(profile.bookmarksInPersona()));
        item.put(AccountAttributes.CREATED_AT, AttributeValue.fromS(profile.createdAt()));
        item.put(AccountAttributes.UPDATED_AT, AttributeValue.fromS(profile.updatedAt()));
        item.put(AccountAttributes.REVISION, AttributeValue.fromS(profile.revision()));
        return item;
    }

    private static Profile profile(Map<String, AttributeValue> item) {
        AttributeValue bookmarks = item.get(AccountAttributes.BOOKMARKS_IN_PERSONA);
        return new Profile(string(item, AccountAttributes.DISPLAY_NAME), string(item, AccountAttributes.TIMEZONE),
                string(item, AccountAttributes.LOCALE), bookmarks != null && Boolean.TRUE.equals(bookmarks.bool()),
                string(item, AccountAttributes.CREATED_AT), string(item, AccountAttributes.UPDATED_AT),
                string(item, AccountAttributes.REVISION));
    }
}
