package dev.persona.contracts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One DynamoDB table as both the CDK app and the local runtime create it.
 *
 * @param id                   logical id, also the CDK construct id
 * @param partitionKey         partition key
 * @param sortKey              sort key
 * @param globalIndexes        global secondary indexes (projection ALL)
 * @param ttlAttribute         attribute holding the expiry time in epoch seconds
 * @param environmentVariable  environment variable that carries the table name to handlers
 * @param substitutionKey      state machine definition substitution for the table name, or null
 * @param streamViewType       what the table's DynamoDB stream carries ({@code NEW_AND_OLD_IMAGES}…), or null for
 *                             no stream
 */
public record TableDefinition(
        String id,
        KeyAttribute partitionKey,
        KeyAttribute sortKey,
        List<GlobalIndex> globalIndexes,
        String ttlAttribute,
        String environmentVariable,
        String substitutionKey,
        String streamViewType) {

    /** The stream view types DynamoDB offers. */
    public static final java.util.Set<String> STREAM_VIEW_TYPES =
            java.util.Set.of("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES");

    public TableDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(sortKey, "sortKey");
        globalIndexes = List.copyOf(globalIndexes);
        Objects.requireNonNull(ttlAttribute, "ttlAttribute");
        Objects.requireNonNull(environmentVariable, "environmentVariable");
        if (streamViewType != null && !STREAM_VIEW_TYPES.contains(streamViewType)) {
            throw new IllegalArgumentException("not a stream view type: " + streamViewType);
        }
    }

    /** A table without a stream. */
    public TableDefinition(String id, KeyAttribute partitionKey, KeyAttribute sortKey, List<GlobalIndex> globalIndexes,
            String ttlAttribute, String environmentVariable, String substitutionKey) {
        this(id, partitionKey, sortKey, globalIndexes, ttlAttribute, environmentVariable, substitutionKey, null);
    }

    /** True when the table has a DynamoDB stream. */
    public boolean hasStream() {
        return streamViewType != null;
    }

    /** Every attribute used as a key by the table or one of its indexes, each once. */
    public List<KeyAttribute> keyAttributes() {
        Map<String, KeyAttribute> byName = new LinkedHashMap<>();
        byName.put(partitionKey.name(), partitionKey);
        byName.put(sortKey.name(), sortKey);
        for (GlobalIndex index : globalIndexes) {
            byName.putIfAbsent(index.partitionKey().name(), index.partitionKey());
            byName.putIfAbsent(index.sortKey().name(), index.sortKey());
        }
        return List.copyOf(byName.values());
    }

    /** The index with the given name. */
    public GlobalIndex index(String name) {
        return globalIndexes.stream()
                .filter(index -> index.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no index " + name + " on " + id));
    }
}
