package dev.persona.local.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * The issuer's RSA signing key: generated at start, or read back from a data directory so that tokens
 * minted before a restart stay valid after it. The file holds the private key as a JWK, readable by its
 * owner only.
 */
final class SigningKey {

    static final String FILE_NAME = "dev-issuer-signing-key.jwk.json";
    /** The smallest RSA key the authorizer accepts. */
    static final int KEY_BITS = 2048;

    private SigningKey() {
    }

    /** Whether {@code directory} (null: none) holds a key, which {@link #load} reads rather than generates. */
    static boolean isStored(Path directory) {
        return directory != null && Files.exists(directory.resolve(FILE_NAME));
    }

    /** The key kept in {@code directory}, created there first when absent; a fresh one when null. */
    static RSAKey load(Path directory) {
        if (directory == null) {
            return generate();
        }
        Path file = directory.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            RSAKey key = generate();
            write(directory, file, key);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("signing key " + file + " could not be read or written", e);
        }
    }

    private static RSAKey generate() {
        try {
            // The key id is the key's thumbprint: the same key always has the same id.
            return new RSAKeyGenerator(KEY_BITS)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("no RSA key generator", e);
        }
    }

    private static RSAKey read(Path file) throws IOException {
        try {
            RSAKey key = RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!key.isPrivate() || key.getKeyID() == null) {
                throw new IllegalStateException(file + " does not hold a private RSA key with a key id");
            }
            return key;
        } catch (ParseException e) {
            throw new IllegalStateException(file + " is not a JWK: " + e.getMessage(), e);
        }
    }

    /** Written beside its final name with owner-only permissions, then moved into place in one step. */
    private static void write(Path directory, Path file, RSAKey key) throws IOException {
        Files.createDirectories(directory);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path temporary = posix
                ? Files.createTempFile(directory, FILE_NAME, ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(directory, FILE_NAME, ".tmp");
        try {
            Files.writeString(temporary, key.toJSONString(), StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
