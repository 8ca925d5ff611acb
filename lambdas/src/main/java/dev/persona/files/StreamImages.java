package dev.persona.files;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.FileAttributes;

/** Item images of a DynamoDB stream record, in DynamoDB's JSON ({@code {"S": "…"}}, {@code {"N": "…"}}). */
final class StreamImages {

    private StreamImages() {
    }

    static Image of(JsonNode image) {
        return new Image(image);
    }

    /** One image; absent (a missing node) for the side a record does not have. */
    record Image(JsonNode attributes) {

        String text(String name) {
            JsonNode value = attributes.path(name).path("S");
            return value.isMissingNode() ? null : value.asText();
        }

        Long number(String name) {
            JsonNode value = attributes.path(name).path("N");
            return value.isMissingNode() ? null : Long.valueOf(value.asText());
        }

        String userId() {
            String userId = text(FileAttributes.USER_ID);
            if (userId == null) {
                throw new IllegalArgumentException("a files stream record without the image it needs");
            }
            return userId;
        }
    }
}
