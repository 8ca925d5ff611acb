package dev.persona.aws;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import dev.persona.storage.ObjectWriter;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Streams an object of unknown length into S3 with one part buffer of memory: small objects become
 * one PutObject at commit, larger ones a multipart upload completed at commit and aborted otherwise.
 */
final class S3MultipartWriter extends ObjectWriter {

    private final S3ObjectStore store;
    private final String bucket;
    private final String key;
    private final String contentType;
    private final byte[] part;
    private final List<CompletedPart> completed = new ArrayList<>();
    private int filled;
    private String uploadId;
    private boolean finished;

    S3MultipartWriter(S3ObjectStore store, String bucket, String key, String contentType, int partSize) {
        this.store = store;
        this.bucket = bucket;
        this.key = key;
        this.contentType = contentType;
        this.part = new byte[partSize];
    }

    @Override
    public void write(int b) {
        if (filled == part.length) {
            flushPart();
        }
        part[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        requireOpen();
        while (len > 0) {
            if (filled == part.length) {
                flushPart();
            }
            int n = Math.min(len, part.length - filled);
            System.arraycopy(b, off, part, filled, n);
            filled += n;
            off += n;
            len -= n;
        }
    }

    private void flushPart() {
        requireOpen();
        S3Client s3 = store.client();
        if (uploadId == null) {
            uploadId = S3ObjectStore.call(bucket, key, () -> s3.createMultipartUpload(
                    b -> b.bucket(bucket).key(key).contentType(contentType)).uploadId());
        }
        int partNumber = completed.size() + 1;
        String eTag = S3ObjectStore.call(bucket, key, () -> s3.uploadPart(
                b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber).contentLength((long) filled),
                body()).eTag());
        completed.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
        filled = 0;
    }

    /** The part buffer as a request body, without copying it. */
    private RequestBody body() {
        int length = filled;
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(part, 0, length), length, contentType);
    }

    @Override
    public void commit() {
        requireOpen();
        S3Client s3 = store.client();
        if (uploadId == null) {
            S3ObjectStore.call(bucket, key, () -> s3.putObject(
                    b -> b.bucket(bucket).key(key).contentType(contentType).contentLength((long) filled), body()));
        } else {
            if (filled > 0) {
                flushPart();
            }
            S3ObjectStore.call(bucket, key, () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(key)
                    .uploadId(uploadId).multipartUpload(m -> m.parts(completed))));
        }
        finished = true;
    }

    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        if (uploadId != null) {
            try {
                store.client().abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException e) {
                // The bucket's lifecycle rule removes incomplete multipart uploads the abort could not.
            }
        }
    }

    private void requireOpen() {
        if (finished) {
            throw new IllegalStateException("writer for s3://" + bucket + "/" + key + " is closed");
        }
    }
}
