package dev.persona.local.events;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectCreatedEventTest {

    private static final Instant TIME = Instant.parse("2026-03-01T10:15:30.123456Z");

    @Test
    void isShapedAsS3ShapesItsEventBridgeEvents() {
        ObjectCreatedEvent event = new ObjectCreatedEvent("17793124-05d4-b198-2fde-7ededc63b103", TIME, "111122223333",
                "ca-central-1", "uploads-bucket", "uploads/dev_alice/job-1/events.json", 5,
                "b1946ac92492d2347c6235b4d2611184", "IYV3p45BT0ac8hjHg1houSdS1a.Mro8e", "0000617f08299329",
                "N4N7GDK58NMKJ12R", "111122223333", "127.0.0.1", "PutObject");

        assertThat(event.toJson()).isEqualTo("{\"version\":\"0\",\"id\":\"17793124-05d4-b198-2fde-7ededc63b103\","
                + "\"detail-type\":\"Object Created\",\"source\":\"aws.s3\",\"account\":\"111122223333\","
                + "\"time\":\"2026-03-01T10:15:30Z\",\"region\":\"ca-central-1\","
                + "\"resources\":[\"arn:aws:s3:::uploads-bucket\"],"
                + "\"detail\":{\"version\":\"0\",\"bucket\":{\"name\":\"uploads-bucket\"},"
                + "\"object\":{\"key\":\"uploads/dev_alice/job-1/events.json\",\"size\":5,"
                + "\"etag\":\"b1946ac92492d2347c6235b4d2611184\",\"version-id\":\"IYV3p45BT0ac8hjHg1houSdS1a.Mro8e\","
                + "\"sequencer\":\"0000617f08299329\"},"
                + "\"request-id\":\"N4N7GDK58NMKJ12R\",\"requester\":\"111122223333\","
                + "\"source-ip-address\":\"127.0.0.1\",\"reason\":\"PutObject\"}}");
    }

    @Test
    void anUnversionedObjectHasNoVersionId() {
        ObjectCreatedEvent event = new ObjectCreatedEvent("id", TIME, "000000000000", "us-east-1", "b", "uploads/k", 1,
                "etag", null, "0000000000000001", "R", "000000000000", "127.0.0.1", "PostObject");

        assertThat(event.toJson()).doesNotContain("version-id").contains("\"reason\":\"PostObject\"");
    }

    @Test
    void keysAreUrlEncodedAsInS3EventsKeepingSlashes() {
        assertThat(ObjectCreatedEvent.encodedKey("uploads/dev_a/job-1/My_Activity_1_.json"))
                .isEqualTo("uploads/dev_a/job-1/My_Activity_1_.json");
        assertThat(ObjectCreatedEvent.encodedKey("uploads/u/j/red flower+1 (2)=é.jpg"))
                .isEqualTo("uploads/u/j/red+flower%2B1+%282%29%3D%C3%A9.jpg");
    }
}
