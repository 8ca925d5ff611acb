package dev.persona.aws;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.persona.bookmarks.Bookmark;
import dev.persona.bookmarks.BookmarkRepository;
import dev.persona.contracts.BookmarkAttributes;
import dev.persona.contracts.Tables;
import dev.persona.items.ListingCursor;
import dev.persona.items.Page;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static dev.persona.aws.DynamoItems.string;

/** {@link BookmarkRepository} on the bookmarks table ({@link Tables#BOOKMARKS}). */
public final class DynamoBookmarkRepository implements BookmarkRepository {

    private static final List<String> ALL = List.of(BookmarkAttributes.BOOKMARK_ID, BookmarkAttributes.URL,
            BookmarkAttributes.TITLE, BookmarkAttributes.TAGS, BookmarkAttributes.ADDED_AT,
            BookmarkAttributes.CREATED_AT, BookmarkAttributes.UPDATED_AT, BookmarkAttributes.REVISION);

    private final DynamoTaggedItems items;

    public DynamoBookmarkRepository(DynamoDbClient dynamo, String table) {
        this.items = new DynamoTaggedItems(dynamo, Tables.BOOKMARKS, table, BookmarkAttributes.TAGS,
                BookmarkAttributes.REVISION, BookmarkAttributes.CREATED_AT);
    }

    @Override
    public Optional<Bookmark> find(String userId, String bookmarkId) {
        return items.find(userId, bookmarkId).map(this::bookmark);
    }

    @Override
    public void create(String userId, Bookmark bookmark) {
        items.create(userId, bookmark.bookmarkId(), attributes(bookmark));
    }

    @Override
    public void createAll(String userId, Collection<Bookmark> bookmarks) {
        Map<String, Map<String, AttributeValue>> byId = new LinkedHashMap<>();
        bookmarks.forEach(bookmark -> byId.put(bookmark.bookmarkId(), attributes(bookmark)));
        items.createAll(userId, byId);
    }

    @Override
    public Set<String> ids(String userId) {
        return items.ids(userId);
    }

    @Override
    public void replace(String userId, Bookmark previous, Bookmark next) {
        items.replace(userId, next.bookmarkId(), attributes(previous), attributes(next));
    }

    @Override
    public void delete(String userId, Bookmark previous) {
        items.delete(userId, previous.bookmarkId(), attributes(previous));
    }

    @Override
    public Page<Bookmark> list(String userId, Optional<String> tag, int limit, ListingCursor after) {
        Page<Map<String, AttributeValue>> page = items.list(userId, tag.orElse(null), limit, after, ALL);
        return new Page<>(page.items().stream().map(this::bookmark).toList(), page.next());
    }

    @Override
    public ListingCursor cursor(String encoded, String userId, Optional<String> tag) {
        return items.cursor(encoded, userId, tag);
    }

    private static Map<String, AttributeValue> attributes(Bookmark bookmark) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(BookmarkAttributes.URL, AttributeValue.fromS(bookmark.url()));
        item.put(BookmarkAttributes.TITLE, AttributeValue.fromS(bookmark.title()));
        if (!bookmark.tags().isEmpty()) {
            item.put(BookmarkAttributes.TAGS, AttributeValue.fromSs(bookmark.tags()));
        }
        item.put(BookmarkAttributes.ADDED_AT, AttributeValue.fromS(bookmark.addedAt()));
        item.put(BookmarkAttributes.CREATED_AT, AttributeValue.fromS(bookmark.createdAt()));
        item.put(BookmarkAttributes.UPDATED_AT, AttributeValue.fromS(bookmark.updatedAt()));
        item.put(BookmarkAttributes.REVISION, AttributeValue.fromS(bookmark.revision()));
        return item;
    }

    private Bookmark bookmark(Map<String, AttributeValue> item) {
        return new Bookmark(string(item, BookmarkAttributes.BOOKMARK_ID), string(item, BookmarkAttributes.URL),
                string(item, BookmarkAttributes.TITLE), List.copyOf(items.tags(item)),
                string(item, BookmarkAttributes.ADDED_AT), string(item, BookmarkAttributes.CREATED_AT),
                string(item, BookmarkAttributes.UPDATED_AT), string(item, BookmarkAttributes.REVISION));
    }
}
