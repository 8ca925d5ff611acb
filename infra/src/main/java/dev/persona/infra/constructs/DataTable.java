package dev.persona.infra.constructs;

import java.util.Objects;

import dev.persona.contracts.GlobalIndex;
import dev.persona.contracts.KeyAttribute;
import dev.persona.contracts.TableDefinition;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.constructs.Construct;

/**
 * One DynamoDB table exactly as a {@link TableDefinition} of the contracts describes it (keys, global
 * indexes projecting all attributes, TTL attribute, stream): on-demand, encrypted, point-in-time recovery on,
 * deletion protection in production. The table name is left to CloudFormation and reaches handlers
 * through the definition's environment variable.
 *
 * <p>Access is granted from the permission model ({@code ModelPermissions}): exact actions on the table and on
 * its named indexes, never {@code index/*}.
 */
public final class DataTable extends Construct {

    private final TableDefinition definition;
    private final Table table;

    /**
     * @param definition    the table's keys, indexes and TTL attribute. Required
     * @param production    deletion protection on and the table retained when it leaves the stack.
     *                      Default false: the table is deleted with its stack
     */
    public record Props(TableDefinition definition, Boolean production) {

        public Props {
            Objects.requireNonNull(definition, "definition");
            production = production != null && production;
        }
    }

    public DataTable(Construct scope, String id, Props props) {
        super(scope, id);
        definition = props.definition();
        table = Table.Builder.create(this, "Table")
                .stream(definition.hasStream() ? StreamViewType.valueOf(definition.streamViewType()) : null)
                .partitionKey(attribute(definition.partitionKey()))
                .sortKey(attribute(definition.sortKey()))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .encryption(TableEncryption.AWS_MANAGED)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .timeToLiveAttribute(definition.ttlAttribute())
                .deletionProtection(props.production())
                .removalPolicy(props.production() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        for (GlobalIndex index : definition.globalIndexes()) {
            table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                    .indexName(index.name())
                    .partitionKey(attribute(index.partitionKey()))
                    .sortKey(attribute(index.sortKey()))
                    .projectionType(ProjectionType.ALL)
                    .build());
        }
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

    public TableDefinition definition() {
        return definition;
    }
}
