package dev.persona.contracts.iam;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import dev.persona.contracts.FunctionDefinition;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.StorageLayout;
import dev.persona.contracts.Tables;
import dev.persona.contracts.iam.Permission.Grantor;
import dev.persona.contracts.iam.Resource.AnyResource;
import dev.persona.contracts.iam.Resource.Bucket;
import dev.persona.contracts.iam.Resource.BucketKey;
import dev.persona.contracts.iam.Resource.BucketObjects;
import dev.persona.contracts.iam.Resource.FunctionAlias;
import dev.persona.contracts.iam.Resource.OwnLogGroup;
import dev.persona.contracts.iam.Resource.PipelineStateMachine;
import dev.persona.contracts.iam.Resource.Table;
import dev.persona.contracts.iam.Resource.TableIndex;
import dev.persona.contracts.iam.Resource.UploaderRole;
import dev.persona.contracts.iam.Resource.FileStreamFailures;
import dev.persona.contracts.iam.Resource.SigningKeySecret;
import dev.persona.contracts.iam.Resource.SigningKeySecretKey;
import dev.persona.contracts.iam.Resource.TableStream;

import static dev.persona.contracts.StorageLayout.FILES_PREFIX;
import static dev.persona.contracts.StorageLayout.PERSONAS_PREFIX;
import static dev.persona.contracts.StorageLayout.PROCESSED_PREFIX;
import static dev.persona.contracts.StorageLayout.UPLOADS_PREFIX;

/**
 * Every principal of the system and what it may do, declared once. The CDK app grants from it
 * ({@code ModelPermissions}), the local runtime enforces it on every AWS call it serves, and a test compares
 * the synthesized IAM statements with it, so the deployed and the local permissions cannot drift apart.
 *
 * <p>Action names are those of the AWS service authorization reference. S3 needs {@code s3:GetObjectVersion}
 * to read an object by version id; every object of the uploads bucket is encrypted with its KMS key (SSE-KMS),
 * so whoever writes needs {@code kms:GenerateDataKey} and whoever reads, or uploads in parts, needs
 * {@code kms:Decrypt}, each only through S3 ({@code kms:ViaService}).
 */
public final class PermissionModel {

    public static final String UPLOADER_ROLE = "uploader";
    public static final String UPLOADER_SESSION_POLICY = "uploader-session";
    public static final String PIPELINE_STATE_MACHINE = "pipeline-state-machine";
    public static final String UPLOAD_RULE = "upload-rule";
    public static final String DOWNLOAD_DISTRIBUTION = "download-distribution";
    public static final String SIGNING_KEY_ROTATION_INVOKER = "signing-key-rotation-invoker";
    public static final String FILE_EVENTS_RULE = "file-events-rule";
    public static final String JOB_OUTCOMES_RULE = "job-outcomes-rule";

    /** The STS actions the credential vendor uses on the uploader role: the session carries tags and a source identity. */
    public static final List<String> UPLOADER_ASSUME_ACTIONS =
            List.of("sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity");

    private static final PermissionModel STANDARD = new PermissionModel(standardPrincipals());

    private final List<Principal> principals;

    private PermissionModel(List<Principal> principals) {
        this.principals = List.copyOf(principals);
        for (Principal principal : principals) {
            if (principals.stream().filter(other -> other.id().equals(principal.id())).count() > 1) {
                throw new IllegalArgumentException("principal declared twice: " + principal.id());
            }
        }
    }

    /** The system's permissions. */
    public static PermissionModel standard() {
        return STANDARD;
    }

    public List<Principal> principals() {
        return principals;
    }

    public Principal principal(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no principal " + id));
    }

    public Optional<Principal> find(String id) {
        return principals.stream().filter(principal -> principal.id().equals(id)).findFirst();
    }

    /** The execution role of a function. */
    public Principal function(FunctionDefinition function) {
        return principal(function.id());
    }

