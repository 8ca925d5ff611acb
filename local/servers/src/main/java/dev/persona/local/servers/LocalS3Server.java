package dev.persona.local.servers;

import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.gaul.s3proxy.AccessGrant;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.gaul.shaded.org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.gaul.shaded.org.eclipse.jetty.server.Server;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * An S3-compatible endpoint on loopback, backed by S3Proxy: in memory, or in a folder that survives
 * restarts. SigV4-authenticated like S3, so the unmodified SDK, presigned URLs and the AWS CLI work.
 */
public final class LocalS3Server implements AutoCloseable {

    public static final String DEFAULT_ACCESS_KEY_ID = "localaccesskey";
    public static final String DEFAULT_SECRET_ACCESS_KEY = "localsecretkey";
    public static final Region REGION = Region.US_EAST_1;
    /** The account owning the local buckets: S3 names it in events and ARNs. */
    public static final String ACCOUNT_ID = "000000000000";

    private final Builder settings;
    private S3Proxy proxy;

    private LocalS3Server(Builder settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the server and creates the configured buckets that do not exist yet. */
    public LocalS3Server start() {
        if (proxy != null) {
            throw new IllegalStateException("already started");
        }
        JettyMemoryLayout.configure();
        BlobStore store = settings.blobStoreDecorator.apply(
                new IdempotentVersionDeletes(new UnfinishedWritesHidden(openStore())));
        // On the store S3Proxy will serve, before it serves, as its CreateBucket and PutBucketVersioning handlers do:
        // a client and two requests would cost the start more than the server itself.
        for (String bucket : settings.buckets) {
            if (!store.containerExists(bucket)) {
                store.createContainer(CreateBucketRequest.builder().bucket(bucket).build());
            }
            if (settings.versioning) {
                store.putBucketVersioning(bucket, BucketVersioningStatus.ENABLED);
            }
        }
        S3Proxy.Builder builder = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://" + settings.host + ":" + settings.port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, settings.accessKeyId, settings.secretAccessKey)
                .ignoreUnknownHeaders(true)
                .stopTimeout(0);
        if (!settings.corsOrigins.isEmpty()) {
            builder.corsRules(new CrossOriginResourceSharing(
                    settings.corsOrigins,
                    List.of("GET", "HEAD", "PUT", "POST", "DELETE"),
                    List.of("*"),
                    List.of("ETag", "x-amz-version-id", "x-amz-request-id"),
                    "false"));
        }
        proxy = builder.build();
        installGate(proxy, new S3RequestFilter(settings.requestGate, settings.corsOrigins));
        if (settings.accessKeys != null) {
            proxy.setBlobStoreLocator((accessKeyId, bucket, key) -> locate(store, accessKeyId, bucket, key));
        }
        try {
            proxy.start();
            awaitStarted();
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        return this;
    }

    /**
     * Puts the gate's filter in front of S3Proxy's servlet; it also tells the store which operation it serves
     * ({@link S3ApiOperation#current()}), with or without a gate. S3Proxy offers no hook before it serves a request, but it serves
     * through a servlet context, which takes filters: the filter is added to that context before the server
     * starts. {@code LocalS3ServerIT} shows the gate sees every request.
     */
    private static void installGate(S3Proxy proxy, Filter filter) {
        Server server;
        try {
            Field field = S3Proxy.class.getDeclaredField("server");
            field.setAccessible(true);
            server = (Server) field.get(proxy);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this S3Proxy version keeps no Jetty server to put the gate in front of", e);
        }
        ServletContextHandler context = server.getDescendant(ServletContextHandler.class);
        if (context == null) {
            throw new IllegalStateException("S3Proxy serves through " + server.getHandler() + ", without a servlet "
                    + "context: the gate cannot be put in front of it");
        }
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
    }

    /**
     * Replaces S3Proxy's single-identity locator: the static credentials keep the whole store, any other
     * key goes to the configured resolver. Anonymous requests (no key) are not resolved here.
     */
    private AccessGrant locate(BlobStore store, String accessKeyId, String bucket, String key) {
        if (accessKeyId == null) {
            return null;
        }
        if (accessKeyId.equals(settings.accessKeyId)) {
            return new AccessGrant(settings.secretAccessKey, store);
        }
        return settings.accessKeys.resolve(accessKeyId, bucket, key, store);
    }

    private BlobStore openStore() {
        if (settings.dataDirectory == null) {
            return new TransientNio2BlobStore();
        }
        try {
            Files.createDirectories(settings.dataDirectory);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return settings.versioning ? new VersionedFilesystemBlobStore(settings.dataDirectory)
                : new FilesystemNio2BlobStore(settings.dataDirectory.toAbsolutePath().toString());
    }

    private void awaitStarted() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!"STARTED".equals(proxy.getState())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("S3Proxy state " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    /** Stops the server; safe to call twice. */
    public void stop() {
        if (proxy == null) {
            return;
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop cleanly", e);
        } finally {
            proxy = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        requireStarted();
        return proxy.getPort();
    }

    public URI endpoint() {
        return URI.create("http://" + settings.host + ":" + port());
    }

    public String accessKeyId() {
        return settings.accessKeyId;
    }

    public String secretAccessKey() {
        return settings.secretAccessKey;
    }

    public StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(settings.accessKeyId, settings.secretAccessKey));
    }

    /**
     * A client for this server. S3Proxy serves buckets path-style. Close it when done.
     *
     * <p>Bodies are signed whole rather than sent {@code aws-chunked}: S3Proxy may answer a chunked upload
     * and close the connection before the SDK has written the last chunk, and the SDK then retries an
     * upload that was already stored (about one PUT in a hundred on a reused connection), creating it twice.
     */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(REGION)
                .credentialsProvider(credentials())
                .forcePathStyle(true)
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** A presigner producing URLs for this server. Close it when done. */
    public S3Presigner presigner() {
        return S3Presigner.builder()
                .endpointOverride(endpoint())
                .region(REGION)
                .credentialsProvider(credentials())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    private void requireStarted() {
        if (proxy == null) {
            throw new IllegalStateException("not started");
        }
    }

    /**
     * Settings with defaults: loopback, a free port, in memory, no buckets, no CORS, no versioning, only
     * the static credentials.
     */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private Path dataDirectory;
        private String accessKeyId = DEFAULT_ACCESS_KEY_ID;
        private String secretAccessKey = DEFAULT_SECRET_ACCESS_KEY;
        private final List<String> buckets = new ArrayList<>();
        private List<String> corsOrigins = List.of();
        private UnaryOperator<BlobStore> blobStoreDecorator = UnaryOperator.identity();
        private boolean versioning;
        private AccessKeyResolver accessKeys;
        private S3RequestGate requestGate;

        private Builder() {
        }

        /** Keep every version of every object in the configured buckets, as the deployed bucket does. */
        public Builder versioning(boolean enabled) {
            this.versioning = enabled;
            return this;
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Keep objects in this folder; without it they live in memory. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        public Builder credentials(String accessKeyId, String secretAccessKey) {
            this.accessKeyId = Objects.requireNonNull(accessKeyId);
            this.secretAccessKey = Objects.requireNonNull(secretAccessKey);
            return this;
        }

        public Builder bucket(String bucket) {
            buckets.add(Objects.requireNonNull(bucket));
            return this;
        }

        /** Browser origins allowed to PUT/POST/GET objects cross-origin. */
        public Builder corsOrigins(List<String> origins) {
            this.corsOrigins = List.copyOf(origins);
            return this;
        }

        /** Wraps the blob store, for example to observe writes. */
        public Builder blobStoreDecorator(UnaryOperator<BlobStore> decorator) {
            this.blobStoreDecorator = Objects.requireNonNull(decorator);
            return this;
        }

        /**
         * Also accept the access keys {@code resolver} knows (for example temporary credentials of a local
         * STS), with the permissions it decides. The static credentials keep full access.
         */
        public Builder accessKeys(AccessKeyResolver resolver) {
            this.accessKeys = Objects.requireNonNull(resolver);
            return this;
        }

        /**
         * Decide every request before S3Proxy serves it (credentials and permissions); without a gate, any request
         * with valid credentials is served.
         */
        public Builder requestGate(S3RequestGate gate) {
            this.requestGate = Objects.requireNonNull(gate);
            return this;
        }

        public LocalS3Server build() {
            return new LocalS3Server(this);
        }
    }
}
