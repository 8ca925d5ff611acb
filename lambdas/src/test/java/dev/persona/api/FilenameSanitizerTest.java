package dev.persona.api;

import dev.persona.contracts.StorageLayout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class FilenameSanitizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "MyActivity.json                    | MyActivity.json",
            "C:\\fakepath\\My Activity (1).json | My_Activity_1_.json",
            "../../etc/passwd                   | passwd",
            "..                                 | upload",
            "...json                            | json",
            ".hidden                            | hidden",
            "-rf.csv                            | rf.csv",
            "a..b.csv                           | a.b.csv",
            "Aktivität_Übersicht.json           | Aktivitat_Ubersicht.json",
            "行動履歴.json                       | json",
            "report .csv.                       | report_.csv",
            "x%2F..%2Fy.json                    | x_2F._2Fy.json",
            "'semi;colon|pipe$dollar*star?.gz'  | semi_colon_pipe_dollar_star_.gz",
            "'   '                              | upload",
    })
    void keepsOnlyASafeBaseName(String reported, String sanitized) {
        assertThat(FilenameSanitizer.sanitize(reported)).isEqualTo(sanitized);
    }

    @ParameterizedTest
    @CsvSource({"json", "gz", "averyveryveryverylongextension"})
    void shortensLongNamesKeepingTheExtension(String extension) {
        String sanitized = FilenameSanitizer.sanitize("a".repeat(300) + "." + extension);

        assertThat(sanitized).hasSizeLessThanOrEqualTo(FilenameSanitizer.MAX_LENGTH).startsWith("aaaa");
        if (extension.length() <= 16) {
            assertThat(sanitized).endsWith("." + extension);
        }
        assertThat(StorageLayout.parseUploadKey(StorageLayout.uploadKey("u", "j", sanitized))).isPresent();
    }
}