    /**
     * This model with {@code action} taken away from one principal: what a deployment missing that grant would
     * allow. Tests use it to show that the local runtime enforces the model.
     */
    public PermissionModel without(String principalId, String action) {
        Principal principal = principal(principalId);
        Principal reduced = principal.without(action);
        if (reduced.equals(principal)) {
            throw new IllegalArgumentException(principalId + " has no permission for " + action);
        }
        List<Principal> rest = new ArrayList<>();
        for (Principal each : principals) {
            rest.add(each.id().equals(principalId) ? reduced : each);
        }
        return new PermissionModel(rest);
    }

    private static List<Principal> standardPrincipals() {
        List<Principal> principals = new ArrayList<>();
        principals.add(functionRole(LambdaFunctions.PREPROCESS,
                objects(List.of("s3:GetObject", "s3:GetObjectVersion"), UPLOADS_PREFIX,
                        "reads the upload, by the version id its event names"),
                objects(List.of("s3:PutObject", "s3:AbortMultipartUpload"), PROCESSED_PREFIX,
                        "writes the activities and the report, in parts, and abandons them when the upload is refused"),
                bucketKey(List.of("kms:Decrypt", "kms:GenerateDataKey"),
                        "decrypts the upload, encrypts what it writes and decrypts its parts to complete them"),
                items(List.of("dynamodb:GetItem"), Tables.ACCOUNTS, false,
                        "reads the user's profile: their time zone, and whether their bookmarks feed the persona"),
                items(List.of("dynamodb:Query"), Tables.BOOKMARKS, false,
                        "reads the user's bookmarks when their profile allows them as a source")));
        principals.add(functionRole(LambdaFunctions.CATEGORIZE,
                objects(List.of("s3:GetObject"), PROCESSED_PREFIX, "reads the activities"),
                objects(List.of("s3:PutObject", "s3:AbortMultipartUpload"), PROCESSED_PREFIX,
                        "writes the categorized activities in parts"),
                bucketKey(List.of("kms:Decrypt", "kms:GenerateDataKey"),
                        "decrypts what it reads, encrypts what it writes")));
        principals.add(functionRole(LambdaFunctions.BUILD_PERSONA,
                objects(List.of("s3:GetObject"), PROCESSED_PREFIX, "reads the categorized activities"),
                objects(List.of("s3:PutObject", "s3:DeleteObject"), PERSONAS_PREFIX,
                        "writes the persona document, and takes it back when its summary cannot be recorded"),
                bucketKey(List.of("kms:Decrypt", "kms:GenerateDataKey"),
                        "decrypts what it reads, encrypts the persona"),
                items(List.of("dynamodb:PutItem"), Tables.PERSONAS, false, "records the persona's summary"),
                items(List.of("dynamodb:ConditionCheckItem"), Tables.JOBS, false,
                        "records the summary only while its execution still owns the job (one transaction)")));
        principals.add(functionRole(LambdaFunctions.DISCARD, discardPermissions()));
        principals.add(functionRole(LambdaFunctions.AUTHORIZER));
        principals.add(functionRole(LambdaFunctions.GET_AWS_CREDENTIALS,
                new Permission(UPLOADER_ASSUME_ACTIONS, List.of(new UploaderRole()), List.of(), Grantor.MODEL,
                        "assumes the uploader role for one user, with a session policy, tags and a source identity")));
        principals.add(functionRole(LambdaFunctions.UPLOADS, uploadsPermissions()));
        principals.add(functionRole(LambdaFunctions.JOBS, jobsPermissions()));
        List<Permission> personas = new ArrayList<>(List.of(personasPermissions()));
        personas.addAll(List.of(signingKey("signs the persona's download URL with the key it reads once and caches")));
        principals.add(functionRole(LambdaFunctions.PERSONAS, personas.toArray(Permission[]::new)));
        principals.add(functionRole(LambdaFunctions.DELETE_MY_DATA, deletionPermissions()));
        // The tRPC function calls the services of these functions, so it needs exactly what they need together; it
        // offers no persona download link, so it reads the signing key only as the files function does.
        principals.add(functionRole(LambdaFunctions.TRPC, Stream.of(uploadsPermissions(), jobsPermissions(),
                personasPermissions(), deletionPermissions(), profilePermissions(), notePermissions(),
                bookmarkPermissions(), filePermissions()).flatMap(Arrays::stream).toArray(Permission[]::new)));
        principals.add(functionRole(LambdaFunctions.PROFILE, profilePermissions()));
        principals.add(functionRole(LambdaFunctions.NOTES, notePermissions()));
        principals.add(functionRole(LambdaFunctions.BOOKMARKS, bookmarkPermissions()));

        principals.add(functionRole(LambdaFunctions.FILES, filePermissions()));
        principals.add(functionRole(LambdaFunctions.FILE_EVENTS,
                items(List.of("dynamodb:UpdateItem"), Tables.FILES, false,
                        "records the stored object's size, ETag and version, and makes the file AVAILABLE"),
                objects(List.of("s3:DeleteObjectVersion"), FILES_PREFIX,
                        "removes an object stored for a file that no longer exists (its upload URL outlived it)")));
        principals.add(functionRole(LambdaFunctions.FILE_STREAM, fileStreamPermissions()));
        // Counts outcomes from the events alone: it reads and writes no data.
        principals.add(functionRole(LambdaFunctions.JOB_OUTCOMES));
        principals.add(functionRole(LambdaFunctions.SIGNING_KEY_ROTATION,
                new Permission(List.of("secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue",
                        "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"),
                        List.of(new SigningKeySecret()), List.of(), Grantor.MODEL,
                        "the four rotation steps: reads the versions, writes the pending key and moves the stages"),
                new Permission(List.of("kms:Decrypt", "kms:GenerateDataKey"), List.of(new SigningKeySecretKey()),
                        List.of(Condition.viaService("secretsmanager")), Grantor.MODEL,
                        "the secret is encrypted with its own key, through Secrets Manager only"),
                new Permission(List.of("cloudfront:CreatePublicKey", "cloudfront:GetPublicKey",
                        "cloudfront:DeletePublicKey", "cloudfront:ListPublicKeys", "cloudfront:GetKeyGroup",
                        "cloudfront:UpdateKeyGroup"), List.of(new AnyResource()), List.of(), Grantor.MODEL,
                        "registers the new public key, adds it to the key group and removes retired ones; these "
                                + "CloudFront actions support no resource-level permissions")));

        principals.add(new Principal(UPLOADER_ROLE, Principal.Kind.UPLOADER_ROLE, null,
                List.of(Trust.principal(LambdaFunctions.GET_AWS_CREDENTIALS.id(), UPLOADER_ASSUME_ACTIONS)),
                List.of(objects(UploadActions.ACTIONS, UPLOADS_PREFIX,
                                "browsers upload with vended credentials, in parts, resuming and abandoning them"),
                        bucketKey(List.of("kms:GenerateDataKey", "kms:Decrypt"),
                                "uploads are encrypted with the bucket key; parts are decrypted to complete them"))));
        principals.add(new Principal(UPLOADER_SESSION_POLICY, Principal.Kind.UPLOADER_SESSION_POLICY, null, List.of(),
                List.of(new Permission(UploadActions.ACTIONS, List.of(new BucketObjects(UPLOADS_PREFIX, true)),
                                List.of(), Grantor.MODEL, "one user's credentials reach only that user's uploads"),
                        new Permission(List.of("kms:GenerateDataKey", "kms:Decrypt"), List.of(new AnyResource()),
                                List.of(Condition.viaService("s3")), Grantor.MODEL,
                                "the bucket key through S3 only; the role names the key itself"))));

        List<Resource> steps = LambdaFunctions.PIPELINE.stream()
                .map(step -> (Resource) new FunctionAlias(step.function())).toList();
        principals.add(new Principal(PIPELINE_STATE_MACHINE, Principal.Kind.STATE_MACHINE, null,
                List.of(Trust.service("states.amazonaws.com")),
                List.of(new Permission(List.of("lambda:InvokeFunction"), steps, List.of(), Grantor.MODEL,
                                "runs the steps through their aliases"),
                        items(List.of("dynamodb:UpdateItem"), Tables.JOBS, false,
                                "claims the job and records its status"),
                        new Permission(List.of("logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery",
                                "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy",
                                "logs:DescribeResourcePolicies", "logs:DescribeLogGroups"), List.of(new AnyResource()),
                                List.of(), Grantor.CDK, "execution logging through CloudWatch Logs vended delivery"),
                        new Permission(List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords",
                                "xray:GetSamplingRules", "xray:GetSamplingTargets"), List.of(new AnyResource()),
                                List.of(), Grantor.CDK, "X-Ray tracing of executions"))));
        principals.add(new Principal(DOWNLOAD_DISTRIBUTION, Principal.Kind.CDN_ORIGIN, null,
                List.of(Trust.service("cloudfront.amazonaws.com")),
                List.of(objects(List.of("s3:GetObject"), FILES_PREFIX,
                                "serves files to signed URLs, through origin access control"),
                        objects(List.of("s3:GetObject"), PERSONAS_PREFIX,
                                "serves persona documents to signed URLs, through origin access control"),
                        new Permission(List.of("kms:Decrypt"), List.of(new BucketKey()), List.of(), Grantor.MODEL,
                                "decrypts the objects it serves"))));
        principals.add(new Principal(SIGNING_KEY_ROTATION_INVOKER, Principal.Kind.SERVICE, null,
                List.of(Trust.service("secretsmanager.amazonaws.com")),
                List.of(new Permission(List.of("lambda:InvokeFunction"),
                        List.of(new FunctionAlias(LambdaFunctions.SIGNING_KEY_ROTATION)), List.of(), Grantor.MODEL,
                        "runs the four rotation steps of the signing key's secret"))));
        principals.add(new Principal(FILE_EVENTS_RULE, Principal.Kind.SERVICE, null,
                List.of(Trust.service("events.amazonaws.com")),
                List.of(new Permission(List.of("lambda:InvokeFunction"),
                        List.of(new FunctionAlias(LambdaFunctions.FILE_EVENTS)), List.of(), Grantor.CDK,
                        "delivers the files' S3 events to the file-events function"))));
        principals.add(new Principal(JOB_OUTCOMES_RULE, Principal.Kind.SERVICE, null,
                List.of(Trust.service("events.amazonaws.com")),
                List.of(new Permission(List.of("lambda:InvokeFunction"),
                        List.of(new FunctionAlias(LambdaFunctions.JOB_OUTCOMES)), List.of(), Grantor.CDK,
                        "delivers the pipeline's execution status changes to the job-outcomes function"))));
        principals.add(new Principal(UPLOAD_RULE, Principal.Kind.UPLOAD_RULE, null,
                List.of(Trust.service("events.amazonaws.com")),
                List.of(new Permission(List.of("states:StartExecution"), List.of(new PipelineStateMachine()),
                        List.of(), Grantor.CDK, "starts an execution for every upload"))));
        return principals;
    }

    /** Reading the download signing key: its secret, decrypted with its key through Secrets Manager. */
    private static Permission[] signingKey(String reason) {
        return new Permission[] {
            new Permission(List.of("secretsmanager:GetSecretValue"), List.of(new SigningKeySecret()), List.of(),
                    Grantor.MODEL, reason),
            new Permission(List.of("kms:Decrypt"), List.of(new SigningKeySecretKey()),
                    List.of(Condition.viaService("secretsmanager")), Grantor.MODEL,
                    "the signing key's secret is encrypted with its own key, read through Secrets Manager only")
        };
    }

    private static Permission[] profilePermissions() {
        return new Permission[] {
            items(List.of("dynamodb:GetItem"), Tables.ACCOUNTS, false, "reads the caller's profile"),
            items(List.of("dynamodb:PutItem", "dynamodb:UpdateItem"), Tables.ACCOUNTS, false,
                    "creates the profile on first use and changes it")
        };
    }

    private static Permission[] notePermissions() {
        return taggedItemPermissions(Tables.NOTES, "note");
    }

    private static Permission[] bookmarkPermissions() {
        List<Permission> permissions = new ArrayList<>(List.of(taggedItemPermissions(Tables.BOOKMARKS, "bookmark")));
        permissions.add(items(List.of("dynamodb:Query", "dynamodb:BatchWriteItem"), Tables.BOOKMARKS, false,
                "an import reads which bookmarks exist already and writes the new ones in batches"));
        return permissions.toArray(Permission[]::new);
    }

    private static Permission[] filePermissions() {
        List<Permission> permissions = new ArrayList<>();
        permissions.add(items(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"), Tables.FILES,
                false, "registers a file, reads it, and deletes its item (the stream consumer removes its object)"));
        permissions.add(items(List.of("dynamodb:Query"), Tables.FILES, true, "lists the caller's files newest first"));
        permissions.add(items(List.of("dynamodb:GetItem"), Tables.ACCOUNTS, false,
                "reads the caller's usage to refuse what would exceed a quota"));
        permissions.add(objects(List.of("s3:PutObject"), FILES_PREFIX,
                "signs the presigned upload, which acts with its permissions"));
        permissions.add(bucketKey(List.of("kms:GenerateDataKey"), "the presigned upload is encrypted with the bucket key"));
        permissions.addAll(List.of(signingKey("signs download URLs with the key it reads once and caches")));
        return permissions.toArray(Permission[]::new);
    }

    private static Permission[] fileStreamPermissions() {
        return new Permission[] {
            new Permission(List.of("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"),
                    List.of(new TableStream(Tables.FILES)), List.of(), Grantor.MODEL,
                    "the event source mapping reads the files table's stream with the function's role"),
            new Permission(List.of("dynamodb:ListStreams"), List.of(new AnyResource()), List.of(), Grantor.MODEL,
                    "the event source mapping finds the stream; ListStreams supports no resource-level permissions"),
            new Permission(List.of("sqs:SendMessage"), List.of(new FileStreamFailures()), List.of(), Grantor.MODEL,
                    "the event source mapping sends what it could not process to the on-failure queue"),
            items(List.of("dynamodb:UpdateItem", "dynamodb:PutItem"), Tables.ACCOUNTS, false,
                    "counts each user's usage, together with a marker of the applied record, in one transaction"),
            new Permission(List.of("s3:ListBucketVersions"), List.of(new Bucket()),
                    List.of(Condition.listingPrefixes(List.of(FILES_PREFIX))), Grantor.MODEL,
                    "finds every version of a deleted file's object, only below files/"),
            objects(List.of("s3:DeleteObjectVersion"), FILES_PREFIX,
                    "removes every version of a deleted file's object")
        };
    }

    /** The clean-up step: it reads one job, and deletes what is stored under one job id. */
    private static Permission[] discardPermissions() {
        List<Permission> permissions = new ArrayList<>();
        permissions.add(items(List.of("dynamodb:GetItem"), Tables.JOBS, false,
                "reads the job an upload or a run belongs to"));
        for (String area : StorageLayout.JOB_AREAS) {
            permissions.add(objects(List.of("s3:DeleteObject", "s3:DeleteObjectVersion"), area,
                    "deletes an unclaimed upload's version, and every version stored for a job that no longer exists"));
        }
        permissions.add(objects(List.of("s3:AbortMultipartUpload"), UPLOADS_PREFIX,
                "abandons the unfinished uploads of a job that no longer exists"));
        permissions.add(new Permission(List.of("s3:ListBucketVersions"), List.of(new Bucket()),
                List.of(Condition.listingPrefixes(StorageLayout.JOB_AREAS)), Grantor.MODEL,
                "lists the versions stored under one job id, only below the areas of jobs"));
        permissions.add(new Permission(List.of("s3:ListBucketMultipartUploads"), List.of(new Bucket()), List.of(),
                Grantor.MODEL, "lists unfinished uploads below one job's prefix; S3 offers no s3:prefix condition "
                        + "for this action, so the handler confines the listing itself"));
        permissions.add(items(List.of("dynamodb:DeleteItem"), Tables.PERSONAS, false,
                "deletes the persona summary of a job that no longer exists"));
        return permissions.toArray(Permission[]::new);
    }

    private static Permission[] uploadsPermissions() {
        return new Permission[] {
                items(List.of("dynamodb:PutItem"), Tables.JOBS, false, "registers the job awaiting its upload"),
                objects(List.of("s3:PutObject"), UPLOADS_PREFIX,
                        "signs the presigned PUT and POST, which act with its permissions"),
                bucketKey(List.of("kms:GenerateDataKey"), "the presigned uploads are encrypted with the bucket key")};
    }

    private static Permission[] jobsPermissions() {
        return new Permission[] {
                items(List.of("dynamodb:GetItem"), Tables.JOBS, false, "reads one job"),
                items(List.of("dynamodb:Query"), Tables.JOBS, true, "lists the caller's jobs newest first")};
    }

    private static Permission[] personasPermissions() {
        return new Permission[] {
                items(List.of("dynamodb:Query"), Tables.PERSONAS, true, "finds the caller's newest persona"),
                items(List.of("dynamodb:GetItem"), Tables.PERSONAS, false, "finds one persona"),
                objects(List.of("s3:GetObject"), PERSONAS_PREFIX, "reads the persona document"),
                bucketKey(List.of("kms:Decrypt"), "decrypts the persona document")};
    }

    private static Permission[] deletionPermissions() {
        List<Permission> permissions = new ArrayList<>();
        for (String area : StorageLayout.AREAS) {
            permissions.add(objects(List.of("s3:DeleteObject", "s3:DeleteObjectVersion", "s3:AbortMultipartUpload"),
                    area, "deletes every version of the caller's objects and abandons their unfinished uploads"));
        }
        permissions.add(new Permission(List.of("s3:ListBucket", "s3:ListBucketVersions"), List.of(new Bucket()),
                List.of(Condition.listingPrefixes(StorageLayout.AREAS)), Grantor.MODEL,
                "lists the caller's keys and versions, only below the areas"));
        permissions.add(new Permission(List.of("s3:ListBucketMultipartUploads"), List.of(new Bucket()), List.of(),
                Grantor.MODEL, "lists unfinished uploads below the caller's prefixes; S3 offers no s3:prefix "
                        + "condition for this action, so the handler confines the listing itself"));
        for (var table : Tables.ALL) {
            permissions.add(items(List.of("dynamodb:Query", "dynamodb:BatchWriteItem"), table, false,
                    "finds and deletes every item of the caller"));
        }
        return permissions.toArray(Permission[]::new);
    }

    /** What a function keeping tagged items ({@code TaggedItems}) of one table does with them. */
    private static Permission[] taggedItemPermissions(dev.persona.contracts.TableDefinition table, String item) {
        return new Permission[] {
            items(List.of("dynamodb:GetItem", "dynamodb:BatchGetItem"), table, false,
                    "reads one " + item + ", and the " + item + "s a tag listing names"),
            items(List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"), table, false,
                    "writes a " + item + " and its tag memberships in one transaction, conditioned on its revision"),
            items(List.of("dynamodb:Query"), table, true, "lists the caller's " + item + "s newest first, or by tag")
        };
    }

    private static Principal functionRole(FunctionDefinition definition, Permission... permissions) {
        List<Permission> all = new ArrayList<>(List.of(permissions));
        all.add(new Permission(List.of("logs:CreateLogStream", "logs:PutLogEvents"), List.of(new OwnLogGroup()),
                List.of(), Grantor.MODEL, "writes its log lines"));
        all.add(new Permission(List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"), List.of(new AnyResource()),
                List.of(), Grantor.CDK, "active X-Ray tracing"));
        return new Principal(definition.id(), Principal.Kind.FUNCTION, Objects.requireNonNull(definition),
                List.of(Trust.service("lambda.amazonaws.com")), all);
    }

    private static Permission objects(List<String> actions, String area, String reason) {
        return new Permission(actions, List.of(new BucketObjects(area, false)), List.of(), Grantor.MODEL, reason);
    }

    private static Permission bucketKey(List<String> actions, String reason) {
        return new Permission(actions, List.of(new BucketKey()), List.of(Condition.viaService("s3")), Grantor.MODEL,
                reason);
    }

    private static Permission items(List<String> actions, dev.persona.contracts.TableDefinition table, boolean indexes,
            String reason) {
        List<Resource> resources = indexes
                ? table.globalIndexes().stream().map(index -> (Resource) new TableIndex(table, index.name())).toList()
                : List.of(new Table(table));
        return new Permission(actions, resources, List.of(), Grantor.MODEL, reason);
    }

    /** What browsers do with upload credentials. */
    private static final class UploadActions {
        static final List<String> ACTIONS =
                List.of("s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts");
    }
}
