package dev.persona.aws;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.persona.contracts.AccountAttributes;
import dev.persona.contracts.Tables;
import dev.persona.files.Usage;
import dev.persona.files.UsageRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link UsageRepository}: the {@code usage} item of each user in the accounts table, with one counter of uploads per
 * month ({@code uploads#2026-12}), and an {@code applied#{eventId}} marker per stream record applied, written in the
 * same transaction as the change, so that a record delivered again is applied once.
 */
public final class DynamoUsageRepository implements UsageRepository {

    static final String MONTH_PREFIX = "uploads#";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoUsageRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Usage usage(String userId, YearMonth month) {
        return DynamoItems.find(dynamo, Tables.ACCOUNTS, table, userId, AccountAttributes.USAGE)
                .map(item -> new Usage(count(item, AccountAttributes.FILE_COUNT), count(item, AccountAttributes.FILE_BYTES),
                        count(item, MONTH_PREFIX + month)))
                .orElse(Usage.NONE);
    }

    @Override
    public boolean apply(String userId, String eventId, long files, long bytes, Optional<YearMonth> uploadMonth,
            long markerExpiresAt) {
        Map<String, AttributeValue> marker = new HashMap<>(DynamoItems.key(Tables.ACCOUNTS, userId,
                AccountAttributes.APPLIED_PREFIX + eventId));
        marker.put(AccountAttributes.EXPIRES_AT, AttributeValue.fromN(Long.toString(markerExpiresAt)));
        Map<String, String> names = new HashMap<>(Map.of("#files", AccountAttributes.FILE_COUNT,
                "#bytes", AccountAttributes.FILE_BYTES));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":files", AttributeValue.fromN(Long.toString(files)),
                ":bytes", AttributeValue.fromN(Long.toString(bytes))));
        StringBuilder update = new StringBuilder("ADD #files :files, #bytes :bytes");
        uploadMonth.ifPresent(month -> {
            update.append(", #month :one");
            names.put("#month", MONTH_PREFIX + month);
            values.put(":one", AttributeValue.fromN("1"));
        });
        boolean decrease = files < 0 || bytes < 0;
        if (decrease) {
            names.put("#user", AccountAttributes.USER_ID);
        }
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().put(put -> put.tableName(table).item(marker)
                        .conditionExpression("attribute_not_exists(#record)")
                        .expressionAttributeNames(Map.of("#record", AccountAttributes.RECORD))).build(),
                TransactWriteItem.builder().update(usage -> usage.tableName(table)
                        .key(DynamoItems.key(Tables.ACCOUNTS, userId, AccountAttributes.USAGE))
                        .updateExpression(update.toString())
                        .conditionExpression(decrease ? "attribute_exists(#user)" : null)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)).build());
        try {
            dynamo.transactWriteItems(transaction -> transaction.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            boolean refused = reasons != null && reasons.stream()
                    .anyMatch(reason -> DynamoTaggedItems.CONDITIONAL_CHECK_FAILED.equals(reason.code()));
            if (refused) {
                // Applied before (the marker exists), or a decrease of a user whose usage is gone.
                return false;
            }
            throw e;
        }
    }

    private static long count(Map<String, AttributeValue> item, String name) {
        Long value = DynamoItems.number(item, name);
        return value == null ? 0 : value;
    }
}
