package dev.persona.local.cli;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo declares each kind of export with a type a browser would send and the API accepts. */
class DemoContentTypesTest {

    @ParameterizedTest
    @CsvSource({
            "takeout-20240105T101010Z-001.zip, application/zip",
            "takeout-20240105T101010Z-001.tgz, application/x-compressed-tar",
            "takeout.tar.gz, application/x-compressed-tar",
            "takeout.tar, application/x-tar",
            "MyActivity.html, text/html",
            "MyActivity.json, application/json",
            "events.jsonl, application/x-ndjson",
            "ViewingActivity.csv, text/csv",
            "events.csv.gz, application/gzip",
            "notes.bin, application/octet-stream"})
    void everyExportIsDeclaredWithATypeTheApiAccepts(String filename, String expected) throws Exception {
        String declared = DemoCommand.Upload.contentType(filename);

        assertThat(declared).isEqualTo(expected);
        assertThat(acceptedTypes()).contains(declared);
    }

    private static List<String> acceptedTypes() throws Exception {
        try (InputStream in = DemoContentTypesTest.class.getClassLoader()
                .getResourceAsStream("schemas/create-upload-request.json")) {
            assertThat(in).as("the create-upload schema from contracts").isNotNull();
            JsonNode types = new ObjectMapper().readTree(in).at("/properties/contentType/enum");
            List<String> accepted = new ArrayList<>();
            types.forEach(type -> accepted.add(type.asText()));
            return accepted;
        }
    }
}
