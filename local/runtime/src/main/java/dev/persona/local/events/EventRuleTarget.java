package dev.persona.local.events;

/** A rule's target on the {@link LocalEventBus}: what a matching event is delivered to. */
@FunctionalInterface
public interface EventRuleTarget {

    /**
     * Delivers one event. Throwing means the delivery failed: the bus logs it. An event may arrive again after a
     * restart (at least once, like EventBridge), always with the same id.
     *
     * @param eventId   the event's {@code id}
     * @param eventJson the whole event, as its source sent it to EventBridge
     */
    void deliver(String eventId, String eventJson) throws Exception;
}
