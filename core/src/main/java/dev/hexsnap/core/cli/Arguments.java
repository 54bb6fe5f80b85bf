package dev.hexsnap.core.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parsed command-line arguments: which (sub)command, and option values with typed access.
 * Typed getters throw {@link UsageException} naming the option when a value does not parse.
 */
public final class Arguments {

    private final Command command;
    private final List<String> path;
    private final Map<String, String> values;
    private final Map<String, String> properties;
    private final boolean help;

    Arguments(Command command, List<String> path, Map<String, String> values, Map<String, String> properties, boolean help) {
        this.command = command;
        this.path = path;
        this.values = values;
        this.properties = properties;
        this.help = help;
    }

    static Arguments help(Command command) {
        return new Arguments(command, List.of(), Map.of(), Map.of(), true);
    }

    Arguments under(String word) {
        List<String> longer = new ArrayList<>();
        longer.add(word);
        longer.addAll(path);
        return new Arguments(command, List.copyOf(longer), values, properties, help);
    }

    /** Configuration properties given as {@code --name=value} (names with a dot), in order. */
    public Map<String, String> properties() {
        return properties;
    }

    /** Those properties as Spring Boot command-line arguments ({@code --name=value}). */
    public String[] springArguments() {
        return springArguments(Map.of());
    }

    /**
     * The properties as Spring Boot arguments, with the settings a program derives from its own
     * options ({@code --port 9000} → {@code server.port}) winning over the same property given as
     * {@code --name=value}: Spring would otherwise join both values into one ("8080,9000").
     */
    public String[] springArguments(Map<String, String> fromOptions) {
        Map<String, String> merged = new LinkedHashMap<>(properties);
        merged.putAll(fromOptions);
        return merged.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    /** The command that was parsed (the innermost subcommand). */
    public Command command() {
        return command;
    }

    /** The subcommand words, e.g. {@code [run]} for {@code hexsnap worker run}. */
    public List<String> path() {
        return path;
    }

    /** The first subcommand word, or empty when the command has none. */
    public String subcommand() {
        return path.isEmpty() ? "" : path.getFirst();
    }

    public boolean helpRequested() {
        return help;
    }

    public boolean has(String option) {
        return values.containsKey(option);
    }

    public boolean flag(String option) {
        return "true".equals(values.get(option));
    }

    /** The value, or null when absent and without default. */
    public String get(String option) {
        return values.get(option);
    }

    public String require(String option) {
        String value = values.get(option);
        if (value == null || value.isBlank()) {
            throw new UsageException("missing --" + option);
        }
        return value;
    }

    public int getInt(String option, int min, int max) {
        long value = getLong(option, min, max);
        return (int) value;
    }

    public long getLong(String option, long min, long max) {
        String raw = require(option);
        long value;
        try {
            value = Long.parseLong(raw.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException("--" + option + " must be a whole number, got '" + raw + "'");
        }
        if (value < min || value > max) {
            throw new UsageException("--" + option + " must be within [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    public double getDouble(String option, double min, double max) {
        String raw = require(option);
        double value;
        try {
            value = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + option + " must be a number, got '" + raw + "'");
        }
        if (!(value >= min && value <= max)) {
            throw new UsageException("--" + option + " must be within [" + min + ", " + max + "], got " + raw);
        }
        return value;
    }

    /** A duration such as {@code 30s}, {@code 5m}, {@code 2h}, {@code 500ms} or ISO-8601 {@code PT30S}. */
    public Duration getDuration(String option) {
        String raw = require(option).trim().toLowerCase(Locale.ROOT);
        try {
            if (raw.startsWith("pt") || raw.startsWith("p")) {
                return Duration.parse(raw.toUpperCase(Locale.ROOT));
            }
            if (raw.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(raw.substring(0, raw.length() - 2)));
            }
            long amount = Long.parseLong(raw.substring(0, raw.length() - 1));
            return switch (raw.charAt(raw.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new UsageException("--" + option + " must be a duration such as 30s, 5m or 2h, got '" + raw + "'");
        }
    }

    /** A comma-separated list, trimmed, without empty items. */
    public List<String> getList(String option) {
        String raw = values.get(option);
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
