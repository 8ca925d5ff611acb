package dev.persona.aws;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import dev.persona.contracts.BookmarkAttributes;
import dev.persona.contracts.TaggedItems;
import dev.persona.contracts.Tables;
import dev.persona.pipeline.preprocess.UserSources;
import dev.persona.profile.Profile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** {@link UserSources} from the accounts table (the profile) and the bookmarks table. */
public final class DynamoUserSources implements UserSources {

    private final DynamoDbClient dynamo;
    private final DynamoProfileRepository profiles;
    private final String bookmarksTable;

    public DynamoUserSources(DynamoDbClient dynamo, String accountsTable, String bookmarksTable) {
        this.dynamo = dynamo;
        this.profiles = new DynamoProfileRepository(dynamo, accountsTable);
        this.bookmarksTable = bookmarksTable;
    }

    @Override
    public Preferences preferences(String userId) {
        return profiles.find(userId).map(DynamoUserSources::preferences).orElse(Preferences.NONE);
    }

    private static Preferences preferences(Profile profile) {
        Optional<ZoneId> zone;
        try {
            zone = Optional.ofNullable(profile.timezone()).map(ZoneId::of);
        } catch (DateTimeException e) {
            zone = Optional.empty();
        }
        return new Preferences(zone, profile.bookmarksInPersona());
    }

    /** Every bookmark of the user, page by page, with only what an activity needs. */
    @Override
    public void bookmarks(String userId, Consumer<SavedBookmark> consumer) {
        QueryRequest query = DynamoItems.userPartition(QueryRequest.builder(), Tables.BOOKMARKS, userId)
                .tableName(bookmarksTable)
                .projectionExpression("#id, #url, #title, #added")
                .expressionAttributeNames(Map.of("#user", BookmarkAttributes.USER_ID,
                        "#id", BookmarkAttributes.BOOKMARK_ID, "#url", BookmarkAttributes.URL,
                        "#title", BookmarkAttributes.TITLE, "#added", BookmarkAttributes.ADDED_AT))
                .build();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(query).items()) {
            String id = DynamoItems.string(item, BookmarkAttributes.BOOKMARK_ID);
            String added = DynamoItems.string(item, BookmarkAttributes.ADDED_AT);
            if (id == null || TaggedItems.isMembershipKey(id) || added == null) {
                continue;
            }
            consumer.accept(new SavedBookmark(Instant.parse(added).toEpochMilli(),
                    DynamoItems.string(item, BookmarkAttributes.URL), DynamoItems.string(item, BookmarkAttributes.TITLE)));
        }
    }
}
