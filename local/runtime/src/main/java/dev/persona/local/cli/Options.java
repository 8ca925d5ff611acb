package dev.persona.local.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The arguments of one command: {@code --name VALUE} options and positional arguments. */
final class Options {

    /** Bad arguments: the message says which, the command prints its help after it. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private final Map<String, String> values;
    private final Set<String> flags;
    private final List<String> positional;

    private Options(Map<String, String> values, Set<String> flags, List<String> positional) {
        this.values = values;
        this.flags = flags;
        this.positional = positional;
    }

    static Options parse(List<String> args, Set<String> valued, int maxPositional) throws UsageException {
        return parse(args, valued, Set.of(), maxPositional);
    }

    /**
     * Reads {@code args}: {@code valued} options take the next argument, {@code flags} none, anything else starting
     * with {@code --} is an error, the rest are positional (at most {@code maxPositional}).
     */
    static Options parse(List<String> args, Set<String> valued, Set<String> flags, int maxPositional)
            throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> given = new LinkedHashSet<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (flags.contains(arg)) {
                given.add(arg);
            } else if (valued.contains(arg)) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(arg + " needs a value");
                }
                values.put(arg, args.get(++i));
            } else if (arg.startsWith("--")) {
                throw new UsageException("unknown option '" + arg + "'");
            } else {
                positional.add(arg);
            }
        }
        if (positional.size() > maxPositional) {
            throw new UsageException("unexpected argument '" + positional.get(maxPositional) + "'");
        }
        return new Options(values, Set.copyOf(given), List.copyOf(positional));
    }

    static boolean wantsHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    /** Whether the flag {@code name} was given. */
    boolean has(String name) {
        return flags.contains(name);
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The option as a TCP port (0 to 65535), or {@code fallback} when it is absent. */
    int port(String name, int fallback) throws UsageException {
        Optional<String> value = value(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.get());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a port number, not '" + value.get() + "'");
        }
    }

    List<String> positional() {
        return positional;
    }
}
