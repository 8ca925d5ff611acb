package dev.persona.local.stepfunctions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.definition.StateMachineDefinition;
import dev.persona.local.stepfunctions.store.ServiceStore;
import dev.persona.local.stepfunctions.time.TimeSource;

/**
 * The state machines of the service: their revisions, versions, aliases and tags, as CreateStateMachine,
 * UpdateStateMachine, PublishStateMachineVersion, the alias operations and the tag operations change them. Every
 * change is written to the store.
 */
final class StateMachineRegistry {

    private static final int MAX_VERSIONS = 1000;
    private static final int MAX_ALIASES = 100;

    private final Map<String, DeployedStateMachine> machines = new ConcurrentHashMap<>();
    private final Arns arns;
    private final TimeSource time;
    private final ServiceStore store;
    private final Function<String, StateMachineDefinition> parse;
    private final RandomGenerator random;

    StateMachineRegistry(Arns arns, TimeSource time, ServiceStore store, Function<String, StateMachineDefinition> parse,
                         RandomGenerator random) {
        this.arns = arns;
        this.time = time;
        this.store = store;
        this.parse = parse;
        this.random = random;
        for (ObjectNode document : store.stateMachines()) {
            String arn = arns.stateMachine(document.path("name").asText());
            machines.put(arn, DeployedStateMachine.fromJson(document, arn, parse));
        }
    }

    /** Where StartExecution goes: the revision to run, and the version and alias it came through (or null). */
    record Target(StateMachineRecord revision, String versionArn, String aliasArn) {
    }

    StateMachineChange create(String name, String definition, String roleArn, StateMachineType type,
                              Map<String, String> tags, boolean publish, String versionDescription) {
        Requests.requireName(name);
        Requests.requireRoleArn(roleArn);
        requireDescriptionOnlyWhenPublishing(publish, versionDescription);
        Requests.requireValidTags(tags);
        if (tags.size() > Requests.MAX_TAGS) {
            throw tooManyTags(arns.stateMachine(name));
        }
        StateMachineDefinition parsed = parse.apply(definition);
        String arn = arns.stateMachine(name);
        Instant now = time.now();
        StateMachineRecord revision = new StateMachineRecord(arn, name, type, definition, parsed, roleArn, now,
                UUID.randomUUID().toString(), now);
        DeployedStateMachine created = new DeployedStateMachine(revision);
        DeployedStateMachine existing = machines.putIfAbsent(arn, created);
        if (existing != null) {
            // AWS's idempotency check: same name, definition and type (and publish parameters); the role and the
            // tags of the repeated request are ignored.
            StateMachineRecord current = existing.current();
            if (current.definitionText().equals(definition) && existing.type() == type) {
                StateMachineVersion version = publish ? existing.publish(versionDescription, now) : null;
                save(existing);
                return new StateMachineChange(current, version);
            }
            throw new StepFunctionsException("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn
                    + "'");
        }
        created.tag(tags);
        StateMachineVersion version = publish ? created.publish(versionDescription, now) : null;
        save(created);
        return new StateMachineChange(revision, version);
    }

    StateMachineChange update(String arn, String definition, String roleArn, boolean publish,
                              String versionDescription) {
        DeployedStateMachine machine = unqualified(arn, "update");
        if (definition == null && roleArn == null) {
            throw new StepFunctionsException("MissingRequiredParameter",
                    "Either the definition or the roleArn must be specified");
        }
        if (roleArn != null) {
            Requests.requireRoleArn(roleArn);
        }
        requireDescriptionOnlyWhenPublishing(publish, versionDescription);
        StateMachineRecord current = machine.current();
        StateMachineRecord revision = new StateMachineRecord(current.arn(), current.name(), current.type(),
                definition == null ? current.definitionText() : definition,
                definition == null ? current.definition() : parse.apply(definition),
                roleArn == null ? current.roleArn() : roleArn, current.creationDate(), UUID.randomUUID().toString(),
                time.now());
        machine.revise(revision);
        StateMachineVersion version = publish ? publish(machine, versionDescription) : null;
        save(machine);
        return new StateMachineChange(revision, version);
    }

    private static void requireDescriptionOnlyWhenPublishing(boolean publish, String versionDescription) {
        if (versionDescription != null && !publish) {
            throw Requests.validation("Version description can only be set when publish is true");
        }
    }

