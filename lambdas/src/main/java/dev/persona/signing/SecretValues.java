package dev.persona.signing;

/** Reads the current value of a secret (its {@code AWSCURRENT} version). */
@FunctionalInterface
public interface SecretValues {

    String current(String secretArn);
}
