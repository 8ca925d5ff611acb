package dev.persona.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.persona.contracts.TableDefinition;
import dev.persona.contracts.TaggedItems;
import dev.persona.contracts.Tables;
import dev.persona.items.ListingCursor;
import dev.persona.items.Page;
import dev.persona.items.WriteRefusedException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Items with tags in one table, as {@link TaggedItems} lays them out: the item, keyed by user and item id, and one
 * membership item per tag, written together in one transaction. Every write after the first is conditioned on the
 * revision the writer read, so concurrent writers cannot both win; listings read the newest-first index of the
 * partition, or the tag index and then the items it names.
 */
public final class DynamoTaggedItems {

    static final int MAX_TRANSACTION_ATTEMPTS = 4;
    /** Batches of an import in flight at once. */
    static final int CONCURRENT_BATCHES = 8;
    static final Duration TRANSACTION_BACKOFF = Duration.ofMillis(20);
    static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
    static final String TRANSACTION_CONFLICT = "TransactionConflict";

    private final DynamoDbClient dynamo;
    private final TableDefinition definition;
    private final String table;
    private final String tagsAttribute;
    private final String revisionAttribute;
    private final String createdAtAttribute;

    /**
     * @param tagsAttribute      the string set of the item's tags
     * @param revisionAttribute  the item's revision
     * @param createdAtAttribute the item's creation time, which orders both indexes
     */
    public DynamoTaggedItems(DynamoDbClient dynamo, TableDefinition definition, String table, String tagsAttribute,
            String revisionAttribute, String createdAtAttribute) {
        this.dynamo = dynamo;
        this.definition = definition;
        this.table = table;
        this.tagsAttribute = tagsAttribute;
        this.revisionAttribute = revisionAttribute;
        this.createdAtAttribute = createdAtAttribute;
    }

    private String userKey() {
        return definition.partitionKey().name();
    }

    private String itemKey() {
        return definition.sortKey().name();
    }

    /** The item, read strongly consistently; empty when there is none (a membership key is never an item). */
    public Optional<Map<String, AttributeValue>> find(String userId, String itemId) {
        if (TaggedItems.isMembershipKey(itemId)) {
            return Optional.empty();
        }
        return DynamoItems.find(dynamo, definition, table, userId, itemId);
    }

