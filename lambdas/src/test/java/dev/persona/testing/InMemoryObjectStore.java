package dev.persona.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.persona.storage.ObjectChangedException;
import dev.persona.storage.ObjectNotFoundException;
import dev.persona.storage.ObjectStore;
import dev.persona.storage.ObjectVersion;
import dev.persona.storage.ObjectWriter;
import dev.persona.storage.StoredObject;

/** An {@link ObjectStore} in memory, for unit tests of the steps' logic. */
public final class InMemoryObjectStore implements ObjectStore {

    private record Stored(byte[] content, String contentType, Map<String, String> metadata, String eTag) {
    }

    private final Map<String, Stored> objects = new ConcurrentHashMap<>();
    private int writesAborted;
    private final java.util.concurrent.atomic.AtomicLong bytesServed = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger rangedReads = new java.util.concurrent.atomic.AtomicInteger();

    public void putObject(String bucket, String key, byte[] content, Map<String, String> metadata) {
        objects.put(bucket + "/" + key, new Stored(content, null, new TreeMap<>(metadata),
                Integer.toHexString(java.util.Arrays.hashCode(content))));
    }

    public String eTag(String bucket, String key) {
        return objects.get(bucket + "/" + key).eTag();
    }

    public byte[] bytes(String bucket, String key) {
        Stored stored = objects.get(bucket + "/" + key);
        if (stored == null) {
            throw new ObjectNotFoundException("no " + key, null);
        }
        return stored.content();
    }

    public boolean exists(String bucket, String key) {
        return objects.containsKey(bucket + "/" + key);
    }

    /** Every key, as bucket/key. */
    public Set<String> keys() {
        return Set.copyOf(objects.keySet());
    }

    public int writesAborted() {
        return writesAborted;
    }

    /** Bytes handed out by reads so far (what a network would have carried). */
    public long bytesServed() {
        return bytesServed.get();
    }

    public int rangedReads() {
        return rangedReads.get();
    }

    @Override
    public StoredObject open(String bucket, String key, ObjectVersion version) {
        Stored stored = stored(bucket, key, version);
        return new StoredObject(stored.content().length, stored.contentType(), new HashMap<>(stored.metadata()),
                new Served(stored.content(), 0, stored.content().length));
    }

    @Override
    public java.io.InputStream openRange(String bucket, String key, ObjectVersion version, long offset, long length) {
        Stored stored = stored(bucket, key, version);
        if (offset < 0 || length < 0 || offset + length > stored.content().length) {
            throw new IllegalArgumentException("range outside " + key);
        }
        rangedReads.incrementAndGet();
        return new Served(stored.content(), (int) offset, (int) length);
    }

    private Stored stored(String bucket, String key, ObjectVersion version) {
        Stored stored = objects.get(bucket + "/" + key);
        if (stored == null) {
            throw new ObjectNotFoundException("no " + key, null);
        }
        if (version.eTag() != null && !version.eTag().equals(stored.eTag())) {
            throw new ObjectChangedException("changed " + key, null);
        }
        return stored;
    }

    /** A byte range that counts what is read from it. */
    private final class Served extends ByteArrayInputStream {
        Served(byte[] content, int offset, int length) {
            super(content, offset, length);
        }

        @Override
        public synchronized int read() {
            int b = super.read();
            if (b >= 0) {
                bytesServed.incrementAndGet();
            }
            return b;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            int n = super.read(b, off, len);
            if (n > 0) {
                bytesServed.addAndGet(n);
            }
            return n;
        }
    }

    @Override
    public ObjectWriter create(String bucket, String key, String contentType) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        return new ObjectWriter() {
            private boolean done;

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
                objects.put(bucket + "/" + key, new Stored(buffer.toByteArray(), contentType, Map.of(), "w"));
                done = true;
            }

            @Override
            public void close() {
                if (!done) {
                    writesAborted++;
                    done = true;
                }
            }
        };
    }

    @Override
    public void put(String bucket, String key, byte[] content, String contentType) {
        objects.put(bucket + "/" + key, new Stored(content.clone(), contentType, Map.of(), "p"));
    }

    @Override
    public void delete(String bucket, String key) {
        objects.remove(bucket + "/" + key);
    }
}
