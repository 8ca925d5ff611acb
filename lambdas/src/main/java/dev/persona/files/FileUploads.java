package dev.persona.files;

import java.time.Duration;

import dev.persona.api.UploadPresigner;

/** Presigned uploads of one library file: a PUT of exactly its size, stored with its type and disposition. */
@FunctionalInterface
public interface FileUploads {

    UploadPresigner.PresignedPut presignPut(String key, String contentType, long sizeBytes, String contentDisposition,
            Duration lifetime);
}
