package dev.hexsnap.core.upstream.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * A path of the contract: a JSON Pointer whose segments may also be {@code *} (every element
 * of an array, every member of an object) or {@code *[field=value]} (only the elements whose
 * own {@code field} is written as {@code value}). Immutable.
 */
record PagePath(String text, List<Segment> segments) {

    sealed interface Segment permits Field, Any {
    }

    /** One member by name. */
    record Field(String name) implements Segment {
    }

    /** Every element or member; with a filter, only the objects whose {@code field} is {@code value}. */
    record Any(String filterField, String filterValue) implements Segment {

        boolean filtered() {
            return filterField != null;
        }
    }

    PagePath {
        segments = List.copyOf(segments);
    }

    /**
     * Parses an absolute path ({@code /floors/*&#47;stores}) or, with {@code relative}, a field
     * pointer within a record ({@code state/code}), which has no wildcard.
     *
     * @throws IllegalArgumentException saying what cannot match
     */
    static PagePath parse(String text, boolean relative) {
        if (text == null) {
            throw new IllegalArgumentException("a path is required");
        }
        String body;
        if (relative) {
            if (text.isEmpty() || text.startsWith("/")) {
                throw new IllegalArgumentException("'" + text + "' must be a field name or a relative pointer (state/code), not empty nor starting with '/'");
            }
            body = text;
        } else {
            if (text.isEmpty()) {
                return new PagePath(text, List.of());
            }
            if (!text.startsWith("/")) {
                throw new IllegalArgumentException("'" + text + "' must start with '/' (a JSON Pointer) or be empty for the whole page");
            }
            body = text.substring(1);
        }
        List<Segment> segments = new ArrayList<>();
        for (String raw : body.split("/", -1)) {
            if (raw.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "' has an empty segment: no field is named ''");
            }
            if (raw.startsWith("*")) {
                if (relative) {
                    throw new IllegalArgumentException("'" + text + "': a field within a record cannot contain '*'");
                }
                if (raw.equals("*")) {
                    segments.add(new Any(null, null));
                    continue;
                }
                int eq = raw.indexOf('=');
                if (!raw.startsWith("*[") || !raw.endsWith("]") || eq < 0 || eq == 2 || eq == raw.length() - 2) {
                    throw new IllegalArgumentException("'" + text + "': '" + raw + "' is neither '*' nor '*[field=value]'");
                }
                segments.add(new Any(unescape(raw.substring(2, eq)), raw.substring(eq + 1, raw.length() - 1)));
                continue;
            }
            if (raw.contains("*") || raw.matches(".*~[^01].*|.*~$")) {
                throw new IllegalArgumentException("'" + text + "': '" + raw + "' cannot match ('*' stands alone; '~' only as ~0 or ~1)");
            }
            segments.add(new Field(unescape(raw)));
        }
        return new PagePath(text, segments);
    }

    boolean hasWildcard() {
        return segments.stream().anyMatch(s -> s instanceof Any);
    }

    /** This path below {@code prefix} (the contract's data pointer). */
    PagePath under(PagePath prefix) {
        if (prefix.segments.isEmpty()) {
            return this;
        }
        List<Segment> all = new ArrayList<>(prefix.segments);
        all.addAll(segments);
        return new PagePath(prefix.text + text, all);
    }

    private static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }

    @Override
    public String toString() {
        return text;
    }
}
