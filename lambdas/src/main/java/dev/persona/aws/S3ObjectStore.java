package dev.persona.aws;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.persona.storage.ObjectChangedException;
import dev.persona.storage.ObjectNotFoundException;
import dev.persona.storage.ObjectStore;
import dev.persona.storage.ObjectVersion;
import dev.persona.storage.ObjectWriter;
import dev.persona.storage.StorageUnavailableException;
import dev.persona.storage.StoredObject;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** {@link ObjectStore} over S3 with the SDK v2 client. */
public final class S3ObjectStore implements ObjectStore {

    /** S3's smallest part for all but the last; larger parts mean fewer requests for big outputs. */
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;

    private final S3Client s3;
    private final int partSize;

    public S3ObjectStore(S3Client s3) {
        this(s3, DEFAULT_PART_SIZE);
    }

    public S3ObjectStore(S3Client s3, int partSize) {
        if (partSize < 5 * 1024 * 1024) {
            throw new IllegalArgumentException("S3 parts are at least 5 MiB");
        }
        this.s3 = s3;
        this.partSize = partSize;
    }

    @Override
    public StoredObject open(String bucket, String key, ObjectVersion version) {
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(key);
        pin(request, version);
        ResponseInputStream<GetObjectResponse> response = call(bucket, key, () -> s3.getObject(request.build()));
        GetObjectResponse head = response.response();
        Map<String, String> metadata = new TreeMap<>();
        head.metadata().forEach((name, value) -> metadata.put(name.toLowerCase(Locale.ROOT), value));
        return new StoredObject(head.contentLength() == null ? -1 : head.contentLength(), head.contentType(),
                metadata, new NetworkFailureMapping(response, bucket, key));
    }

    /**
     * A GET with a {@code Range: bytes=first-last} header (both inclusive, as S3 documents for GetObject), pinned to
     * the version like {@link #open}.
     */
    @Override
    public InputStream openRange(String bucket, String key, ObjectVersion version, long offset, long length) {
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(key)
                .range("bytes=" + offset + "-" + (offset + length - 1));
        pin(request, version);
        return new NetworkFailureMapping(call(bucket, key, () -> s3.getObject(request.build())), bucket, key);
    }

    private static void pin(GetObjectRequest.Builder request, ObjectVersion version) {
        if (version.versionId() != null) {
            request.versionId(version.versionId());
        } else if (version.eTag() != null) {
            request.ifMatch(quoted(version.eTag()));
        }
    }

    @Override
    public ObjectWriter create(String bucket, String key, String contentType) {
        return new S3MultipartWriter(this, bucket, key, contentType, partSize);
    }

    @Override
    public void put(String bucket, String key, byte[] content, String contentType) {
        call(bucket, key, () -> s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType),
                RequestBody.fromBytes(content)));
    }

    @Override
    public void delete(String bucket, String key) {
        call(bucket, key, () -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
    }

    S3Client client() {
        return s3;
    }

    /** Runs an S3 call, translating SDK failures into the port's exceptions. */
    static <T> T call(String bucket, String key, java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (NoSuchKeyException e) {
            throw new ObjectNotFoundException("no object s3://" + bucket + "/" + key, e);
        } catch (S3Exception e) {
            throw translate(bucket, key, e);
        } catch (SdkClientException e) {
            throw new StorageUnavailableException("S3 unreachable for s3://" + bucket + "/" + key, e);
        }
    }

    private static RuntimeException translate(String bucket, String key, S3Exception e) {
        String where = "s3://" + bucket + "/" + key;
        return switch (e.statusCode()) {
            case 404 -> new ObjectNotFoundException("no object " + where, e);
            case 412 -> new ObjectChangedException("object replaced: " + where, e);
            case 429, 500, 502, 503, 504 -> new StorageUnavailableException("S3 failed for " + where, e);
            default -> e;
        };
    }

    private static String quoted(String eTag) {
        return eTag.startsWith("\"") ? eTag : "\"" + eTag + "\"";
    }

    /** Reports connection failures during a read as {@link StorageUnavailableException}. */
    private static final class NetworkFailureMapping extends FilterInputStream {
        private final String where;

        NetworkFailureMapping(InputStream in, String bucket, String key) {
            super(in);
            this.where = "s3://" + bucket + "/" + key;
        }

        @Override
        public int read() {
            try {
                return super.read();
            } catch (IOException | SdkException e) {
                throw new StorageUnavailableException("reading " + where + " failed", e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) {
            try {
                return super.read(b, off, len);
            } catch (IOException | SdkException e) {
                throw new StorageUnavailableException("reading " + where + " failed", e);
            }
        }

        @Override
        public void close() throws IOException {
            // Aborting skips draining the rest of a large object we no longer need.
            if (in instanceof ResponseInputStream<?> response) {
                response.abort();
            }
            super.close();
        }
    }
}
