package dev.persona.statemachines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.persona.contracts.StateMachineSubstitutions;

/** Loads the project's state machine definitions from the classpath, where this module packages them. */
public final class StateMachineDefinitions {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    private StateMachineDefinitions() {
    }

    /** The persona pipeline definition as written, placeholders included. */
    public static String pipelineTemplate() {
        return load(StateMachineSubstitutions.PIPELINE_DEFINITION);
    }

    /**
     * The pipeline definition with every placeholder replaced. Fails when a placeholder has no value or a
     * value names no placeholder, so a renamed substitution cannot slip through to a deployment.
     */
    public static String pipeline(Map<String, String> substitutions) {
        String template = pipelineTemplate();
        Set<String> placeholders = placeholders(template);
        if (!placeholders.equals(substitutions.keySet())) {
            throw new IllegalArgumentException("substitutions " + substitutions.keySet()
                    + " do not match the definition's placeholders " + placeholders);
        }
        return StateMachineSubstitutions.substitute(template, substitutions);
    }

    /** The names of the {@code ${Name}} placeholders in a definition. */
    public static Set<String> placeholders(String definition) {
        Set<String> names = new HashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(definition);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** A definition file packaged by this module, by file name. */
    public static String load(String fileName) {
        try (InputStream in = StateMachineDefinitions.class.getClassLoader().getResourceAsStream(fileName)) {
            if (in == null) {
                throw new IllegalArgumentException("no state machine definition on the classpath: " + fileName);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
