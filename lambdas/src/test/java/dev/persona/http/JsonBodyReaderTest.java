package dev.persona.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import dev.persona.api.CreateUploadRequest;
import dev.persona.contracts.RequestSchemas;
import dev.persona.api.testing.ApiCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Validation of the create-upload body: the shared schema first, then the limits it cannot express. */
class JsonBodyReaderTest {

    private static final long LIMIT = 1L << 30;
    private static final JsonBodyReader READER = JsonBodyReader.forSchema(RequestSchemas.CREATE_UPLOAD);

    @Test
    void acceptsAValidBody() {
        CreateUploadRequest request = read("""
                {"filename": "MyActivity.json", "contentType": "application/json", "sizeBytes": 1234,
                 "timezone": "Europe/Paris"}""");

        assertThat(request).isEqualTo(new CreateUploadRequest("MyActivity.json", "application/json", 1234,
                "Europe/Paris", null));
        assertThat(read("""
                {"filename": "ViewingActivity.csv", "contentType": "text/csv", "sizeBytes": 1,
                 "viewingProfile": " Zoë "}""").viewingProfile()).isEqualTo("Zoë");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"contentType\":\"text/csv\",\"sizeBytes\":1}                                        | filename",
            "{\"filename\":\"\",\"contentType\":\"text/csv\",\"sizeBytes\":1}                         | filename",
            "{\"filename\":\"a\",\"contentType\":\"image/png\",\"sizeBytes\":1}                       | contentType",
            "{\"filename\":\"a\",\"contentType\":\"text/csv\",\"sizeBytes\":0}                        | sizeBytes",
            "{\"filename\":\"a\",\"contentType\":\"text/csv\",\"sizeBytes\":\"12\"}                   | sizeBytes",
            "{\"filename\":\"a\",\"contentType\":\"text/csv\",\"sizeBytes\":1.5}                      | sizeBytes",
            "{\"filename\":\"a\",\"contentType\":\"text/csv\",\"sizeBytes\":1,\"owner\":\"x\"}         | owner",
            "{\"filename\":\"a\",\"contentType\":\"text/csv\",\"sizeBytes\":1,\"timezone\":\"\"}       | timezone",
            "{\"filename\":\"a\",\"contentType\":\"text/csv\",\"sizeBytes\":1,\"viewingProfile\":\"\"} | viewingProfile",
            "{\"filename\":\"a\",\"contentType\":\"text/csv\",\"sizeBytes\":1,\"viewingProfile\":\"   \"} | viewingProfile",
            "{\"filename\":\"a\",\"contentType\":\"text/csv\",\"sizeBytes\":1,\"viewingProfile\":\"a\\tb\"} | viewingProfile",
            "{\"filename\":7,\"contentType\":\"text/csv\",\"sizeBytes\":1}                           | filename",
            "[1,2]                                                                                 | body",
    })
    void refusesBodiesTheSchemaRefusesNamingTheField(String body, String field) {
        ApiException failure = failure(body.trim());

        assertThat(failure.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(failure.fieldErrors()).extracting(FieldError::field).contains(field.trim());
        assertThat(failure.fieldErrors()).allSatisfy(error -> assertThat(error.message()).isNotBlank()
                .doesNotStartWith("$"));
    }

    @Test
    void reportsEveryInvalidFieldAtOnce() {
        ApiException failure = failure("{\"filename\":\"\",\"contentType\":\"image/png\",\"sizeBytes\":-1}");

        assertThat(failure.fieldErrors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("filename", "contentType", "sizeBytes");
    }

    @Test
    void enforcesTheConfiguredSizeLimitAndRealTimeZones() {
        ApiException failure = failure("{\"filename\":\"a\",\"contentType\":\"text/csv\",\"sizeBytes\":"
                + (LIMIT + 1) + ",\"timezone\":\"Mars/Olympus_Mons\"}");

        assertThat(failure.fieldErrors()).containsExactlyInAnyOrder(
                new FieldError("sizeBytes", "must be at most 1073741824 bytes"),
                new FieldError("timezone", "must be an IANA time zone such as Europe/Paris"));
        assertThat(failure("{\"filename\":\"a\",\"contentType\":\"text/csv\",\"sizeBytes\":1e40}").fieldErrors())
                .extracting(FieldError::field).contains("sizeBytes");
        assertThat(read("{\"filename\":\"a\",\"contentType\":\"text/csv\",\"sizeBytes\":" + LIMIT + "}").sizeBytes())
                .isEqualTo(LIMIT);
    }

    @Test
    void refusesWhatIsNotOneJsonDocument() {
        for (String body : List.of("not json", "{\"filename\":\"a\",\"filename\":\"b\",\"contentType\":\"text/csv\","
                + "\"sizeBytes\":1}", "{} {}", "")) {
            assertThat(failure(body).code()).as(body).isEqualTo(ErrorCode.BAD_REQUEST);
        }
    }

    @Test
    void refusesOtherMediaTypesAndOversizedBodies() {
        ApiRequest form = request(ApiCall.of("POST", "/v1/uploads").jsonBody("{}")
                .header("Content-Type", "application/x-www-form-urlencoded"));
        ApiRequest huge = request(ApiCall.of("POST", "/v1/uploads")
                .jsonBody("{\"filename\":\"" + "a".repeat(JsonBodyReader.MAX_BODY_BYTES) + "\"}"));

        assertThat(catchThrowableOfType(ApiException.class, () -> READER.read(form)).code())
                .isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        assertThat(catchThrowableOfType(ApiException.class, () -> READER.read(huge)).code())
                .isEqualTo(ErrorCode.CONTENT_TOO_LARGE);
    }

    @Test
    void readsBase64EncodedBodiesAndJsonWithCharset() {
        var call = ApiCall.of("POST", "/v1/uploads").jsonBody(Base64.getEncoder().encodeToString(
                "{\"filename\":\"a\",\"contentType\":\"text/csv\",\"sizeBytes\":3}".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json; charset=utf-8");
        var event = call.event();
        event.setIsBase64Encoded(true);

        assertThat(READER.read(ApiRequest.of(event, null)).get("sizeBytes").asLong()).isEqualTo(3);
    }

    private static CreateUploadRequest read(String body) {
        return CreateUploadRequest.from(READER.read(request(ApiCall.of("POST", "/v1/uploads").jsonBody(body))), LIMIT);
    }

    private static ApiException failure(String body) {
        return catchThrowableOfType(ApiException.class, () -> read(body));
    }

    private static ApiRequest request(ApiCall call) {
        return ApiRequest.of(call.event(), null);
    }
}
