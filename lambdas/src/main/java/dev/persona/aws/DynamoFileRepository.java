package dev.persona.aws;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.persona.contracts.FileAttributes;
import dev.persona.contracts.Tables;
import dev.persona.files.FileMetadata;
import dev.persona.files.FileRecord;
import dev.persona.files.FileRepository;
import dev.persona.items.ListingCursor;
import dev.persona.items.Page;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import static dev.persona.aws.DynamoItems.number;
import static dev.persona.aws.DynamoItems.string;

/** {@link FileRepository} and {@link FileMetadata} on the files table ({@link Tables#FILES}). */
public final class DynamoFileRepository implements FileRepository, FileMetadata {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoFileRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void create(String userId, FileRecord file, long expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(DynamoItems.key(Tables.FILES, userId, file.fileId()));
        item.put(FileAttributes.NAME, AttributeValue.fromS(file.name()));
        item.put(FileAttributes.CONTENT_TYPE, AttributeValue.fromS(file.contentType()));
        item.put(FileAttributes.DECLARED_SIZE_BYTES, AttributeValue.fromN(Long.toString(file.declaredSizeBytes())));
        item.put(FileAttributes.STATE, AttributeValue.fromS(file.state()));
        item.put(FileAttributes.OBJECT_KEY, AttributeValue.fromS(file.objectKey()));
        item.put(FileAttributes.CREATED_AT, AttributeValue.fromS(file.createdAt()));
        item.put(FileAttributes.UPDATED_AT, AttributeValue.fromS(file.updatedAt()));
        item.put(FileAttributes.EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt)));
        dynamo.putItem(put -> put.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(#file)")
                .expressionAttributeNames(Map.of("#file", FileAttributes.FILE_ID)));
    }

    @Override
    public Optional<FileRecord> find(String userId, String fileId) {
        return DynamoItems.find(dynamo, Tables.FILES, table, userId, fileId).map(DynamoFileRepository::file);
    }

    @Override
    public boolean delete(String userId, String fileId) {
        try {
            dynamo.deleteItem(delete -> delete.tableName(table).key(DynamoItems.key(Tables.FILES, userId, fileId))
                    .conditionExpression("attribute_exists(#file)")
                    .expressionAttributeNames(Map.of("#file", FileAttributes.FILE_ID)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Page<FileRecord> list(String userId, int limit, ListingCursor after) {
        Map<String, AttributeValue> start = null;
        if (after != null) {
            start = new HashMap<>();
            for (var entry : after.key().entrySet()) {
                start.put(entry.getKey(), AttributeValue.fromS(entry.getValue()));
            }
        }
        Map<String, AttributeValue> exclusiveStart = start;
        QueryResponse response = dynamo.query(query -> DynamoItems.userPartition(query, Tables.FILES, userId)
                .tableName(table)
                .indexName(Tables.BY_CREATED_AT)
                .scanIndexForward(false)
                .limit(limit)
                .exclusiveStartKey(exclusiveStart));
        Map<String, AttributeValue> last = response.lastEvaluatedKey();
        Optional<ListingCursor> next = Optional.empty();
        if (last != null && !last.isEmpty()) {
            Map<String, String> key = new HashMap<>();
            last.forEach((name, value) -> key.put(name, value.s()));
            next = Optional.of(new ListingCursor(key));
        }
        return new Page<>(response.items().stream().map(DynamoFileRepository::file).toList(), next);
    }

    @Override
    public ListingCursor cursor(String encoded, String userId) {
        return ListingCursor.decode(encoded, Set.of(FileAttributes.USER_ID, FileAttributes.FILE_ID,
                FileAttributes.CREATED_AT), FileAttributes.USER_ID, userId, null, null);
    }

    @Override
    public boolean recordStored(StoredObject object) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":key", AttributeValue.fromS(object.key()));
        values.put(":size", AttributeValue.fromN(Long.toString(object.size())));
        values.put(":available", AttributeValue.fromS(FileAttributes.AVAILABLE));
        values.put(":sequencer", AttributeValue.fromS(object.sequencer()));
        values.put(":now", AttributeValue.fromS(object.storedAt() == null ? java.time.Instant.now().toString()
                : object.storedAt()));
        StringBuilder update = new StringBuilder("SET #size = :size, #state = :available, #sequencer = :sequencer, "
                + "#uploaded = :now, #updated = :now");
        Map<String, String> names = new HashMap<>(Map.of("#file", FileAttributes.FILE_ID, "#objectKey",
                FileAttributes.OBJECT_KEY, "#size", FileAttributes.SIZE_BYTES, "#state", FileAttributes.STATE,
                "#sequencer", SEQUENCER, "#uploaded", FileAttributes.UPLOADED_AT, "#updated", FileAttributes.UPDATED_AT,
                "#expires", FileAttributes.EXPIRES_AT));
        if (object.etag() != null) {
            update.append(", #etag = :etag");
            names.put("#etag", FileAttributes.ETAG);
            values.put(":etag", AttributeValue.fromS(object.etag()));
        }
        if (object.versionId() != null) {
            update.append(", #version = :version");
            names.put("#version", FileAttributes.VERSION_ID);
            values.put(":version", AttributeValue.fromS(object.versionId()));
        }
        update.append(" REMOVE #expires");
        try {
            dynamo.updateItem(item -> item.tableName(table)
                    .key(DynamoItems.key(Tables.FILES, object.userId(), object.fileId()))
                    .updateExpression(update.toString())
                    .conditionExpression("attribute_exists(#file) AND #objectKey = :key AND "
                            + "(attribute_not_exists(#sequencer) OR #sequencer < :sequencer)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            // A later write of the key was recorded already: this object version is not the file's.
            return find(object.userId(), object.fileId()).filter(file -> file.objectKey().equals(object.key()))
                    .isPresent();
        }
    }

    /** The padded sequencer of the last object write recorded, so that an older event never overwrites a newer. */
    static final String SEQUENCER = "sequencer";

    private static FileRecord file(Map<String, AttributeValue> item) {
        Long declared = number(item, FileAttributes.DECLARED_SIZE_BYTES);
        return new FileRecord(string(item, FileAttributes.FILE_ID), string(item, FileAttributes.NAME),
                string(item, FileAttributes.CONTENT_TYPE), declared == null ? 0 : declared,
                number(item, FileAttributes.SIZE_BYTES), string(item, FileAttributes.ETAG),
                string(item, FileAttributes.STATE), string(item, FileAttributes.OBJECT_KEY),
                string(item, FileAttributes.CREATED_AT), string(item, FileAttributes.UPDATED_AT),
                string(item, FileAttributes.UPLOADED_AT));
    }

}
