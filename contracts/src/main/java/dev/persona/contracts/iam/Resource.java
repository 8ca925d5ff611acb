package dev.persona.contracts.iam;

import java.util.Objects;

import dev.persona.contracts.FunctionDefinition;
import dev.persona.contracts.StorageLayout;
import dev.persona.contracts.TableDefinition;

/**
 * A resource a {@link Permission} names, by what it is in the system rather than by ARN: the CDK app
 * resolves it to the ARN of the resource it creates, the local runtime to the ARN of its local stand-in
 * ({@link ResourceNames}).
 */
public sealed interface Resource {

    /**
     * Objects below one area of the uploads bucket ({@code arn:aws:s3:::{bucket}/{area}*}), or, for a
     * session of one user, below that user's folder of the area ({@code …/{area}{userId}/*}).
     */
    record BucketObjects(String area, boolean perUser) implements Resource {
        public BucketObjects {
            if (!StorageLayout.AREAS.contains(area)) {
                throw new IllegalArgumentException("not an area of the bucket: " + area);
            }
        }
    }

    /** The uploads bucket itself ({@code arn:aws:s3:::{bucket}}): listings. */
    record Bucket() implements Resource {
    }

    /** The customer-managed KMS key the uploads bucket encrypts every object with (SSE-KMS). */
    record BucketKey() implements Resource {
    }

    /** A table. */
    record Table(TableDefinition table) implements Resource {
        public Table {
            Objects.requireNonNull(table, "table");
        }
    }

    /** One global secondary index of a table ({@code …:table/{name}/index/{index}}). */
    record TableIndex(TableDefinition table, String index) implements Resource {
        public TableIndex {
            if (table.globalIndexes().stream().noneMatch(each -> each.name().equals(index))) {
                throw new IllegalArgumentException("table " + table.id() + " has no index " + index);
            }
        }
    }

    /** The {@code live} alias of a function, which every caller invokes. */
    record FunctionAlias(FunctionDefinition function) implements Resource {
        public FunctionAlias {
            Objects.requireNonNull(function, "function");
        }
    }

    /** The pipeline's state machine. */
    record PipelineStateMachine() implements Resource {
    }

    /** The role the credential vendor assumes to mint upload credentials. */
    record UploaderRole() implements Resource {
    }

    /** The Secrets Manager secret holding the key that signs download URLs. */
    record SigningKeySecret() implements Resource {
    }

    /** The customer-managed KMS key that encrypts the signing key's secret. */
    record SigningKeySecretKey() implements Resource {
    }

    /** The DynamoDB stream of a table ({@code …:table/{name}/stream/{label}}). */
    record TableStream(TableDefinition table) implements Resource {
        public TableStream {
            if (!table.hasStream()) {
                throw new IllegalArgumentException("table " + table.id() + " has no stream");
            }
        }
    }

    /** The queue where the file stream's event source mapping puts records it could not process. */
    record FileStreamFailures() implements Resource {
    }

    /** The log group of the function whose role holds the permission. */
    record OwnLogGroup() implements Resource {
    }

    /** {@code *}: for actions that support no resource-level permissions (X-Ray, vended log delivery). */
    record AnyResource() implements Resource {
    }
}
