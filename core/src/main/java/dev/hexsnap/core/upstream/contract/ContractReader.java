package dev.hexsnap.core.upstream.contract;

import dev.hexsnap.core.page.PageKind;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Reads a contract's YAML and checks all of it before anything is asked of the services: a
 * missing part, an unknown field, an unknown variable, a path that cannot match, bad YAML are
 * each refused with the file, the line and the field. SnakeYAML's node tree is read (not bound
 * to classes) because it keeps the line of every value.
 */
final class ContractReader {

    private static final String SHIPPED = "dev/hexsnap/core/upstream/contracts/";
    private static final Pattern SHIPPED_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern CHANNEL_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final long DEFAULT_MAX_PAGE_BYTES = 8L << 20;
    /** A size as Spring writes it ({@code 8MB}, {@code 600KB}, {@code 1024}: binary multiples), read here without Spring: the client library loads contracts too. */
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(B|KB|MB|GB)?", Pattern.CASE_INSENSITIVE);
    private static final JsonFactory JSON_FACTORY = new JsonFactory();

    private final String source;
    private final UnaryOperator<String> environment;
    private boolean supportsMoment = true;

    private ContractReader(String source, UnaryOperator<String> environment) {
        this.source = source;
        this.environment = environment;
    }

    static UpstreamContract load(String location, UnaryOperator<String> environment) {
        if (location == null || location.isBlank()) {
            throw new ContractException("(none)", 0, "", "no contract given (hexsnap.upstream.contract)");
        }
        String text;
        if (SHIPPED_NAME.matcher(location).matches() && resource(SHIPPED + location + ".yaml") != null) {
            text = resource(SHIPPED + location + ".yaml");
        } else if (location.startsWith("classpath:")) {
            text = resource(location.substring("classpath:".length()).replaceFirst("^/", ""));
            if (text == null) {
                throw new ContractException(location, 0, "", "no such resource on the classpath");
            }
        } else {
            try {
                text = Files.readString(Path.of(location), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new ContractException(location, 0, "", "no such file (nor a shipped contract: hexsnap-v1, demo-gateway)");
            } catch (IOException | RuntimeException e) {
                throw new ContractException(location, 0, "", "cannot read it: " + e.getMessage());
            }
        }
        return new ContractReader(location, environment).parse(text);
    }

    private static String resource(String name) {
        try (InputStream in = ContractReader.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ the document

    private UpstreamContract parse(String text) {
        Node document;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            document = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new ContractException(source, mark == null ? 0 : mark.getLine() + 1, "", "bad YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ContractException(source, 0, "", "bad YAML: " + e.getMessage());
        }
        if (document == null) {
            throw new ContractException(source, 0, "", "the file is empty");
        }
        Obj root = obj(document, "");
        String name = root.requiredText("name");
        supportsMoment = root.bool("supports-moment", true);
        long maxPageBytes = DEFAULT_MAX_PAGE_BYTES;
        Node max = root.get("max-page-bytes");
        if (max != null) {
            try {
                maxPageBytes = bytes(scalar(max, root.field("max-page-bytes")));
            } catch (IllegalArgumentException e) {
                throw refuse(max, root.field("max-page-bytes"), "not a size (e.g. 8MB, 600KB): " + scalar(max, ""));
            }
            if (maxPageBytes < 1) {
                throw refuse(max, root.field("max-page-bytes"), "must be at least 1 byte");
            }
        }
        List<UpstreamContract.HeaderSpec> headers = headers(root, "headers", EnumSet.noneOf(Variable.class), "");

        Obj success = root.has("success") ? obj(root.get("success"), root.field("success")) : null;
        Set<Integer> statuses = new LinkedHashSet<>(List.of(200));
        PagePath data = PagePath.parse("", false);
        Envelope envelope = null;
        if (success != null) {
            if (success.has("statuses")) {
                statuses.clear();
                for (Node status : success.list("statuses")) {
                    String value = scalar(status, success.field("statuses"));
                    if (!value.matches("[1-5][0-9][0-9]")) {
                        throw refuse(status, success.field("statuses"), "not an HTTP status: " + value);
                    }
                    statuses.add(Integer.parseInt(value));
                }
                if (statuses.isEmpty()) {
                    throw refuse(success.get("statuses"), success.field("statuses"), "at least one status must carry a page");
                }
            }
            if (success.has("envelope")) {
                Obj env = obj(success.get("envelope"), success.field("envelope"));
                envelope = new Envelope(absolute(env, "code", true), env.requiredValues("ok"),
                        env.has("message") ? absolute(env, "message", false) : null);
                env.done();
            }
            if (success.has("data")) {
                data = path(success, "data", false);
                if (data.hasWildcard()) {
                    throw refuse(success.get("data"), success.field("data"), "the data pointer names one place: it cannot contain '*'");
                }
            }
            success.done();
        }

        UpstreamContract.StatusMap status = statusMap(root);
        List<String> channels = new ArrayList<>();
        Obj channelsObj = obj(root.required("channels"), root.field("channels"));
        for (Node id : channelsObj.list("ids")) {
            String value = scalar(id, channelsObj.field("ids"));
            if (!CHANNEL_ID.matcher(value).matches()) {
                throw refuse(id, channelsObj.field("ids"), "channel id '" + value + "' must be 1-64 of A-Z, a-z, 0-9, '-', '_'");
            }
            if (channels.contains(value)) {
                throw refuse(id, channelsObj.field("ids"), "channel id '" + value + "' is listed twice");
            }
            channels.add(value);
        }
        if (!channelsObj.has("ids")) {
            throw refuse(channelsObj.node, channelsObj.field, "missing required field 'ids'");
        }
        channelsObj.done();

        Obj pagesObj = obj(root.required("pages"), root.field("pages"));
        Map<PageKind, UpstreamContract.Page> pages = new EnumMap<>(PageKind.class);
        for (PageKind kind : PageKind.values()) {
            Obj page = obj(pagesObj.required(kind.id()), pagesObj.field(kind.id()));
            pages.put(kind, page(kind, page, headers, envelope, data, status));
        }
        pagesObj.done();
        root.done();
        return new UpstreamContract(name, source, supportsMoment, maxPageBytes, statuses, channels, pages);
    }

    private record Envelope(PagePath code, Set<String> ok, PagePath message) {
    }

    private UpstreamContract.StatusMap statusMap(Obj root) {
        Map<String, String> canonical = new LinkedHashMap<>();
        if (root.has("store-status")) {
            Obj map = obj(root.get("store-status"), root.field("store-status"));
            for (String status : List.of("open", "closed-now", "closed")) {
                if (map.has(status)) {
                    for (Node value : map.list(status)) {
                        String written = scalar(value, map.field(status));
                        if (canonical.putIfAbsent(written, status) != null) {
                            throw refuse(value, map.field(status), "value " + written + " is mapped twice");
                        }
                    }
                }
            }
            map.done();
        } else {
            canonical.put("open", "open");
            canonical.put("closed-now", "closed-now");
            canonical.put("closed", "closed");
        }
        return new UpstreamContract.StatusMap(Map.copyOf(canonical));
    }

    // ------------------------------------------------------------------ one page kind

    private UpstreamContract.Page page(PageKind kind, Obj page, List<UpstreamContract.HeaderSpec> contractHeaders,
                                       Envelope envelope, PagePath data, UpstreamContract.StatusMap status) {
        Set<Variable> allowed = EnumSet.noneOf(Variable.class);
        for (Variable variable : Variable.values()) {
            if (variable.availableIn(kind) && (variable != Variable.AT || supportsMoment)) {
                allowed.add(variable);
            }
        }
        String allowedList = Variable.listFor(kind, supportsMoment);
        UpstreamContract.Request request = request(kind, obj(page.required("request"), page.field("request")), contractHeaders,
                allowed, allowedList);

        Extractor.Builder builder = new Extractor.Builder();
        int codeSlot = -1;
        int messageSlot = -1;
        Set<String> ok = Set.of();
        if (envelope != null) {
            codeSlot = builder.value(envelope.code());
            messageSlot = envelope.message() == null ? -1 : builder.value(envelope.message());
            ok = envelope.ok();
        }
        List<UpstreamContract.Echo> echo = new ArrayList<>();
        if (page.has("echo")) {
            for (Node node : page.list("echo")) {
                Obj check = obj(node, page.field("echo"));
                PagePath path = path(check, "path", false);
                int slot = valueSlot(builder, path.under(data), check, "path");
                Template equals = check.has("equals") ? template(check, "equals", allowed, allowedList) : null;
                Template near = check.has("near") ? template(check, "near", allowed, allowedList) : null;
                if ((equals == null) == (near == null)) {
                    throw refuse(check.node, check.field, "an echo check needs exactly one of 'equals' and 'near'");
                }
                double within = 0;
                if (near != null) {
                    within = check.number("within", 0.001);
                }
                echo.add(new UpstreamContract.Echo(path.text(), slot, equals, near, within));
                check.done();
            }
        }
        Obj extract = obj(page.required("extract"), page.field("extract"));
        UpstreamContract.Reading reading = switch (kind) {
            case HOME, CHANNEL -> location(kind, extract, builder, data, status);
            case STORE_CATEGORIES -> tree(extract, builder, data, status);
            case STORE_PRODUCTS -> products(extract, builder, data);
        };
        extract.done();
        List<String> volatiles = new ArrayList<>();
        if (page.has("volatile")) {
            for (Node node : page.list("volatile")) {
                String text = scalar(node, page.field("volatile"));
                try {
                    PagePath.parse(text, false);
                } catch (IllegalArgumentException e) {
                    throw refuse(node, page.field("volatile"), e.getMessage());
                }
                volatiles.add(text);
            }
        }
        page.done();
        return new UpstreamContract.Page(kind, request, List.copyOf(echo), builder.build(JSON_FACTORY), codeSlot, messageSlot, ok,
                reading, List.copyOf(volatiles));
    }

    private UpstreamContract.Request request(PageKind kind, Obj request, List<UpstreamContract.HeaderSpec> contractHeaders,
                                             Set<Variable> allowed, String allowedList) {
        String method = request.text("method", "GET");
        if (!method.equals("GET") && !method.equals("POST")) {
            throw refuse(request.get("method"), request.field("method"), "must be GET or POST, got " + method);
        }
        Template url = template(request, "url", allowed, allowedList);
        String urlText = request.requiredText("url");
        if (!urlText.startsWith("/")) {
            throw refuse(request.get("url"), request.field("url"), "must start with '/': it is relative to the base URL");
        }
        List<UpstreamContract.Param> query = params(request, "query", allowed, allowedList);
        List<UpstreamContract.HeaderSpec> headers = new ArrayList<>(contractHeaders);
        headers.addAll(headers(request, "headers", allowed, allowedList));
        List<UpstreamContract.Param> form = null;
        JsonTemplate json = null;
        if (request.has("body")) {
            if (method.equals("GET")) {
                throw refuse(request.get("body"), request.field("body"), "a GET request has no body: use method: POST");
            }
            Obj body = obj(request.get("body"), request.field("body"));
            if (body.has("form") == body.has("json")) {
                throw refuse(body.node, body.field, "a body is either 'form' or 'json'");
            }
            if (body.has("form")) {
                form = params(body, "form", allowed, allowedList);
            } else {
                json = json(body.get("json"), body.field("json"), allowed, allowedList);
            }
            body.done();
        }
        request.done();
        return new UpstreamContract.Request(method, url, query, List.copyOf(headers), form, json);
    }

    private List<UpstreamContract.Param> params(Obj parent, String key, Set<Variable> allowed, String allowedList) {
        List<UpstreamContract.Param> params = new ArrayList<>();
        if (!parent.has(key)) {
            return params;
        }
        Obj map = obj(parent.get(key), parent.field(key));
        for (NodeTuple tuple : map.node.getValue()) {
            String name = scalar(tuple.getKeyNode(), map.field);
            Node value = tuple.getValueNode();
            map.used.add(name);
            if (value instanceof MappingNode) {
                Obj wrapper = obj(value, map.field(name));
                Node json = wrapper.required("json");
                params.add(new UpstreamContract.Param(name, null, json(json, wrapper.field("json"), allowed, allowedList)));
                wrapper.done();
            } else {
                params.add(new UpstreamContract.Param(name, template(value, map.field(name), allowed, allowedList), null));
            }
        }
        return params;
    }

    private List<UpstreamContract.HeaderSpec> headers(Obj parent, String key, Set<Variable> allowed, String allowedList) {
        List<UpstreamContract.HeaderSpec> headers = new ArrayList<>();
        if (!parent.has(key)) {
            return headers;
        }
        Obj map = obj(parent.get(key), parent.field(key));
        for (NodeTuple tuple : map.node.getValue()) {
            String name = scalar(tuple.getKeyNode(), map.field);
            map.used.add(name);
            if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                throw refuse(tuple.getKeyNode(), map.field(name), "not a valid header name");
            }
            headers.add(new UpstreamContract.HeaderSpec(name, template(tuple.getValueNode(), map.field(name), allowed, allowedList)));
        }
        return headers;
    }

    private JsonTemplate json(Node node, String field, Set<Variable> allowed, String allowedList) {
        return switch (node) {
            case MappingNode mapping -> {
                Map<String, JsonTemplate> members = new LinkedHashMap<>();
                for (NodeTuple tuple : mapping.getValue()) {
                    String name = scalar(tuple.getKeyNode(), field);
                    members.put(name, json(tuple.getValueNode(), field + "." + name, allowed, allowedList));
                }
                yield new JsonTemplate.Obj(members);
            }
            case SequenceNode sequence -> {
                List<JsonTemplate> elements = new ArrayList<>();
                int i = 0;
                for (Node element : sequence.getValue()) {
                    elements.add(json(element, field + "[" + i++ + "]", allowed, allowedList));
                }
                yield new JsonTemplate.Arr(elements);
            }
            case ScalarNode scalar -> {
                Tag tag = scalar.getTag();
                JsonNodeFactory nodes = JsonNodeFactory.instance;
                if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
                    try {
                        yield new JsonTemplate.Literal(nodes.numberNode(new BigDecimal(scalar.getValue().replace("_", ""))));
                    } catch (NumberFormatException e) {
                        throw refuse(node, field, "not a JSON number: " + scalar.getValue());
                    }
                }
                if (tag.equals(Tag.BOOL)) {
                    yield new JsonTemplate.Literal(nodes.booleanNode(Boolean.parseBoolean(scalar.getValue().toLowerCase())));
                }
                if (tag.equals(Tag.NULL)) {
                    yield new JsonTemplate.Literal(nodes.nullNode());
                }
                yield new JsonTemplate.Text(template(node, field, allowed, allowedList));
            }
            default -> throw refuse(node, field, "not a JSON value");
        };
    }

    // ------------------------------------------------------------------ extraction

    private UpstreamContract.LocationReading location(PageKind kind, Obj extract, Extractor.Builder builder, PagePath data,
                                                      UpstreamContract.StatusMap status) {
        int notServiceableSlot = -1;
        Set<String> notServiceable = Set.of();
        if (extract.has("not-serviceable")) {
            Obj marker = obj(extract.get("not-serviceable"), extract.field("not-serviceable"));
            notServiceableSlot = valueSlot(builder, path(marker, "path", false).under(data), marker, "path");
            notServiceable = marker.requiredValues("equals");
            marker.done();
        }
        int floors = -1;
        if (extract.has("floors")) {
            Obj floorsObj = obj(extract.get("floors"), extract.field("floors"));
            floors = records(builder, floorsObj, data, fields(floorsObj, "id"), null);
            floorsObj.done();
        }
        Obj stores = obj(extract.required("stores"), extract.field("stores"));
        int storesSel = records(builder, stores, data, fields(stores, "id", "status"), null);
        String storesId = stores.requiredText("id");
        stores.done();
        Obj products = obj(extract.required("products"), extract.field("products"));
        int productsSel = records(builder, products, data, fields(products, "id", "store"), null);
        boolean productStore = products.has("store");
        String productsId = products.requiredText("id");
        String productsStore = products.text("store", null);
        products.done();
        int channels = -1;
        if (kind == PageKind.HOME) {
            Obj entries = obj(extract.required("channels"), extract.field("channels"));
            channels = records(builder, entries, data, fields(entries, "id"), null);
            entries.done();
        }
        if (floors >= 0) {
            builder.containedIn(storesSel, floors);
            builder.containedIn(productsSel, floors);
        }
        return new UpstreamContract.LocationReading(notServiceableSlot, notServiceable, storesSel, storesId, productsSel, productsId,
                productStore, productsStore, channels, floors, status);
    }

    private UpstreamContract.TreeReading tree(Obj extract, Extractor.Builder builder, PagePath data, UpstreamContract.StatusMap status) {
        int statusSlot = extract.has("status") ? valueSlot(builder, path(extract, "status", false).under(data), extract, "status") : -1;
        Obj categories = obj(extract.required("categories"), extract.field("categories"));
        boolean nested = categories.has("nested");
        if (nested == categories.has("flat")) {
            throw refuse(categories.node, categories.field, "the category tree is either 'nested' or 'flat'");
        }
        String shape = nested ? "nested" : "flat";
        Obj tree = obj(categories.get(shape), categories.field(shape));
        PagePath children = null;
        if (nested) {
            children = path(tree, "children", true);
        }
        Set<String> rootParents = Set.of();
        if (!nested && tree.has("root-parent")) {
            rootParents = tree.requiredValues("root-parent");
        }
        if (!nested) {
            tree.requiredText("parent");
        }
        Set<String> leafValues = null;
        List<FieldRef> refs = fields(tree, "id", "name", "product-count", "parent");
        Obj leaf = null;
        if (tree.has("leaf")) {
            leaf = obj(tree.get("leaf"), tree.field("leaf"));
            leafValues = leaf.requiredValues("equals");
            refs.add(new FieldRef(leaf, "path", true));
        }
        int selector = records(builder, tree, data, refs, children);
        if (leaf != null) {
            leaf.done();
        }
        boolean hasCount = tree.has("product-count");
        tree.done();
        categories.done();
        return new UpstreamContract.TreeReading(statusSlot, status, selector, !nested, hasCount, rootParents, leafValues);
    }

    private UpstreamContract.ProductsReading products(Obj extract, Extractor.Builder builder, PagePath data) {
        Obj products = obj(extract.required("products"), extract.field("products"));
        int selector = records(builder, products, data, fields(products, "id"), null);
        products.done();
        Obj pagination = obj(extract.required("pagination"), extract.field("pagination"));
        int totalPages = -1;
        int total = -1;
        int size = -1;
        if (pagination.has("total-pages") == pagination.has("total")) {
            throw refuse(pagination.node, pagination.field, "pagination is either 'total-pages' or 'total' (with an optional 'size')");
        }
        String paginationPath;
        if (pagination.has("total-pages")) {
            totalPages = valueSlot(builder, path(pagination, "total-pages", false).under(data), pagination, "total-pages");
            paginationPath = pagination.requiredText("total-pages");
            if (pagination.has("size")) {
                throw refuse(pagination.get("size"), pagination.field("size"), "'size' goes with 'total', not with 'total-pages'");
            }
        } else {
            total = valueSlot(builder, path(pagination, "total", false).under(data), pagination, "total");
            paginationPath = pagination.requiredText("total");
            if (pagination.has("size")) {
                size = valueSlot(builder, path(pagination, "size", false).under(data), pagination, "size");
            }
        }
        pagination.done();
        return new UpstreamContract.ProductsReading(selector, totalPages, total, size, paginationPath);
    }

    /** A field of a record: {@code key} of {@code owner}, a pointer relative to the record. */
    private record FieldRef(Obj owner, String key, boolean required) {
    }

    private List<FieldRef> fields(Obj spec, String required, String... optional) {
        List<FieldRef> refs = new ArrayList<>();
        refs.add(new FieldRef(spec, required, true));
        for (String key : optional) {
            refs.add(new FieldRef(spec, key, false));
        }
        return refs;
    }

    /** A record selector from {@code each} and {@code fields} (an absent optional field reads nothing); returns the selector. */
    private int records(Extractor.Builder builder, Obj spec, PagePath data, List<FieldRef> refs, PagePath children) {
        PagePath each = path(spec, "each", false);
        List<PagePath> fields = new ArrayList<>();
        for (FieldRef ref : refs) {
            if (ref.owner().has(ref.key())) {
                fields.add(path(ref.owner(), ref.key(), true));
            } else if (ref.required()) {
                throw refuse(ref.owner().node, ref.owner().field, "missing required field '" + ref.key() + "'");
            } else {
                fields.add(null);
            }
        }
        try {
            return builder.records(each.under(data), fields, children);
        } catch (IllegalArgumentException e) {
            throw refuse(spec.get("each"), spec.field("each"), e.getMessage());
        }
    }

    private int valueSlot(Extractor.Builder builder, PagePath path, Obj owner, String key) {
        try {
            return builder.value(path);
        } catch (IllegalArgumentException e) {
            throw refuse(owner.get(key), owner.field(key), e.getMessage());
        }
    }

    private PagePath absolute(Obj owner, String key, boolean required) {
        if (required) {
            owner.required(key);
        }
        PagePath path = path(owner, key, false);
        if (path.hasWildcard()) {
            throw refuse(owner.get(key), owner.field(key), "'" + path + "' must name one value: it cannot contain '*'");
        }
        return path;
    }

    private PagePath path(Obj owner, String key, boolean relative) {
        Node node = owner.required(key);
        try {
            return PagePath.parse(scalar(node, owner.field(key)), relative);
        } catch (IllegalArgumentException e) {
            throw refuse(node, owner.field(key), e.getMessage());
        }
    }

    private Template template(Obj owner, String key, Set<Variable> allowed, String allowedList) {
        return template(owner.required(key), owner.field(key), allowed, allowedList);
    }

    private Template template(Node node, String field, Set<Variable> allowed, String allowedList) {
        String text = scalar(node, field);
        if (!supportsMoment && text.contains("{at}")) {
            throw refuse(node, field, "{at} needs supports-moment: true (this contract says the services cannot compute another moment)");
        }
        return Template.parse(text, allowed, allowedList, environment, problem -> refuse(node, field, problem));
    }

    // ------------------------------------------------------------------ YAML access

    private String scalar(Node node, String field) {
        if (!(node instanceof ScalarNode scalar)) {
            throw refuse(node, field, "expected a single value, got " + (node instanceof MappingNode ? "a mapping" : "a list"));
        }
        if (scalar.getTag().equals(Tag.NULL)) {
            throw refuse(node, field, "a value is required");
        }
        return scalar.getValue();
    }

    private Obj obj(Node node, String field) {
        if (!(node instanceof MappingNode mapping)) {
            throw refuse(node, field, "expected a mapping (name: value lines)");
        }
        return new Obj(mapping, field);
    }

    private ContractException refuse(Node node, String field, String problem) {
        return new ContractException(source, node == null ? 0 : node.getStartMark().getLine() + 1, field, problem);
    }

    /** One YAML mapping, which knows its dotted field name and which of its keys were read. */
    private final class Obj {
        final MappingNode node;
        final String field;
        final Map<String, NodeTuple> members = new LinkedHashMap<>();
        final Set<String> used = new HashSet<>();

        Obj(MappingNode node, String field) {
            this.node = node;
            this.field = field;
            for (NodeTuple tuple : node.getValue()) {
                members.put(scalar(tuple.getKeyNode(), field), tuple);
            }
        }

        String field(String key) {
            return field.isEmpty() ? key : field + "." + key;
        }

        boolean has(String key) {
            return members.containsKey(key);
        }

        Node get(String key) {
            used.add(key);
            NodeTuple tuple = members.get(key);
            return tuple == null ? null : tuple.getValueNode();
        }

        Node required(String key) {
            Node value = get(key);
            if (value == null) {
                throw refuse(node, field, "missing required field '" + key + "'");
            }
            return value;
        }

        String requiredText(String key) {
            return scalar(required(key), field(key));
        }

        String text(String key, String otherwise) {
            Node value = get(key);
            return value == null ? otherwise : scalar(value, field(key));
        }

        boolean bool(String key, boolean otherwise) {
            Node value = get(key);
            if (value == null) {
                return otherwise;
            }
            String text = scalar(value, field(key));
            if (!text.equals("true") && !text.equals("false")) {
                throw refuse(value, field(key), "expected true or false, got " + text);
            }
            return Boolean.parseBoolean(text);
        }

        double number(String key, double otherwise) {
            Node value = get(key);
            if (value == null) {
                return otherwise;
            }
            try {
                double number = Double.parseDouble(scalar(value, field(key)));
                if (!(number >= 0)) {
                    throw new NumberFormatException();
                }
                return number;
            } catch (NumberFormatException e) {
                throw refuse(value, field(key), "expected a number >= 0");
            }
        }

        List<Node> list(String key) {
            Node value = get(key);
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof SequenceNode sequence)) {
                throw refuse(value, field(key), "expected a list ([a, b] or '- a' lines)");
            }
            return sequence.getValue();
        }

        /** A list of values compared as written; a single value counts as a list of one. */
        Set<String> requiredValues(String key) {
            Node value = required(key);
            Set<String> values = new LinkedHashSet<>();
            if (value instanceof SequenceNode sequence) {
                for (Node element : sequence.getValue()) {
                    values.add(scalar(element, field(key)));
                }
            } else {
                values.add(scalar(value, field(key)));
            }
            if (values.isEmpty()) {
                throw refuse(value, field(key), "at least one value is required");
            }
            return Set.copyOf(values);
        }

        /** Refuses the first key nobody read: a typo must not pass as an absent optional field. */
        void done() {
            for (Map.Entry<String, NodeTuple> member : members.entrySet()) {
                if (!used.contains(member.getKey())) {
                    throw refuse(member.getValue().getKeyNode(), field(member.getKey()), "unknown field");
                }
            }
        }
    }

    private static long bytes(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: " + text);
        }
        int shift = switch (m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT)) {
            case "KB" -> 10;
            case "MB" -> 20;
            case "GB" -> 30;
            default -> 0;
        };
        return Long.parseLong(m.group(1)) << shift;
    }
}
