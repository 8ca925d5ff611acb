package dev.persona.infra.stacks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.persona.contracts.TableDefinition;
import dev.persona.contracts.Tables;
import dev.persona.infra.config.StageConfig;
import dev.persona.infra.constructs.AccessLogsBucket;
import dev.persona.infra.constructs.DataTable;
import dev.persona.infra.constructs.DownloadDistribution;
import dev.persona.infra.constructs.UploadsDataEventsTrail;
import dev.persona.infra.constructs.UploadsStorage;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * The stage's data: the uploads bucket with its KMS key, the access-logs bucket and the tables (global tables,
 * replicated to the stage's {@code tableReplicaRegions} when it names any). Kept
 * apart from the compute stacks so those can be redeployed or destroyed without touching data; in
 * production stages everything here is retained and the stack is termination-protected.
 */
public final class DataStack extends Stack {

    private final AccessLogsBucket accessLogs;
    private final UploadsStorage storage;
    private final DataTable jobs;
    private final DataTable personas;
    private final Map<TableDefinition, DataTable> tables = new LinkedHashMap<>();
    private final DownloadDistribution downloads;
    private final UploadsDataEventsTrail uploadsTrail;

    public DataStack(Construct scope, String id, StackProps props, StageConfig config) {
        super(scope, id, props);
        accessLogs = new AccessLogsBucket(this, "AccessLogs",
                new AccessLogsBucket.Props(config.accessLogRetentionDays(), config.dataRemovalPolicy()));
        storage = new UploadsStorage(this, "Uploads", new UploadsStorage.Props(config.allowedOrigins(),
                accessLogs.bucket(), config.uploadRetentionDays(), config.processedRetentionDays(), null,
                config.dataRemovalPolicy()));
        for (TableDefinition definition : Tables.ALL) {
            tables.put(definition, new DataTable(this, definition.id(),
                    new DataTable.Props(definition, config.production(), config.tableReplicaRegions())));
        }
        jobs = tables.get(Tables.JOBS);
        personas = tables.get(Tables.PERSONAS);

        downloads = new DownloadDistribution(this, "Downloads",
                new DownloadDistribution.Props(storage, accessLogs));
        uploadsTrail = config.uploadsDataEventsTrail()
                ? new UploadsDataEventsTrail(this, "UploadsTrail", new UploadsDataEventsTrail.Props(storage,
                        accessLogs, config.accessLogRetentionDays(), config.dataRemovalPolicy()))
                : null;

        CfnOutput.Builder.create(this, "UploadsBucketName")
                .description("Bucket of uploads, processed files and personas")
                .value(storage.bucket().getBucketName())
                .build();
    }

    public AccessLogsBucket accessLogs() {
        return accessLogs;
    }

    public UploadsStorage storage() {
        return storage;
    }

    /** The distribution that serves files and personas to signed URLs, with its key group. */
    public DownloadDistribution downloads() {
        return downloads;
    }

    /** The trail of the uploads bucket's data events, when the stage asks for it. */
    public Optional<UploadsDataEventsTrail> uploadsTrail() {
        return Optional.ofNullable(uploadsTrail);
    }

    public DataTable jobs() {
        return jobs;
    }

    public DataTable personas() {
        return personas;
    }

    /** Every table of {@link Tables#ALL}, by definition. */
    public Map<TableDefinition, DataTable> tables() {
        return Collections.unmodifiableMap(tables);
    }

    public DataTable table(TableDefinition definition) {
        DataTable table = tables.get(definition);
        if (table == null) {
            throw new IllegalArgumentException("no table " + definition.id());
        }
        return table;
    }
}
