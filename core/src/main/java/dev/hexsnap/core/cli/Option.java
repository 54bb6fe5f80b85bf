package dev.hexsnap.core.cli;

/**
 * A {@code --name value} (or {@code --name=value}) option, or a {@code --name} flag.
 *
 * @param name         long name without dashes, e.g. {@code min-count}
 * @param valueName    what the value is, for help (e.g. {@code N}); null for a flag
 * @param description  one line for help
 * @param defaultValue the value when absent, null for none
 * @param required     whether it must be given
 */
public record Option(String name, String valueName, String description, String defaultValue, boolean required) {

    /** An optional option with a default (null for none). */
    public static Option of(String name, String valueName, String description, String defaultValue) {
        return new Option(name, valueName, description, defaultValue, false);
    }

    /** A required option. */
    public static Option required(String name, String valueName, String description) {
        return new Option(name, valueName, description, null, true);
    }

    /** A flag: present or not. */
    public static Option flag(String name, String description) {
        return new Option(name, null, description, null, false);
    }

    public boolean isFlag() {
        return valueName == null;
    }
}
