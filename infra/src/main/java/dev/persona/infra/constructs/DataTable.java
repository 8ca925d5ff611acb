package dev.persona.infra.constructs;

import java.util.List;
import java.util.Objects;

import dev.persona.contracts.GlobalIndex;
import dev.persona.contracts.KeyAttribute;
import dev.persona.contracts.TableDefinition;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.Billing;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexPropsV2;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.ReplicaTableProps;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.TableEncryptionV2;
import software.amazon.awscdk.services.dynamodb.TableV2;
import software.constructs.Construct;

/**
 * One DynamoDB table exactly as a {@link TableDefinition} of the contracts describes it (keys, global
 * indexes projecting all attributes, TTL attribute, stream): on-demand, encrypted, point-in-time recovery on,
 * deletion protection in production. The table name is left to CloudFormation and reaches handlers
 * through the definition's environment variable.
 *
 * <p>Every table is an {@code AWS::DynamoDB::GlobalTable}, also with no replica: adding replica regions to a
 * stage later is then an update in place, where turning an {@code AWS::DynamoDB::Table} into a global table
 * would replace it. Replicas use multi-Region eventual consistency, and CloudFormation documents that such a
 * table with more than one replica must have a stream whose view type can no longer change; replication
 * itself needs new and old images, so a replicated table always has a {@code NEW_AND_OLD_IMAGES} stream.
 *
 * <p>Access is granted from the permission model ({@code ModelPermissions}): exact actions on the table and on
 * its named indexes, never {@code index/*}.
 */
public final class DataTable extends Construct {

    private final TableDefinition definition;
    private final TableV2 table;
    private final List<String> replicaRegions;

    /**
     * @param definition     the table's keys, indexes and TTL attribute. Required
     * @param production     deletion protection on (in every replica) and the table retained when it leaves the
     *                       stack. Default false: the table is deleted with its stack
     * @param replicaRegions regions the table is replicated to besides its stack's own. Default none
     */
    public record Props(TableDefinition definition, Boolean production, List<String> replicaRegions) {

        public Props {
            Objects.requireNonNull(definition, "definition");
            production = production != null && production;
            replicaRegions = replicaRegions == null ? List.of() : List.copyOf(replicaRegions);
        }
    }

    public DataTable(Construct scope, String id, Props props) {
        super(scope, id);
        definition = props.definition();
        replicaRegions = props.replicaRegions();
        table = TableV2.Builder.create(this, "Table")
                .dynamoStream(streamViewType(definition, !props.replicaRegions().isEmpty()))
                .partitionKey(attribute(definition.partitionKey()))
                .sortKey(attribute(definition.sortKey()))
                .globalSecondaryIndexes(definition.globalIndexes().stream().map(DataTable::index).toList())
                .billing(Billing.onDemand())
                .encryption(TableEncryptionV2.awsManagedKey())
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .timeToLiveAttribute(definition.ttlAttribute())
                .deletionProtection(props.production())
                .replicas(props.replicaRegions().stream()
                        .map(region -> ReplicaTableProps.builder().region(region).build())
                        .toList())
                .removalPolicy(props.production() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
    }

    private static StreamViewType streamViewType(TableDefinition definition, boolean replicated) {
        if (!replicated) {
            return definition.hasStream() ? StreamViewType.valueOf(definition.streamViewType()) : null;
        }
        if (definition.hasStream() && !definition.streamViewType().equals(StreamViewType.NEW_AND_OLD_IMAGES.name())) {
            throw new IllegalArgumentException("table " + definition.id() + " streams " + definition.streamViewType()
                    + ", but a replicated table's stream carries new and old images");
        }
        return StreamViewType.NEW_AND_OLD_IMAGES;
    }

    private static GlobalSecondaryIndexPropsV2 index(GlobalIndex index) {
        return GlobalSecondaryIndexPropsV2.builder()
                .indexName(index.name())
                .partitionKey(attribute(index.partitionKey()))
                .sortKey(attribute(index.sortKey()))
                .projectionType(ProjectionType.ALL)
                .build();
    }

    private static Attribute attribute(KeyAttribute key) {
        AttributeType type = switch (key.type()) {
            case STRING -> AttributeType.STRING;
            case NUMBER -> AttributeType.NUMBER;
            case BINARY -> AttributeType.BINARY;
        };
        return Attribute.builder().name(key.name()).type(type).build();
    }

    public ITable table() {
        return table;
    }

    /** The regions the table is replicated to besides its stack's own; empty when it is not replicated. */
    public List<String> replicaRegions() {
        return replicaRegions;
    }

    public TableDefinition definition() {
        return definition;
    }
}
