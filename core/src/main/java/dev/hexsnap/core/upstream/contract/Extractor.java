package dev.hexsnap.core.upstream.contract;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every path a page kind reads, compiled once into one tree of field names and wildcards, and
 * walked in one pass over Jackson's token stream: members no path goes into are skipped
 * ({@link JsonParser#skipChildren()}), nothing is built but the values asked for. Two kinds of
 * capture:
 *
 * <ul>
 * <li><b>values</b>: one value at a path without wildcard (a status, a total); the first wins;
 * <li><b>records</b>: every object a path with wildcards reaches ({@code /floors/*&#47;stores/*}),
 * with fields read relative to it (null: not read); a record may hold records of its own kind (a nested category
 * tree: the parent is kept) and know the record of another selector it lies in (its floor).
 * </ul>
 *
 * A wildcard {@code *[field=value]} keeps only the elements whose {@code field} is written as
 * {@code value}; since that field may come after what it filters, the records found in an
 * element are dropped at the element's end when it does not match.
 *
 * <p>Values are kept as written: a string's text, a number's JSON text ({@code 0}, {@code 2.50}),
 * {@code true}/{@code false}; JSON null and objects or arrays where a value is expected count as absent.
 *
 * <p>Immutable once built, thread-safe; {@link #read} allocates only its results.
 */
final class Extractor {

    private static final int[] NONE = {};

    /** A place in the compiled tree: where the stream is, which captures happen here. */
    private static final class Node {
        Map<String, Node> fields;
        Node any;
        int[] values = NONE;
        int[] recordStarts = NONE;
        /** Pairs (selector, field index) captured into the innermost open record of that selector. */
        int[] recordFields = NONE;
        /** Filters of elements reached through this node: per filter, the selector whose records it keeps. */
        int[] filterSelectors = NONE;
        String[] filterFields;
        String[] filterValues;
    }

    /** The records of one selector, in document order (pre-order for nested trees). */
    static final class Records {
        private final int width;
        private String[][] fields = new String[16][];
        private int[] parents = new int[16];
        private int[] containers = new int[16];
        private int size;

        Records(int width) {
            this.width = width;
        }

        int size() {
            return size;
        }

        /** Field {@code index} of record {@code record}, as written; null when absent. */
        String field(int record, int index) {
            return fields[record][index];
        }

        /** The enclosing record of the same selector (nested trees), or -1. */
        int parent(int record) {
            return parents[record];
        }

        /** The record of the container selector it lies in, or -1. */
        int container(int record) {
            return containers[record];
        }

        int add(int parent, int container) {
            if (size == fields.length) {
                fields = Arrays.copyOf(fields, size * 2);
                parents = Arrays.copyOf(parents, size * 2);
                containers = Arrays.copyOf(containers, size * 2);
            }
            fields[size] = new String[width];
            parents[size] = parent;
            containers[size] = container;
            return size++;
        }

        void truncate(int mark) {
            Arrays.fill(fields, mark, size, null);
            size = Math.min(size, mark);
        }
    }

    /** What one read found. */
    static final class Result {
        final String[] values;
        final Records[] records;

        Result(String[] values, Records[] records) {
            this.values = values;
            this.records = records;
        }
    }

    private final JsonFactory factory;
    private final Node root;
    private final int valueCount;
    private final int[] widths;
    private final int[] containerOf;

    private Extractor(JsonFactory factory, Node root, int valueCount, int[] widths, int[] containerOf) {
        this.factory = factory;
        this.root = root;
        this.valueCount = valueCount;
        this.widths = widths;
        this.containerOf = containerOf;
    }

    /**
     * Reads {@code json} in one pass.
     *
     * @throws tools.jackson.core.JacksonException when it is not JSON (trailing content included)
     */
    Result read(byte[] json) {
        Records[] records = new Records[widths.length];
        for (int i = 0; i < widths.length; i++) {
            records[i] = new Records(widths[i]);
        }
        Walk walk;
        try (JsonParser parser = factory.createParser(tools.jackson.core.ObjectReadContext.empty(), json)) {
            walk = new Walk(parser, new String[valueCount], records);
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new NotJsonException("no JSON value (empty answer)");
            }
            walk.value(root, first);
            if (parser.nextToken() != null) {
                throw new NotJsonException("content after the JSON value");
            }
        }
        return new Result(walk.values, records);
    }

    /** An answer that is not one JSON value. */
    static final class NotJsonException extends RuntimeException {
        NotJsonException(String message) {
            super(message, null, false, false);
        }
    }

    /** One read's cursor and open records. */
    private final class Walk {
        private final JsonParser p;
        private final String[] values;
        private final Records[] records;
        /** Per selector, the stack of open records (innermost last). */
        private final int[][] open;
        private final int[] depth;

        Walk(JsonParser p, String[] values, Records[] records) {
            this.p = p;
            this.values = values;
            this.records = records;
            this.open = new int[records.length][8];
            this.depth = new int[records.length];
        }

        void value(Node n, JsonToken t) {
            switch (t) {
                case START_OBJECT -> object(n);
                case START_ARRAY -> array(n);
                default -> scalar(n, t == JsonToken.VALUE_NULL ? null : p.getText());
            }
        }

        private void scalar(Node n, String text) {
            int[] slots = n.values;
            for (int slot : slots) {
                if (values[slot] == null) {
                    values[slot] = text;
                }
            }
            int[] fields = n.recordFields;
            for (int i = 0; i < fields.length; i += 2) {
                int selector = fields[i];
                if (depth[selector] > 0) {
                    int record = open[selector][depth[selector] - 1];
                    String[] row = records[selector].fields[record];
                    if (row[fields[i + 1]] == null) {
                        row[fields[i + 1]] = text;
                    }
                }
            }
        }

        private void array(Node n) {
            Node element = n.any;
            if (element == null) {
                p.skipChildren();
                return;
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                value(element, t);
            }
        }

        private void object(Node n) {
            int[] filters = n.filterSelectors;
            int[] marks = null;
            String[] seen = null;
            if (filters.length > 0) {
                marks = new int[filters.length];
                seen = new String[filters.length];
                for (int i = 0; i < filters.length; i++) {
                    marks[i] = records[filters[i]].size();
                }
            }
            for (int selector : n.recordStarts) {
                open(selector);
            }
            Map<String, Node> fields = n.fields;
            Node any = n.any;
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                JsonToken t = p.nextToken();
                if (seen != null) {
                    for (int i = 0; i < filters.length; i++) {
                        if (name.equals(n.filterFields[i]) && t.isScalarValue() && t != JsonToken.VALUE_NULL) {
                            seen[i] = p.getText();
                        }
                    }
                }
                Node child = fields == null ? any : fields.getOrDefault(name, any);
                if (child == null) {
                    if (t.isStructStart()) {
                        p.skipChildren();
                    }
                    continue;
                }
                value(child, t);
            }
            for (int selector : n.recordStarts) {
                depth[selector]--;
            }
            if (seen != null) {
                for (int i = 0; i < filters.length; i++) {
                    if (!n.filterValues[i].equals(seen[i])) {
                        records[filters[i]].truncate(marks[i]);
                    }
                }
            }
        }

        private void open(int selector) {
            int parent = depth[selector] > 0 ? open[selector][depth[selector] - 1] : -1;
            int container = -1;
            int of = containerOf[selector];
            if (of >= 0 && depth[of] > 0) {
                container = open[of][depth[of] - 1];
            }
            int record = records[selector].add(parent, container);
            if (depth[selector] == open[selector].length) {
                open[selector] = Arrays.copyOf(open[selector], depth[selector] * 2);
            }
            open[selector][depth[selector]++] = record;
        }
    }

    /** Collects the paths of one page kind, then compiles them. Not thread-safe. */
    static final class Builder {

        private final Node root = new Node();
        private int valueCount;
        private final List<Integer> widths = new ArrayList<>();
        private final List<Integer> containers = new ArrayList<>();

        /**
         * A single value; returns its slot.
         *
         * @throws IllegalArgumentException when the path has a wildcard
         */
        int value(PagePath path) {
            if (path.hasWildcard()) {
                throw new IllegalArgumentException("'" + path + "' must name one value: it cannot contain '*'");
            }
            Node node = walkTo(root, path);
            int slot = valueCount++;
            node.values = append(node.values, slot);
            return slot;
        }

        /**
         * Records at {@code each}, with {@code fields} (relative pointers) read from each; with
         * {@code children} (a relative pointer to an array of the same shape), a nested tree.
         * Returns the selector.
         */
        int records(PagePath each, List<PagePath> fields, PagePath children) {
            if (!each.hasWildcard()) {
                throw new IllegalArgumentException("'" + each + "' must reach every record: it needs a '*' (e.g. /items/*)");
            }
            int selector = widths.size();
            widths.add(fields.size());
            containers.add(-1);
            Node node = walkTo(root, each);
            // Filters sit on the element nodes of the path: walk again to register them.
            Node at = root;
            for (PagePath.Segment segment : each.segments()) {
                at = step(at, segment, each);
                if (segment instanceof PagePath.Any any && any.filtered()) {
                    at.filterSelectors = append(at.filterSelectors, selector);
                    at.filterFields = appendText(at.filterFields, any.filterField());
                    at.filterValues = appendText(at.filterValues, any.filterValue());
                }
            }
            node.recordStarts = append(node.recordStarts, selector);
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i) == null) {
                    continue; // an optional field the contract does not read: its index stays null
                }
                Node field = walkTo(node, fields.get(i));
                field.recordFields = append(append(field.recordFields, selector), i);
            }
            if (children != null) {
                Node list = walkTo(node, children);
                if (list.any != null && list.any != node) {
                    throw new IllegalArgumentException("'" + children + "' is read as something else too");
                }
                list.any = node;
            }
            return selector;
        }

        /** Records of {@code selector} remember the record of {@code container} they lie in. */
        void containedIn(int selector, int container) {
            containers.set(selector, container);
        }

        Extractor build(JsonFactory factory) {
            return new Extractor(factory, root, valueCount, widths.stream().mapToInt(Integer::intValue).toArray(),
                    containers.stream().mapToInt(Integer::intValue).toArray());
        }

        private static Node walkTo(Node from, PagePath path) {
            Node node = from;
            for (PagePath.Segment segment : path.segments()) {
                node = step(node, segment, path);
            }
            return node;
        }

        private static Node step(Node node, PagePath.Segment segment, PagePath path) {
            switch (segment) {
                case PagePath.Field(String name) -> {
                    if (node.any != null) {
                        // '*' and a name at one object: the named member would not be read by the '*' paths.
                        throw new IllegalArgumentException("'" + path + "' names member '" + name
                                + "' where another path reads every member ('*')");
                    }
                    if (node.fields == null) {
                        node.fields = new HashMap<>();
                    }
                    return node.fields.computeIfAbsent(name, k -> new Node());
                }
                case PagePath.Any ignored -> {
                    if (node.fields != null && !node.fields.isEmpty()) {
                        throw new IllegalArgumentException("'" + path + "' reads every member ('*') where another path names one");
                    }
                    if (node.any == null) {
                        node.any = new Node();
                    }
                    return node.any;
                }
            }
        }

        private static int[] append(int[] array, int value) {
            int[] longer = Arrays.copyOf(array, array.length + 1);
            longer[array.length] = value;
            return longer;
        }

        private static String[] appendText(String[] array, String value) {
            if (array == null) {
                return new String[]{value};
            }
            String[] longer = Arrays.copyOf(array, array.length + 1);
            longer[array.length] = value;
            return longer;
        }
    }
}
