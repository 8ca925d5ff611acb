package dev.persona.local.events;

/**
 * Where upload events go: the rule's target. The local runtime starts a pipeline execution with the
 * event as its input, as the deployed rule does.
 */
@FunctionalInterface
public interface UploadEventTarget {

    /**
     * Delivers one event. Returning normally means delivered; throwing means the delivery failed and is
     * retried later. An event may arrive again after a crash between its delivery and its recording as
     * delivered (at-least-once, like EventBridge), always with the same id: a target derives what must
     * happen only once (an execution name) from {@code eventId}.
     *
     * @param eventId   the event's {@code id}
     * @param eventJson the whole event, as S3 sends it to EventBridge
     */
    void deliver(String eventId, String eventJson) throws Exception;
}
