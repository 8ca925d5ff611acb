package dev.persona.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * An object opened for reading. Network failures while reading {@link #content()} surface as
 * {@link StorageUnavailableException}, so callers can tell them from problems in the bytes themselves.
 *
 * @param size         length in bytes
 * @param contentType  the stored content type, or null
 * @param userMetadata user metadata ({@code x-amz-meta-*}) with lower-case keys
 * @param content      the bytes
 */
public record StoredObject(long size, String contentType, Map<String, String> userMetadata, InputStream content)
        implements Closeable {

    @Override
    public void close() throws IOException {
        content.close();
    }
}
