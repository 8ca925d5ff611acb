package dev.persona.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import dev.persona.storage.ObjectNotFoundException;
import dev.persona.storage.ObjectStore;
import dev.persona.storage.ObjectVersion;
import dev.persona.storage.ObjectWriter;
import dev.persona.storage.StoredObject;

/** An {@link ObjectStore} over a local folder, so the benchmark measures the steps and not a network. */
final class DirectoryObjectStore implements ObjectStore {

    private final Path root;

    DirectoryObjectStore(Path root) {
        this.root = root;
    }

    Path path(String bucket, String key) {
        return root.resolve(bucket).resolve(key);
    }

    @Override
    public StoredObject open(String bucket, String key, ObjectVersion version) {
        Path file = path(bucket, key);
        try {
            InputStream in = Files.newInputStream(file);
            return new StoredObject(Files.size(file), null, Map.of(), in);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ObjectNotFoundException(key, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream openRange(String bucket, String key, ObjectVersion version, long offset, long length) {
        Path file = path(bucket, key);
        try {
            java.nio.channels.SeekableByteChannel channel = Files.newByteChannel(file).position(offset);
            return new java.io.BufferedInputStream(new java.io.FilterInputStream(
                    java.nio.channels.Channels.newInputStream(channel)) {
                private long left = length;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = super.read(b, off, (int) Math.min(len, left));
                    if (n > 0) {
                        left -= n;
                    }
                    return n;
                }
            }, 1 << 16);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ObjectNotFoundException(key, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ObjectWriter create(String bucket, String key, String contentType) {
        Path target = path(bucket, key);
        try {
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), "upload", ".part");
            OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16);
            return new ObjectWriter() {
                private boolean done;

                @Override
                public void write(byte[] b, int off, int len) {
                    try {
                        out.write(b, off, len);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void commit() {
                    try {
                        out.close();
                        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                        done = true;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void close() {
                    if (!done) {
                        try {
                            out.close();
                            Files.deleteIfExists(temporary);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void put(String bucket, String key, byte[] content, String contentType) {
        try {
            Files.createDirectories(path(bucket, key).getParent());
            Files.write(path(bucket, key), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String bucket, String key) {
        try {
            Files.deleteIfExists(path(bucket, key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