    /** Writes a new item and its memberships; {@link WriteRefusedException.Reason#EXISTS} when the key is taken. */
    public void create(String userId, String itemId, Map<String, AttributeValue> attributes) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(put -> put.tableName(table)
                .item(withKey(userId, itemId, attributes))
                .conditionExpression("attribute_not_exists(#item)")
                .expressionAttributeNames(Map.of("#item", itemKey()))).build());
        for (String tag : tags(attributes)) {
            writes.add(putMembership(userId, itemId, tag, createdAt(attributes)));
        }
        transact(writes, userId, itemId, WriteRefusedException.Reason.EXISTS);
    }

    /**
     * Writes new items and their memberships in batches, unconditionally: for items the caller knows do not exist
     * (an import, which checked {@link #ids}); an item created meanwhile by another request is overwritten.
     */
    public void createAll(String userId, Map<String, Map<String, AttributeValue>> itemsById) {
        List<List<WriteRequest>> batches = new ArrayList<>();
        List<WriteRequest> batch = new ArrayList<>(DynamoItems.BATCH_SIZE);
        for (Map.Entry<String, Map<String, AttributeValue>> entry : itemsById.entrySet()) {
            List<Map<String, AttributeValue>> writes = new ArrayList<>();
            writes.add(withKey(userId, entry.getKey(), entry.getValue()));
            for (String tag : tags(entry.getValue())) {
                writes.add(membership(userId, entry.getKey(), tag, createdAt(entry.getValue())));
            }
            for (Map<String, AttributeValue> item : writes) {
                batch.add(WriteRequest.builder().putRequest(put -> put.item(item)).build());
                if (batch.size() == DynamoItems.BATCH_SIZE) {
                    batches.add(batch);
                    batch = new ArrayList<>(DynamoItems.BATCH_SIZE);
                }
            }
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        writeConcurrently(batches);
    }

    /**
     * Sends the batches {@value #CONCURRENT_BATCHES} at a time: each is a round trip of its own, and DynamoDB
     * takes them in parallel, so an import of thousands of items is not their sum. Fails with the first failure.
     */
    private void writeConcurrently(List<List<WriteRequest>> batches) {
        if (batches.size() <= 1) {
            batches.forEach(each -> DynamoItems.writeAll(dynamo, table, each));
            return;
        }
        java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(CONCURRENT_BATCHES);
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (List<WriteRequest> each : batches) {
                permits.acquireUninterruptibly();
                sent.add(executor.submit(() -> {
                    try {
                        DynamoItems.writeAll(dynamo, table, each);
                    } finally {
                        permits.release();
                    }
                }));
            }
            for (java.util.concurrent.Future<?> future : sent) {
                future.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing batches", e);
        }
    }

    /** The ids of every item of the user (not of memberships), read page by page with only the key. */
    public Set<String> ids(String userId) {
        Set<String> ids = new java.util.HashSet<>();
        QueryRequest query = DynamoItems.userPartition(QueryRequest.builder(), definition, userId)
                .tableName(table)
                .projectionExpression("#item")
                .expressionAttributeNames(Map.of("#user", userKey(), "#item", itemKey()))
                .consistentRead(true)
                .build();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(query).items()) {
            String id = item.get(itemKey()).s();
            if (!TaggedItems.isMembershipKey(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /**
     * Replaces the item at {@code expectedRevision} by {@code attributes} (which keep its creation time), adding
     * and removing memberships for the tags that changed from {@code previous}, the item as read.
     */
    public void replace(String userId, String itemId, Map<String, AttributeValue> previous,
            Map<String, AttributeValue> attributes) {
        String expectedRevision = previous.get(revisionAttribute).s();
        Set<String> before = tags(previous);
        Set<String> after = tags(attributes);
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(put -> put.tableName(table)
                .item(withKey(userId, itemId, attributes))
                .conditionExpression("#revision = :revision")
                .expressionAttributeNames(Map.of("#revision", revisionAttribute))
                .expressionAttributeValues(Map.of(":revision", AttributeValue.fromS(expectedRevision)))).build());
        for (String tag : before) {
            if (!after.contains(tag)) {
                writes.add(deleteMembership(userId, itemId, tag));
            }
        }
        for (String tag : after) {
            if (!before.contains(tag)) {
                writes.add(putMembership(userId, itemId, tag, createdAt(attributes)));
            }
        }
        transact(writes, userId, itemId, WriteRefusedException.Reason.STALE);
    }

    /** Deletes the item as read ({@code previous}, at its revision) and its memberships. */
    public void delete(String userId, String itemId, Map<String, AttributeValue> previous) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().delete(delete -> delete.tableName(table)
                .key(DynamoItems.key(definition, userId, itemId))
                .conditionExpression("#revision = :revision")
                .expressionAttributeNames(Map.of("#revision", revisionAttribute))
                .expressionAttributeValues(Map.of(":revision", previous.get(revisionAttribute)))).build());
        for (String tag : tags(previous)) {
            writes.add(deleteMembership(userId, itemId, tag));
        }
        transact(writes, userId, itemId, WriteRefusedException.Reason.STALE);
    }

    /**
     * One page of the user's items, newest first, with only the {@code projection} attributes: all of them, or
     * those with {@code tag} (through its memberships; a membership whose item no longer has the tag is skipped).
     */
    public Page<Map<String, AttributeValue>> list(String userId, String tag, int limit, ListingCursor after,
            List<String> projection) {
        return tag == null ? newest(userId, limit, after, projection) : tagged(userId, tag, limit, after, projection);
    }

    /**
     * The cursor a listing handed out, for the same user and tag: the newest-first listing's holds the keys of that
     * index, a tag listing's those of the tag index, with its tag's prefix.
     */
    public ListingCursor cursor(String encoded, String userId, java.util.Optional<String> tag) {
        return tag.isPresent()
                ? ListingCursor.decode(encoded, Set.of(userKey(), itemKey(), TaggedItems.TAG_ORDER), userKey(), userId,
                        TaggedItems.TAG_ORDER, TaggedItems.tagPrefix(tag.get()))
                : ListingCursor.decode(encoded, Set.of(userKey(), itemKey(), createdAtAttribute), userKey(), userId,
                        null, null);
    }

    private Page<Map<String, AttributeValue>> newest(String userId, int limit, ListingCursor after,
            List<String> projection) {
        Map<String, String> names = projectionNames(projection);
        QueryResponse response = dynamo.query(query -> DynamoItems.userPartition(query, definition, userId)
                .tableName(table)
                .indexName(Tables.BY_CREATED_AT)
                .scanIndexForward(false)
                .limit(limit)
                .projectionExpression(String.join(",", names.keySet()))
                .expressionAttributeNames(withUser(names))
                .exclusiveStartKey(startKey(after)));
        return new Page<>(response.items(), next(response));
    }

    private Page<Map<String, AttributeValue>> tagged(String userId, String tag, int limit, ListingCursor after,
            List<String> projection) {
        QueryResponse memberships = dynamo.query(QueryRequest.builder()
                .tableName(table)
                .indexName(Tables.BY_TAG)
                .keyConditionExpression("#user = :user AND begins_with(#order, :tag)")
                .expressionAttributeNames(Map.of("#user", userKey(), "#order", TaggedItems.TAG_ORDER,
                        "#item", itemKey()))
                .expressionAttributeValues(Map.of(":user", AttributeValue.fromS(userId),
                        ":tag", AttributeValue.fromS(TaggedItems.tagPrefix(tag))))
                .projectionExpression("#item")
                .scanIndexForward(false)
                .limit(limit)
                .exclusiveStartKey(startKey(after))
                .build());
        List<String> ids = new ArrayList<>();
        for (Map<String, AttributeValue> membership : memberships.items()) {
            String key = membership.get(itemKey()).s();
            ids.add(key.substring(0, key.lastIndexOf(TaggedItems.SEPARATOR)));
        }
        Map<String, Map<String, AttributeValue>> found = batchGet(userId, ids, projection);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (String id : ids) {
            Map<String, AttributeValue> item = found.get(id);
            if (item != null && tags(item).contains(tag)) {
                items.add(item);
            }
        }
        return new Page<>(items, next(memberships));
    }

    /** The items with these ids, by id, with the projection; retries unprocessed keys with backoff. */
    private Map<String, Map<String, AttributeValue>> batchGet(String userId, List<String> ids, List<String> projection) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        List<String> attributes = new ArrayList<>(projection);
        attributes.add(itemKey());
        attributes.add(tagsAttribute);
        Map<String, String> names = projectionNames(attributes);
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        new LinkedHashSet<>(ids).forEach(id -> keys.add(DynamoItems.key(definition, userId, id)));
        Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder().keys(keys)
                .projectionExpression(String.join(",", names.keySet()))
                .expressionAttributeNames(names)
                .consistentRead(true)
                .build());
        Duration backoff = DynamoItems.FIRST_BACKOFF;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            Map<String, KeysAndAttributes> request = pending;
            BatchGetItemResponse response = dynamo.batchGetItem(get -> get.requestItems(request));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                found.put(item.get(itemKey()).s(), item);
            }
            pending = response.unprocessedKeys() == null ? Map.of() : response.unprocessedKeys();
            if (!pending.isEmpty()) {
                if (attempt == DynamoItems.MAX_BATCH_ATTEMPTS) {
                    throw new IllegalStateException("keys of " + table + " stayed unprocessed after " + attempt
                            + " attempts");
                }
                DynamoItems.sleep(backoff);
                backoff = DynamoItems.nextBackoff(backoff);
            }
        }
        return found;
    }

    /** {@code #a0 → name} for each projected attribute, each once. */
    private static Map<String, String> projectionNames(List<String> projection) {
        Map<String, String> names = new LinkedHashMap<>();
        List<String> distinct = List.copyOf(new LinkedHashSet<>(projection));
        for (int i = 0; i < distinct.size(); i++) {
            names.put("#a" + i, distinct.get(i));
        }
        return names;
    }

    private Map<String, String> withUser(Map<String, String> names) {
        Map<String, String> all = new HashMap<>(names);
        all.put("#user", userKey());
        return all;
    }

    private static Map<String, AttributeValue> startKey(ListingCursor after) {
        if (after == null) {
            return null;
        }
        Map<String, AttributeValue> key = new HashMap<>();
        after.key().forEach((name, value) -> key.put(name, AttributeValue.fromS(value)));
        return key;
    }

    private static java.util.Optional<ListingCursor> next(QueryResponse response) {
        Map<String, AttributeValue> last = response.lastEvaluatedKey();
        if (last == null || last.isEmpty()) {
            return java.util.Optional.empty();
        }
        Map<String, String> key = new HashMap<>();
        last.forEach((name, value) -> key.put(name, value.s()));
        return java.util.Optional.of(new ListingCursor(key));
    }

    /**
     * Runs the transaction; a refused condition on the item (the first write) becomes {@code refusal}, or
     * {@link WriteRefusedException.Reason#MISSING} when the item is gone. A conflict with another transaction in
     * progress on the same items is retried: it decided nothing yet.
     */
    private void transact(List<TransactWriteItem> writes, String userId, String itemId,
            WriteRefusedException.Reason refusal) {
        Duration backoff = TRANSACTION_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(transaction -> transaction.transactItems(writes));
                return;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                String first = reasons == null || reasons.isEmpty() ? null : reasons.get(0).code();
                if (CONDITIONAL_CHECK_FAILED.equals(first)) {
                    if (refusal == WriteRefusedException.Reason.EXISTS || find(userId, itemId).isPresent()) {
                        throw new WriteRefusedException(refusal);
                    }
                    throw new WriteRefusedException(WriteRefusedException.Reason.MISSING);
                }
                boolean conflict = reasons != null
                        && reasons.stream().anyMatch(reason -> TRANSACTION_CONFLICT.equals(reason.code()));
                if (!conflict || attempt == MAX_TRANSACTION_ATTEMPTS) {
                    throw e;
                }
                DynamoItems.sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private Map<String, AttributeValue> withKey(String userId, String itemId, Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.putAll(DynamoItems.key(definition, userId, itemId));
        return item;
    }

    private TransactWriteItem putMembership(String userId, String itemId, String tag, String createdAt) {
        Map<String, AttributeValue> item = membership(userId, itemId, tag, createdAt);
        return TransactWriteItem.builder().put(put -> put.tableName(table).item(item)).build();
    }

    private Map<String, AttributeValue> membership(String userId, String itemId, String tag, String createdAt) {
        Map<String, AttributeValue> item = new HashMap<>(
                DynamoItems.key(definition, userId, TaggedItems.membershipKey(itemId, tag)));
        item.put(TaggedItems.TAG_ORDER, AttributeValue.fromS(TaggedItems.tagOrder(tag, createdAt)));
        return item;
    }

    private TransactWriteItem deleteMembership(String userId, String itemId, String tag) {
        return TransactWriteItem.builder().delete(delete -> delete.tableName(table)
                .key(DynamoItems.key(definition, userId, TaggedItems.membershipKey(itemId, tag)))).build();
    }

    private String createdAt(Map<String, AttributeValue> attributes) {
        return attributes.get(createdAtAttribute).s();
    }

    /** The tags of an item: its string set, absent when it has none (DynamoDB has no empty sets). */
    public Set<String> tags(Map<String, AttributeValue> item) {
        AttributeValue tags = item.get(tagsAttribute);
        return tags == null || !tags.hasSs() ? Set.of() : new LinkedHashSet<>(tags.ss());
    }

    /** The number of user's items this table holds, memberships included: for deleting all of them. */
    public int deleteAll(String userId) {
        return DynamoItems.deleteAllOfUser(dynamo, definition, table, userId);
    }
}
