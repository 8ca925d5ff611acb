package dev.persona.e2e;

import dev.persona.local.runtime.PersonaLocalRuntime;

/**
 * One in-memory stack for the test classes that need nothing special of it, started on first use and stopped
 * when the test JVM exits. Tests keep apart by signing in as users of their own.
 */
final class SharedStack {

    private static PersonaLocalRuntime runtime;

    private SharedStack() {
    }

    static synchronized PersonaLocalRuntime get() {
        if (runtime == null) {
            runtime = PersonaLocalRuntime.builder().build().start();
            // The tests sign downloads: the first signing key is rotated in the background once the API serves.
            runtime.awaitSigningKey().ifPresent(failure -> {
                throw new IllegalStateException(failure);
            });
            Runtime.getRuntime().addShutdownHook(new Thread(runtime::stop, "shared-stack-stop"));
        }
        return runtime;
    }
}