    StateMachineVersion publish(String arn, String revisionId, String description) {
        DeployedStateMachine machine = unqualified(arn, "publish");
        String current = machine.current().revisionId();
        if (revisionId != null && !revisionId.equals(current) && !revisionId.equals("INITIAL")) {
            throw new StepFunctionsException("ConflictException", "Failed to publish the State Machine version "
                    + "for revision " + revisionId + ". The current State Machine revision is " + current + ".");
        }
        StateMachineVersion version = publish(machine, description);
        save(machine);
        return version;
    }

    private StateMachineVersion publish(DeployedStateMachine machine, String description) {
        if (machine.versions().size() >= MAX_VERSIONS) {
            throw new StepFunctionsException("ServiceQuotaExceededException", "The maximum number of versions ("
                    + MAX_VERSIONS + ") was reached for state machine '" + machine.arn() + "'");
        }
        return machine.publish(description, time.now());
    }

    /** The current revision of a state machine, or the revision of a version. */
    StateMachineRecord describe(String arn) {
        Arns.MachineArn parsed = arns.parseStateMachine(arn).orElseThrow(() -> Requests.invalidArn(arn));
        if (parsed.isAlias() || parsed.isMapLabel()) {
            throw Requests.invalidArn(arn);
        }
        DeployedStateMachine machine = machine(parsed.name(), arn);
        if (parsed.isVersion()) {
            return version(machine, parsed, arn).revision();
        }
        return machine.current();
    }

    /** The version named by a version ARN. */
    StateMachineVersion describeVersion(String arn) {
        Arns.MachineArn parsed = arns.parseStateMachine(arn).orElseThrow(() -> Requests.invalidArn(arn));
        if (!parsed.isVersion()) {
            throw Requests.invalidArn(arn);
        }
        return version(machine(parsed.name(), arn), parsed, arn);
    }

    private static StateMachineVersion version(DeployedStateMachine machine, Arns.MachineArn parsed, String arn) {
        return machine.version(Long.parseLong(parsed.qualifier())).orElseThrow(() -> new StepFunctionsException(
                "StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'"));
    }

    List<StateMachineRecord> list() {
        return machines.values().stream().map(DeployedStateMachine::current)
                .sorted(Comparator.comparing(StateMachineRecord::creationDate).thenComparing(StateMachineRecord::name))
                .toList();
    }

    /** Removes a state machine with its versions and aliases; true when there was one. */
    boolean delete(String arn) {
        Arns.MachineArn parsed = arns.parseStateMachine(arn).orElseThrow(() -> Requests.invalidArn(arn));
        if (parsed.qualifier() != null) {
            throw Requests.validation("Qualified state machine ARNs cannot be deleted with DeleteStateMachine: '"
                    + arn + "'");
        }
        DeployedStateMachine removed = machines.remove(arn);
        if (removed != null) {
            store.deleteStateMachine(removed.name());
        }
        return removed != null;
    }

    /** Resolves what StartExecution names: a state machine, one of its versions, or an alias (choosing a version). */
    Target target(String arn) {
        Arns.MachineArn parsed = arns.parseStateMachine(arn).orElseThrow(() -> Requests.invalidArn(arn));
        if (parsed.isMapLabel()) {
            throw Requests.validation("A Distributed Map's state machine ARN cannot start executions: '" + arn + "'");
        }
        DeployedStateMachine machine = machine(parsed.name(), arn);
        if (parsed.isVersion()) {
            return new Target(version(machine, parsed, arn).revision(), arn, null);
        }
        if (parsed.isAlias()) {
            StateMachineAlias alias = machine.alias(parsed.qualifier()).orElseThrow(() -> notFound(arn));
            String versionArn = route(alias);
            StateMachineVersion version = describeVersion(versionArn);
            return new Target(version.revision(), versionArn, arn);
        }
        return new Target(machine.current(), null, null);
    }

    private String route(StateMachineAlias alias) {
        int draw = random.nextInt(100);
        int total = 0;
        for (StateMachineAlias.Route route : alias.routing()) {
            total += route.weight();
            if (draw < total) {
                return route.versionArn();
            }
        }
        return alias.routing().getLast().versionArn();
    }

    List<StateMachineVersion> versions(String arn) {
        return unqualified(arn, "list the versions of").versions();
    }

