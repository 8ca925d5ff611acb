package dev.persona.local.stepfunctions.asl.states;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.persona.local.stepfunctions.asl.jsonata.JsonataTemplate;
import dev.persona.local.stepfunctions.asl.paths.PayloadTemplate;

/**
 * A distributed Map's ItemReader: where its items come from in S3. {@code s3:getObject} reads one object as JSON
 * (an array), JSON Lines, CSV (a header row or given headers, and a delimiter) or an S3 Inventory manifest;
 * {@code s3:listObjectsV2} lists objects. {@code parameters} (JSONPath) or {@code arguments} (JSONata) name the
 * bucket and key or prefix; MaxItems limits how many items are read.
 */
public record ItemReader(Source source, PayloadTemplate parameters, JsonataTemplate arguments, InputType inputType,
                         CsvHeaderLocation csvHeaderLocation, List<String> csvHeaders, CsvDelimiter csvDelimiter,
                         NumericSetting maxItems) {

    /** The S3 API action the reader calls, by its resource ARN's last part. */
    public enum Source {
        GET_OBJECT("s3:getObject"), LIST_OBJECTS_V2("s3:listObjectsV2");

        private final String action;

        Source(String action) {
            this.action = action;
        }

        public String action() {
            return action;
        }

        public static Optional<Source> ofResource(String resource) {
            for (Source source : values()) {
                if (resource.matches("arn:aws[a-z-]*:states:::" + Pattern.quote(source.action))) {
                    return Optional.of(source);
                }
            }
            return Optional.empty();
        }
    }

    public enum InputType {
        CSV, JSON, JSONL, MANIFEST
    }

    public enum CsvHeaderLocation {
        FIRST_ROW, GIVEN
    }

    /** The delimiters AWS documents for CSVDelimiter, and the character each stands for. */
    public enum CsvDelimiter {
        COMMA(','), PIPE('|'), SEMICOLON(';'), SPACE(' '), TAB('\t');

        private final char character;

        CsvDelimiter(char character) {
            this.character = character;
        }

        public char character() {
            return character;
        }
    }
}
