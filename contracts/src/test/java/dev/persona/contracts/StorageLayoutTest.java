package dev.persona.contracts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StorageLayoutTest {

    @Test
    void buildsEveryKeyUnderItsAreaAndUser() {
        assertThat(StorageLayout.uploadKey("u-1", "up_2", "a b.csv")).isEqualTo("uploads/u-1/up_2/a b.csv");
        assertThat(StorageLayout.activitiesKey("u-1", "j1")).isEqualTo("processed/u-1/j1/activities.blocks");
        assertThat(StorageLayout.reportKey("u-1", "j1")).isEqualTo("processed/u-1/j1/report.json");
        assertThat(StorageLayout.categorizedKey("u-1", "j1")).isEqualTo("processed/u-1/j1/categorized.blocks");
        assertThat(StorageLayout.personaKey("u-1", "j1")).isEqualTo("personas/u-1/j1/persona.json");
        assertThat(StorageLayout.userPrefixes("u-1"))
                .containsExactly("uploads/u-1/", "processed/u-1/", "personas/u-1/", "files/u-1/");
        assertThat(StorageLayout.fileKey("u-1", "f1", "notes.pdf")).isEqualTo("files/u-1/f1/notes.pdf");
    }

    @Test
    void parsesFileKeysOfExactlyThreeSegments() {
        assertThat(StorageLayout.parseFileKey("files/u1/f1/a.pdf")).contains(new StorageLayout.FileKey("u1", "f1", "a.pdf"));
        assertThat(StorageLayout.parseFileKey("files/u1/f1/dir/a.pdf")).isEmpty();
        assertThat(StorageLayout.parseFileKey("files/u1/f1/")).isEmpty();
        assertThat(StorageLayout.parseFileKey("files/../f1/a.pdf")).isEmpty();
        assertThat(StorageLayout.parseFileKey("uploads/u1/f1/a.pdf")).isEmpty();
        assertThatThrownBy(() -> StorageLayout.fileKey("u1", "f1", "a/b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesIdsThatWouldEscapeTheirSegment() {
        for (String bad : new String[] {"", "a/b", "..", ".", "*", "a*", "ü", "x".repeat(129), null}) {
            assertThat(StorageLayout.isValidId(bad)).as(String.valueOf(bad)).isFalse();
        }
        assertThatThrownBy(() -> StorageLayout.userUploadsPrefix("../other"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StorageLayout.personaKey("u", "a/b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesUploadKeysAndKeepsSlashesInTheFilename() {
        assertThat(StorageLayout.parseUploadKey("uploads/u1/up1/dir/file.json"))
                .contains(new StorageLayout.UploadKey("u1", "up1", "dir/file.json"));
        assertThat(StorageLayout.parseUploadKey("uploads/u1/up1/")).isEmpty();
        assertThat(StorageLayout.parseUploadKey("uploads/u1/file.json")).isEmpty();
        assertThat(StorageLayout.parseUploadKey("processed/u1/up1/file.json")).isEmpty();
        assertThat(StorageLayout.parseUploadKey("uploads/../up1/file.json")).isEmpty();
        assertThat(StorageLayout.parseUploadKey(null)).isEmpty();
    }
}