    void deleteVersion(String versionArn) {
        Arns.MachineArn parsed = arns.parseStateMachine(versionArn).orElseThrow(() -> Requests.invalidArn(versionArn));
        if (!parsed.isVersion()) {
            throw Requests.invalidArn(versionArn);
        }
        DeployedStateMachine machine = machines.get(arns.stateMachine(parsed.name()));
        if (machine == null) {
            return;
        }
        for (StateMachineAlias alias : machine.aliases()) {
            if (alias.routing().stream().anyMatch(route -> route.versionArn().equals(versionArn))) {
                throw new StepFunctionsException("ConflictException", "Version to be deleted must not be referenced "
                        + "by an alias. Current list of aliases referencing this version: [" + alias.arn() + "]");
            }
        }
        if (machine.deleteVersion(Long.parseLong(parsed.qualifier()))) {
            save(machine);
        }
    }

    // ---- aliases ----

    StateMachineAlias createAlias(String name, String description, List<StateMachineAlias.Route> routing) {
        Requests.requireName(name);
        if (name.chars().allMatch(Character::isDigit)) {
            throw new StepFunctionsException("InvalidName", "Invalid Name: '" + name + "' (an alias name cannot be "
                    + "an integer, which would read as a version)");
        }
        DeployedStateMachine machine = routedMachine(routing);
        Instant now = time.now();
        StateMachineAlias alias = new StateMachineAlias(machine.arn() + ":" + name, name, description,
                List.copyOf(routing), now, now);
        synchronized (machine) {
            Optional<StateMachineAlias> existing = machine.alias(name);
            if (existing.isPresent()) {
                StateMachineAlias current = existing.get();
                if (Objects.equals(current.description(), description) && current.routing().equals(routing)) {
                    return current;
                }
                throw new StepFunctionsException("ConflictException", "Failed to create alias because an alias with "
                        + "the same name and a different routing configuration already exists.");
            }
            if (machine.aliases().size() >= MAX_ALIASES) {
                throw new StepFunctionsException("ServiceQuotaExceededException", "The maximum number of aliases ("
                        + MAX_ALIASES + ") was reached for state machine '" + machine.arn() + "'");
            }
            machine.putAlias(alias);
        }
        save(machine);
        return alias;
    }

    StateMachineAlias describeAlias(String aliasArn) {
        Arns.MachineArn parsed = arns.parseStateMachine(aliasArn).orElseThrow(() -> Requests.invalidArn(aliasArn));
        if (!parsed.isAlias()) {
            throw Requests.invalidArn(aliasArn);
        }
        DeployedStateMachine machine = machines.get(arns.stateMachine(parsed.name()));
        if (machine == null) {
            throw notFound(aliasArn);
        }
        return machine.alias(parsed.qualifier()).orElseThrow(() -> notFound(aliasArn));
    }

    /** The aliases of a state machine, or those that route to a version. */
    List<StateMachineAlias> aliases(String arn) {
        Arns.MachineArn parsed = arns.parseStateMachine(arn).orElseThrow(() -> Requests.invalidArn(arn));
        if (parsed.isAlias()) {
            throw Requests.invalidArn(arn);
        }
        DeployedStateMachine machine = machine(parsed.name(), arn);
        if (parsed.isVersion()) {
            version(machine, parsed, arn);
            return machine.aliases().stream().filter(alias -> alias.routing().stream()
                    .anyMatch(route -> route.versionArn().equals(arn))).toList();
        }
        return machine.aliases();
    }

    StateMachineAlias updateAlias(String aliasArn, String description, List<StateMachineAlias.Route> routing) {
        if (description == null && routing == null) {
            throw Requests.validation("Either the description or the routingConfiguration must be specified");
        }
        StateMachineAlias current = describeAlias(aliasArn);
        DeployedStateMachine machine = routing == null ? machines.get(arns.stateMachine(
                arns.parseStateMachine(aliasArn).orElseThrow().name())) : routedMachine(routing);
        if (!aliasArn.startsWith(machine.arn() + ":")) {
            throw Requests.validation("An alias can only route to versions of its own state machine");
        }
        StateMachineAlias updated = new StateMachineAlias(current.arn(), current.name(),
                description != null ? description : current.description(),
                routing != null ? List.copyOf(routing) : current.routing(), current.creationDate(), time.now());
        machine.putAlias(updated);
        save(machine);
        return updated;
    }

