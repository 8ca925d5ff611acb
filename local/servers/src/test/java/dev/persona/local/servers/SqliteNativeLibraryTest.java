package dev.persona.local.servers;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

import com.amazonaws.services.dynamodbv2.local.shared.access.sqlite.SQLiteLibraryLoader;
import com.amazonaws.services.dynamodbv2.local.shared.access.sqlite.SQLiteLibraryLoaderUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteNativeLibraryTest {

    @Test
    void writesTheLibraryOnceAndFindsItThereAfterwards(@TempDir Path directory) throws Exception {
        Optional<Path> written = SqliteNativeLibrary.copyIn(directory.resolve("native"));

        assertThat(written).isPresent();
        byte[] original;
        try (InputStream in = SQLiteLibraryLoader.class.getResourceAsStream("/" + SQLiteLibraryLoader.class
                .getPackageName().replace('.', '/') + "/native/"
                + SQLiteLibraryLoaderUtil.getNativeLibFolderPathForCurrentOS() + "/"
                + SQLiteLibraryLoaderUtil.getNativeLibName())) {
            original = in.readAllBytes();
        }
        assertThat(Files.readAllBytes(written.get())).isEqualTo(original);
        assertThat(written.get().getFileName().toString()).endsWith("-" + original.length + "-"
                + SQLiteLibraryLoaderUtil.getNativeLibName());
        assertThat(directory.resolve("native").toFile().list()).containsExactly(
                written.get().getFileName().toString());

        FileTime firstWritten = FileTime.fromMillis(0);
        Files.setLastModifiedTime(written.get(), firstWritten);
        assertThat(SqliteNativeLibrary.copyIn(directory.resolve("native"))).contains(written.get());
        assertThat(Files.getLastModifiedTime(written.get())).isEqualTo(firstWritten);
    }

    @Test
    void writesItAgainWhenTheCopyIsIncomplete(@TempDir Path directory) throws Exception {
        Path copy = SqliteNativeLibrary.copyIn(directory).orElseThrow();
        long size = Files.size(copy);
        Files.write(copy, new byte[] {1, 2, 3});

        assertThat(SqliteNativeLibrary.copyIn(directory)).contains(copy);
        assertThat(Files.size(copy)).isEqualTo(size);
    }
}
