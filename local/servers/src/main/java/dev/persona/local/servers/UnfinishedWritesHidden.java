package dev.persona.local.servers;

import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Keeps writes that have not finished out of listings, as S3 does: an object exists from the moment its
 * write completes. S3Proxy's NIO.2 stores receive a body (or join a multipart upload's parts, or copy) into a
 * file beside the key's, named {@code <key>-<random UUID>}, and rename it onto the key when it is complete;
 * until then their listings show that file as an object with the version id {@code null}. A delete-my-data
 * running meanwhile would delete it under the writer, fail the write with a 500, and leave the bytes still
 * arriving in a version no later listing names (security finding 5).
 *
 * <p>An entry is hidden when its key is {@code <key>-<UUID>} and a write to {@code <key>} in the same bucket
 * was in progress at any moment during the listing: writes that finished before the listing began have
 * already renamed their file. A key of that shape with no write in progress is an object like any other.
 */
final class UnfinishedWritesHidden extends ForwardingBlobStore {

    /** The name S3Proxy gives a write's file: the key, a hyphen and a random UUID. */
    private static final Pattern WRITE_FILE = Pattern.compile(
            "(.+)-\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    private record BucketKey(String bucket, String key) {
    }

    private final Object lock = new Object();
    /** Writes in progress, by destination; guarded by {@link #lock}. */
    private final Map<BucketKey, Integer> writing = new HashMap<>();
    /** Listings in progress; guarded by {@link #lock}. */
    private int listings;
    /** Writes that ended while a listing was in progress, until none is; guarded by {@link #lock}. */
    private final Set<BucketKey> endedDuringListings = new HashSet<>();

    UnfinishedWritesHidden(BlobStore store) {
        super(store);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream payload) {
        return writing(request.bucket(), request.key(), () -> delegate().putBlob(request, payload));
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        return writing(request.destinationBucket(), request.destinationKey(), () -> delegate().copyBlob(request));
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
            CompleteMultipartUploadRequest request) {
        return writing(upload.containerName(), upload.blobName(),
                () -> delegate().completeMultipartUpload(upload, request));
    }

    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        Listed<ListObjectsV2Response> listed = listed(() -> delegate().list(request));
        ListObjectsV2Response page = listed.page();
        Predicate<String> unfinished = listed.unfinishedWriteIn(request.bucket());
        if (page.contents().stream().map(S3Object::key).noneMatch(unfinished)) {
            return page;
        }
        List<S3Object> contents = page.contents().stream().filter(object -> !unfinished.test(object.key())).toList();
        return page.toBuilder().contents(contents).keyCount(contents.size() + page.commonPrefixes().size()).build();
    }

    @Override
    public ListObjectVersionsResponse listVersions(ListObjectVersionsRequest request) {
        Listed<ListObjectVersionsResponse> listed = listed(() -> delegate().listVersions(request));
        ListObjectVersionsResponse page = listed.page();
        Predicate<String> unfinished = listed.unfinishedWriteIn(request.bucket());
        if (page.versions().stream().map(ObjectVersion::key).noneMatch(unfinished)) {
            return page;
        }
        return page.toBuilder()
                .versions(page.versions().stream().filter(version -> !unfinished.test(version.key())).toList())
                .build();
    }

    private <T> T writing(String bucket, String key, Supplier<T> write) {
        BucketKey destination = new BucketKey(bucket, key);
        synchronized (lock) {
            writing.merge(destination, 1, Integer::sum);
        }
        try {
            return write.get();
        } finally {
            synchronized (lock) {
                writing.computeIfPresent(destination, (unused, count) -> count == 1 ? null : count - 1);
                if (listings > 0) {
                    endedDuringListings.add(destination);
                }
            }
        }
    }

    /** Lists, and notes every destination written to at any moment while it did. */
    private <T> Listed<T> listed(Supplier<T> list) {
        synchronized (lock) {
            listings++;
        }
        try {
            return new Listed<>(list.get(), this);
        } finally {
            synchronized (lock) {
                if (--listings == 0) {
                    endedDuringListings.clear();
                }
            }
        }
    }

    /** A page, and the destinations written to while it was listed. */
    private record Listed<T>(T page, Set<BucketKey> written) {

        Listed(T page, UnfinishedWritesHidden store) {
            this(page, store.writtenDuringListings());
        }

        /** True for the key of a write's file whose write was in progress while the page was listed. */
        Predicate<String> unfinishedWriteIn(String bucket) {
            return key -> {
                Matcher file = WRITE_FILE.matcher(key);
                return file.matches() && written.contains(new BucketKey(bucket, file.group(1)));
            };
        }
    }

    private Set<BucketKey> writtenDuringListings() {
        synchronized (lock) {
            Set<BucketKey> written = new HashSet<>(writing.keySet());
            written.addAll(endedDuringListings);
            return written;
        }
    }
}
