package dev.persona.local.servers;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarEntry;

import com.amazonaws.services.dynamodbv2.local.shared.access.sqlite.SQLiteLibraryLoader;
import com.amazonaws.services.dynamodbv2.local.shared.access.sqlite.SQLiteLibraryLoaderUtil;

/**
 * DynamoDB Local's SQLite library (sqlite4java's native code, inside DynamoDB Local's jar) loaded from a copy kept in
 * a folder. Left to itself, DynamoDB Local writes the library to a new file of the temporary folder at every start,
 * reads it back byte by byte to compare, and leaves it behind when the process is killed: a tenth of a second of the
 * stack's start, and a megabyte in the temporary folder each time. The copy is named after the jar entry's CRC and
 * size, so another version of DynamoDB Local gets its own, and is written whole before it is given its name.
 */
final class SqliteNativeLibrary {

    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";
    private static boolean loaded;

    private SqliteNativeLibrary() {
    }

    /**
     * Loads the library from its copy in {@code directory}, writing the copy first when it is not there. When a
     * library was chosen with {@value #PATH_PROPERTY}, or the copy cannot be written, nothing happens here and
     * DynamoDB Local loads the library as it does by itself.
     */
    static synchronized void loadFrom(Path directory) throws Exception {
        if (loaded || System.getProperty(PATH_PROPERTY) != null) {
            return;
        }
        Optional<Path> copy;
        try {
            copy = copyIn(directory);
        } catch (IOException e) {
            // A folder that cannot be written to (a read-only checkout, a full disk): DynamoDB Local extracts it.
            return;
        }
        if (copy.isEmpty()) {
            return;
        }
        // DynamoDB Local reads the two properties once, when it loads the library: set for that moment only, since
        // other SQLite libraries read the same ones.
        System.setProperty(PATH_PROPERTY, copy.get().getParent().toString());
        System.setProperty(NAME_PROPERTY, copy.get().getFileName().toString());
        try {
            SQLiteLibraryLoader.initialize();
            loaded = true;
        } finally {
            System.clearProperty(PATH_PROPERTY);
            System.clearProperty(NAME_PROPERTY);
        }
    }

    /** The copy of this platform's library in {@code directory}, written when missing; empty when there is none. */
    static Optional<Path> copyIn(Path directory) throws IOException {
        String library = SQLiteLibraryLoaderUtil.getNativeLibName();
        URL resource = SQLiteLibraryLoader.class.getResource("/" + SQLiteLibraryLoader.class.getPackageName()
                .replace('.', '/') + "/native/" + SQLiteLibraryLoaderUtil.getNativeLibFolderPathForCurrentOS() + "/"
                + library);
        if (resource == null) {
            return Optional.empty();
        }
        URLConnection connection = resource.openConnection();
        if (!(connection instanceof JarURLConnection jar)) {
            return Optional.empty();
        }
        connection.setUseCaches(false);
        JarEntry entry = jar.getJarEntry();
        if (entry.getCrc() < 0 || entry.getSize() < 0) {
            return Optional.empty();
        }
        Path copy = directory.resolve(String.format(Locale.ROOT, "%08x-%d-%s", entry.getCrc(), entry.getSize(),
                library));
        if (Files.isRegularFile(copy) && Files.size(copy) == entry.getSize()) {
            return Optional.of(copy);
        }
        Files.createDirectories(directory);
        Path written = Files.createTempFile(directory, library, ".part");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, written, StandardCopyOption.REPLACE_EXISTING);
            Files.move(written, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(written);
        }
        return Optional.of(copy);
    }
}
