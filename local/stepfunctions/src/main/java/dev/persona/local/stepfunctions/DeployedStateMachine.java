package dev.persona.local.stepfunctions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.definition.StateMachineDefinition;

/**
 * A state machine as the service holds it: its current revision, its published versions, its aliases and its
 * tags, and how all of that is written to and read from a data directory. Guarded by its own lock.
 */
final class DeployedStateMachine {

    private final String name;
    private final String arn;
    private final StateMachineType type;
    private final Instant creationDate;
    private final TreeMap<Long, StateMachineVersion> versions = new TreeMap<>();
    private final Map<String, StateMachineAlias> aliases = new LinkedHashMap<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private StateMachineRecord current;
    private long nextVersion = 1;

    DeployedStateMachine(StateMachineRecord first) {
        this.name = first.name();
        this.arn = first.arn();
        this.type = first.type();
        this.creationDate = first.creationDate();
        this.current = first;
    }

    String name() {
        return name;
    }

    String arn() {
        return arn;
    }

    StateMachineType type() {
        return type;
    }

    Instant creationDate() {
        return creationDate;
    }

    synchronized StateMachineRecord current() {
        return current;
    }

    synchronized void revise(StateMachineRecord revision) {
        current = revision;
    }

    /** The version of the current revision, published now unless it was before. */
    synchronized StateMachineVersion publish(String description, Instant now) {
        for (StateMachineVersion version : versions.values()) {
            if (version.revision().revisionId().equals(current.revisionId())) {
                return version;
            }
        }
        long number = nextVersion++;
        StateMachineVersion version = new StateMachineVersion(arn + ":" + number, number, current, description, now);
        versions.put(number, version);
        return version;
    }

    synchronized Optional<StateMachineVersion> version(long number) {
        return Optional.ofNullable(versions.get(number));
    }

    /** Newest first, as ListStateMachineVersions lists them. */
    synchronized List<StateMachineVersion> versions() {
        return new ArrayList<>(versions.descendingMap().values());
    }

    synchronized boolean deleteVersion(long number) {
        return versions.remove(number) != null;
    }

    synchronized Optional<StateMachineAlias> alias(String aliasName) {
        return Optional.ofNullable(aliases.get(aliasName));
    }

    /** Newest first, as ListStateMachineAliases lists them. */
    synchronized List<StateMachineAlias> aliases() {
        List<StateMachineAlias> all = new ArrayList<>(aliases.values());
        all.sort((a, b) -> b.creationDate().compareTo(a.creationDate()));
        return all;
    }

    synchronized void putAlias(StateMachineAlias alias) {
        aliases.put(alias.name(), alias);
    }

    synchronized boolean deleteAlias(String aliasName) {
        return aliases.remove(aliasName) != null;
    }

    synchronized Map<String, String> tags() {
        return new LinkedHashMap<>(tags);
    }

    synchronized void tag(Map<String, String> added) {
        tags.putAll(added);
    }

    synchronized void untag(List<String> keys) {
        keys.forEach(tags::remove);
    }

    // ---- data directory ----

    synchronized ObjectNode toJson() {
        ObjectNode document = Json.object();
        document.put("name", name);
        document.put("type", type.name());
        document.put("creationDate", creationDate.toString());
        document.set("current", revision(current));
        document.put("nextVersion", nextVersion);
        ArrayNode versionsNode = document.putArray("versions");
        for (StateMachineVersion version : versions.values()) {
            ObjectNode node = revision(version.revision());
            node.put("number", version.number());
            node.put("description", version.description());
            node.put("versionCreationDate", version.creationDate().toString());
            versionsNode.add(node);
        }
        ArrayNode aliasesNode = document.putArray("aliases");
        for (StateMachineAlias alias : aliases.values()) {
            ObjectNode node = aliasesNode.addObject();
            node.put("name", alias.name());
            node.put("description", alias.description());
            node.put("creationDate", alias.creationDate().toString());
            node.put("updateDate", alias.updateDate().toString());
            ArrayNode routing = node.putArray("routing");
            alias.routing().forEach(route -> routing.addObject().put("versionArn", route.versionArn())
                    .put("weight", route.weight()));
        }
        ObjectNode tagsNode = document.putObject("tags");
        tags.forEach(tagsNode::put);
        return document;
    }

    private static ObjectNode revision(StateMachineRecord revision) {
        ObjectNode node = Json.object();
        node.put("definition", revision.definitionText());
        node.put("roleArn", revision.roleArn());
        node.put("revisionId", revision.revisionId());
        node.put("updateDate", revision.updateDate().toString());
        return node;
    }

    /** Reads a state machine back; {@code parse} compiles its definitions again. */
    static DeployedStateMachine fromJson(JsonNode document, String arn,
                                         Function<String, StateMachineDefinition> parse) {
        String name = document.path("name").asText();
        StateMachineType type = StateMachineType.valueOf(document.path("type").asText());
        Instant created = Instant.parse(document.path("creationDate").asText());
        DeployedStateMachine machine = new DeployedStateMachine(revision(document.path("current"), arn, name, type,
                created, parse));
        machine.nextVersion = document.path("nextVersion").asLong(1);
        for (JsonNode node : document.path("versions")) {
            long number = node.path("number").asLong();
            machine.versions.put(number, new StateMachineVersion(arn + ":" + number, number,
                    revision(node, arn, name, type, created, parse), node.path("description").textValue(),
                    Instant.parse(node.path("versionCreationDate").asText())));
        }
        for (JsonNode node : document.path("aliases")) {
            List<StateMachineAlias.Route> routing = new ArrayList<>();
            node.path("routing").forEach(route -> routing.add(new StateMachineAlias.Route(
                    route.path("versionArn").asText(), route.path("weight").asInt())));
            String aliasName = node.path("name").asText();
            machine.aliases.put(aliasName, new StateMachineAlias(arn + ":" + aliasName, aliasName,
                    node.path("description").textValue(), List.copyOf(routing),
                    Instant.parse(node.path("creationDate").asText()),
                    Instant.parse(node.path("updateDate").asText())));
        }
        document.path("tags").properties().forEach(tag -> machine.tags.put(tag.getKey(), tag.getValue().asText()));
        return machine;
    }

    private static StateMachineRecord revision(JsonNode node, String arn, String name, StateMachineType type,
                                               Instant created, Function<String, StateMachineDefinition> parse) {
        String definition = node.path("definition").asText();
        return new StateMachineRecord(arn, name, type, definition, parse.apply(definition),
                node.path("roleArn").asText(), created, node.path("revisionId").asText(),
                Instant.parse(node.path("updateDate").asText()));
    }
}
