package dev.hexsnap.core.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command of a hexsnap program: its options, or its subcommands, and its help text.
 * Immutable once built; {@link #parse(String...)} turns arguments into {@link Arguments}.
 *
 * <pre>
 * Command grid = Command.named("hexsnap grid", "Build the H3 grid of hot cells into MySQL.")
 *         .option(Option.required("points", "FILE", "request points, CSV (.gz accepted)"))
 *         .option(Option.of("min-count", "N", "leave out cells with fewer requests", "1"));
 * </pre>
 */
public final class Command {

    private final String name;
    private final String summary;
    private final List<Option> options = new ArrayList<>();
    private final Map<String, Command> subcommands = new LinkedHashMap<>();
    private String epilogue = "";

    private Command(String name, String summary) {
        this.name = name;
        this.summary = summary;
    }

    /** A command called {@code name} (the full invocation, e.g. {@code hexsnap worker run}). */
    public static Command named(String name, String summary) {
        return new Command(name, summary);
    }

    public Command option(Option option) {
        options.add(option);
        return this;
    }

    /** Adds a subcommand, whose name is this command's name plus {@code word}. */
    public Command subcommand(String word, Command command) {
        subcommands.put(word, command);
        return this;
    }

    /** Text printed after the options in help (examples, notes). */
    public Command epilogue(String text) {
        this.epilogue = text;
        return this;
    }

    public String name() {
        return name;
    }

    /**
     * Parses arguments. {@code --help} anywhere yields arguments whose {@link Arguments#helpRequested()}
     * is true.
     *
     * @throws UsageException for unknown options, missing values or missing required options
     */
    public Arguments parse(String... args) {
        if (!subcommands.isEmpty()) {
            // Configuration properties may come before the command word; they go down with the rest.
            List<String> rest = new ArrayList<>();
            int word = 0;
            while (word < args.length && isProperty(args[word])) {
                rest.add(args[word++]);
            }
            if (word == args.length || args[word].equals("--help") || args[word].equals("-h") || args[word].equals("help")) {
                return Arguments.help(this);
            }
            Command sub = subcommands.get(args[word]);
            if (sub == null) {
                throw new UsageException("unknown command '" + args[word] + "'; expected one of "
                        + String.join(", ", subcommands.keySet()));
            }
            rest.addAll(List.of(args).subList(word + 1, args.length));
            return sub.parse(rest.toArray(String[]::new)).under(args[word]);
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return Arguments.help(this);
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String key = arg.substring(2);
            String value = null;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            }
            if (key.indexOf('.') > 0) {
                // A configuration property (--spring.datasource.url=..., --hexsnap.redis.nodes=...):
                // handed to Spring as it is, so every setting can be given on the command line.
                if (value == null) {
                    throw new UsageException("--" + key + " needs a value: write --" + key + "=VALUE");
                }
                properties.put(key, value);
                continue;
            }
            Option option = find(key);
            if (option == null) {
                throw new UsageException("unknown option --" + key);
            }
            if (option.isFlag()) {
                if (value != null) {
                    throw new UsageException("--" + key + " takes no value");
                }
                values.put(key, "true");
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new UsageException("--" + key + " needs a value (" + option.valueName() + ")");
                }
                value = args[++i];
            }
            values.put(key, value);
        }
        for (Option option : options) {
            if (!values.containsKey(option.name())) {
                if (option.required()) {
                    throw new UsageException("missing --" + option.name() + " " + option.valueName());
                }
                if (option.defaultValue() != null) {
                    values.put(option.name(), option.defaultValue());
                }
            }
        }
        return new Arguments(this, List.of(), values, properties, false);
    }

    /** {@code --name.with.dots=value}: a configuration property, not an option. */
    private static boolean isProperty(String arg) {
        int eq = arg.indexOf('=');
        return arg.startsWith("--") && arg.substring(2, eq < 0 ? arg.length() : eq).indexOf('.') > 0;
    }

    Option find(String key) {
        for (Option option : options) {
            if (option.name().equals(key)) {
                return option;
            }
        }
        return null;
    }

    /** Prints the help text. */
    public void printHelp(PrintStream out) {
        out.println("Usage: " + name + (subcommands.isEmpty() ? (options.isEmpty() ? "" : " [options]") : " <command> [options]"));
        out.println();
        out.println(summary);
        if (!subcommands.isEmpty()) {
            out.println();
            out.println("Commands:");
            int width = subcommands.keySet().stream().mapToInt(String::length).max().orElse(0);
            subcommands.forEach((word, sub) -> out.printf("  %-" + width + "s  %s%n", word, sub.summary));
            out.println();
            out.println("Run '" + name + " <command> --help' for a command's options.");
        }
        if (!options.isEmpty()) {
            out.println();
            out.println("Options:");
            List<String> heads = new ArrayList<>();
            for (Option option : options) {
                heads.add("--" + option.name() + (option.isFlag() ? "" : " " + option.valueName()));
            }
            int width = Math.max(12, heads.stream().mapToInt(String::length).max().orElse(0));
            for (int i = 0; i < options.size(); i++) {
                Option option = options.get(i);
                String note = option.required() ? " (required)"
                        : option.defaultValue() != null && !option.isFlag() ? " (default: " + option.defaultValue() + ")" : "";
                out.printf("  %-" + width + "s  %s%s%n", heads.get(i), option.description(), note);
            }
            out.printf("  %-" + width + "s  %s%n", "--help", "show this help");
            out.println();
            out.println("Any configuration property can also be given as --name=value (e.g.");
            out.println("--spring.datasource.url=jdbc:mysql://db:3306/hexsnap) or as an environment variable");
            out.println("(SPRING_DATASOURCE_URL); see docs/configuration.md.");
        }
        if (!epilogue.isEmpty()) {
            out.println();
            out.println(epilogue.stripTrailing());
        }
    }
}
