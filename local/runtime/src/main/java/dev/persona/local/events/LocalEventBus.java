package dev.persona.local.events;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The account's default event bus, for the events AWS services put on it themselves (locally: Step Functions'
 * "Execution Status Change" events): rules, each an {@link EventPattern} and a target, and an event delivered to the
 * target of every rule it matches, as EventBridge routes it. Delivery happens on the thread that puts the event,
 * rule after rule in the order they were added; a target that fails is logged and not retried (EventBridge retries
 * for up to a day), and the other rules still get the event.
 */
public final class LocalEventBus {

    /** A rule: its name, the events it matches and where they go. */
    public record Rule(String name, EventPattern pattern, EventRuleTarget target) {

        public Rule {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(target, "target");
        }
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();

    /** Adds a rule; its name must be new. Events put from now on reach it. */
    public void addRule(Rule rule) {
        synchronized (rules) {
            if (rules.stream().anyMatch(existing -> existing.name().equals(rule.name()))) {
                throw new IllegalArgumentException("a rule named " + rule.name() + " exists already");
            }
            rules.add(rule);
        }
    }

    public List<String> ruleNames() {
        return rules.stream().map(Rule::name).toList();
    }

    /** Delivers {@code event} to the target of every rule it matches; returns how many matched. */
    public int put(JsonNode event) {
        String id = event.path("id").asText();
        String json = event.toString();
        int matched = 0;
        for (Rule rule : rules) {
            if (!rule.pattern().matches(event)) {
                continue;
            }
            matched++;
            try {
                rule.target().deliver(id, json);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return matched;
            } catch (Exception e) {
                // Looked up when needed: the first lookup of a System.Logger searches the class path for a backend.
                System.getLogger(LocalEventBus.class.getName()).log(System.Logger.Level.WARNING, "the target of rule "
                        + rule.name() + " failed on event " + id + " (" + event.path("detail-type").asText()
                        + "); it is not retried", e);
            }
        }
        return matched;
    }
}
