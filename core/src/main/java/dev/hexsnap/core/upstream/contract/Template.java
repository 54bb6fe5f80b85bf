package dev.hexsnap.core.upstream.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text of a contract with its variables ({@code {lat}}) and environment values
 * ({@code ${UPSTREAM_TOKEN}}, resolved when the contract is read). Environment values are
 * secrets as far as hexsnap knows: {@link #display} shows them as {@code ***}. Immutable.
 */
final class Template {

    private static final Pattern PART = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}|\\{([A-Za-z][A-Za-z0-9]*)}");

    private sealed interface Part permits Literal, Var, Env {
    }

    private record Literal(String text) implements Part {
    }

    private record Var(Variable variable) implements Part {
    }

    private record Env(String value) implements Part {
    }

    private final List<Part> parts;

    private Template(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /** How a problem in a template is refused: the reader knows the file, line and field. */
    @FunctionalInterface
    interface Refusal {
        ContractException refuse(String problem);
    }

    /**
     * Parses {@code text}.
     *
     * @param allowed the variables the page kind has (null: none, e.g. contract-wide headers)
     */
    static Template parse(String text, java.util.Set<Variable> allowed, String allowedList, UnaryOperator<String> environment,
                          Refusal refusal) {
        List<Part> parts = new ArrayList<>();
        Matcher m = PART.matcher(text);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                parts.add(new Literal(text.substring(at, m.start())));
            }
            if (m.group(1) != null) {
                String value = environment.apply(m.group(1));
                if (value == null) {
                    value = m.group(2);
                }
                if (value == null) {
                    throw refusal.refuse("environment variable " + m.group(1) + " is not set (and ${" + m.group(1)
                            + ":-default} gives none)");
                }
                parts.add(new Env(value));
            } else {
                Variable variable = Variable.byToken(m.group(3));
                if (variable == null || allowed == null || !allowed.contains(variable)) {
                    throw refusal.refuse((variable == null ? "unknown variable {" : "variable not available here {") + m.group(3)
                            + "}; expected one of " + (allowedList.isEmpty() ? "(none here)" : allowedList));
                }
                parts.add(new Var(variable));
            }
            at = m.end();
        }
        if (at < text.length()) {
            parts.add(new Literal(text.substring(at)));
        }
        return new Template(parts);
    }

    /** The variable this template is made of alone, else null. */
    Variable single() {
        return parts.size() == 1 && parts.getFirst() instanceof Var(Variable variable) ? variable : null;
    }

    boolean uses(Variable variable) {
        for (Part part : parts) {
            if (part instanceof Var(Variable v) && v == variable) {
                return true;
            }
        }
        return false;
    }

    /** The text with values in; {@code encode} applies to variable and environment values, never to literal text. */
    String render(Map<Variable, String> values, UnaryOperator<String> encode) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Literal(String text) -> out.append(text);
                case Var(Variable variable) -> out.append(encode.apply(values.getOrDefault(variable, "")));
                case Env(String value) -> out.append(encode.apply(value));
            }
        }
        return out.toString();
    }

    /** As {@link #render}, with environment values shown as {@code ***}: for logs and records. */
    String display(Map<Variable, String> values, UnaryOperator<String> encode) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Literal(String text) -> out.append(text);
                case Var(Variable variable) -> out.append(encode.apply(values.getOrDefault(variable, "")));
                case Env ignored -> out.append("***");
            }
        }
        return out.toString();
    }

    boolean hasSecret() {
        return parts.stream().anyMatch(p -> p instanceof Env);
    }
}