    void deleteAlias(String aliasArn) {
        StateMachineAlias alias = describeAlias(aliasArn);
        DeployedStateMachine machine = machines.get(arns.stateMachine(arns.parseStateMachine(aliasArn).orElseThrow()
                .name()));
        if (machine != null && machine.deleteAlias(alias.name())) {
            save(machine);
        }
    }

    /** One or two existing versions of one state machine, with weights from 0 to 100 adding up to 100. */
    private DeployedStateMachine routedMachine(List<StateMachineAlias.Route> routing) {
        if (routing == null || routing.isEmpty() || routing.size() > 2) {
            throw Requests.validation("routingConfiguration must list one or two versions");
        }
        int total = 0;
        DeployedStateMachine machine = null;
        List<String> seen = new ArrayList<>();
        for (StateMachineAlias.Route route : routing) {
            if (route.weight() < 0 || route.weight() > 100) {
                throw Requests.validation("A routing weight must be between 0 and 100");
            }
            total += route.weight();
            StateMachineVersion version = describeVersion(route.versionArn());
            DeployedStateMachine owner = machines.get(version.revision().arn());
            if (machine != null && machine != owner) {
                throw Requests.validation("All versions of a routing configuration must belong to the same state "
                        + "machine");
            }
            if (seen.contains(route.versionArn())) {
                throw Requests.validation("A routing configuration cannot list the same version twice");
            }
            seen.add(route.versionArn());
            machine = owner;
        }
        if (total != 100) {
            throw Requests.validation("The weights of a routing configuration must add up to 100");
        }
        return machine;
    }

    // ---- tags ----

    Map<String, String> tags(String resourceArn) {
        return taggable(resourceArn).tags();
    }

    void tag(String resourceArn, Map<String, String> tags) {
        DeployedStateMachine machine = taggable(resourceArn);
        Requests.requireValidTags(tags);
        synchronized (machine) {
            Map<String, String> merged = new LinkedHashMap<>(machine.tags());
            merged.putAll(tags);
            if (merged.size() > Requests.MAX_TAGS) {
                throw tooManyTags(resourceArn);
            }
            machine.tag(tags);
        }
        save(machine);
    }

    void untag(String resourceArn, List<String> keys) {
        DeployedStateMachine machine = taggable(resourceArn);
        machine.untag(keys);
        save(machine);
    }

    private DeployedStateMachine taggable(String resourceArn) {
        Arns.MachineArn parsed = arns.parseStateMachine(resourceArn)
                .orElseThrow(() -> Requests.invalidArn(resourceArn));
        if (parsed.qualifier() != null || parsed.isMapLabel()) {
            throw Requests.invalidArn(resourceArn);
        }
        DeployedStateMachine machine = machines.get(resourceArn);
        if (machine == null) {
            throw notFound(resourceArn);
        }
        return machine;
    }

    private static StepFunctionsException tooManyTags(String arn) {
        return new StepFunctionsException("TooManyTags", "Too many tags: a resource can have at most "
                + Requests.MAX_TAGS + " tags ('" + arn + "')");
    }

    // ---- lookups ----

    private DeployedStateMachine unqualified(String arn, String action) {
        Arns.MachineArn parsed = arns.parseStateMachine(arn).orElseThrow(() -> Requests.invalidArn(arn));
        if (parsed.qualifier() != null || parsed.isMapLabel()) {
            throw Requests.validation("Cannot " + action + " a qualified state machine ARN: '" + arn + "'");
        }
        return machine(parsed.name(), arn);
    }

    private DeployedStateMachine machine(String name, String requestedArn) {
        DeployedStateMachine machine = machines.get(arns.stateMachine(name));
        if (machine == null) {
            throw new StepFunctionsException("StateMachineDoesNotExist", "State Machine Does Not Exist: '"
                    + requestedArn + "'");
        }
        return machine;
    }

    boolean exists(String unqualifiedArn) {
        return machines.containsKey(unqualifiedArn);
    }

    private static StepFunctionsException notFound(String arn) {
        return new StepFunctionsException("ResourceNotFound", "Resource not found: '" + arn + "'");
    }

    private void save(DeployedStateMachine machine) {
        if (machines.get(machine.arn()) == machine) {
            store.saveStateMachine(machine.name(), machine.toJson());
        }
    }
}
