package dev.persona.snapstart;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import dev.persona.storage.ObjectNotFoundException;
import dev.persona.storage.ObjectStore;
import dev.persona.storage.ObjectVersion;
import dev.persona.storage.ObjectWriter;
import dev.persona.storage.StoredObject;

/**
 * The object store a step's priming runs its own code on: a map in this process, holding a sample upload and what
 * the steps write from it, so priming reaches the decoders, the block format, the classifier and the aggregator that
 * an empty object from the priming clients never gets to. It lives as long as one priming.
 */
final class PrimingObjectStore implements ObjectStore {

    private final Map<String, byte[]> objects = new HashMap<>();

    @Override
    public StoredObject open(String bucket, String key, ObjectVersion version) {
        byte[] content = content(bucket, key);
        return new StoredObject(content.length, null, Map.of(), new ByteArrayInputStream(content));
    }

    @Override
    public InputStream openRange(String bucket, String key, ObjectVersion version, long offset, long length) {
        byte[] content = content(bucket, key);
        if (offset < 0 || length < 0 || offset + length > content.length) {
            throw new IllegalArgumentException("a range outside " + key);
        }
        return new ByteArrayInputStream(content, (int) offset, (int) length);
    }

    @Override
    public ObjectWriter create(String bucket, String key, String contentType) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        return new ObjectWriter() {
            @Override
            public void write(int b) {
                buffer.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                buffer.write(b, off, len);
            }

            @Override
            public void commit() {
                objects.put(bucket + "/" + key, buffer.toByteArray());
            }

            @Override
            public void close() {
                // An uncommitted write leaves nothing, as on S3.
            }
        };
    }

    @Override
    public void put(String bucket, String key, byte[] content, String contentType) {
        objects.put(bucket + "/" + key, content.clone());
    }

    @Override
    public void delete(String bucket, String key) {
        objects.remove(bucket + "/" + key);
    }

    private byte[] content(String bucket, String key) {
        byte[] content = objects.get(bucket + "/" + key);
        if (content == null) {
            throw new ObjectNotFoundException("no object " + key + " in the priming store", null);
        }
        return content;
    }
}
