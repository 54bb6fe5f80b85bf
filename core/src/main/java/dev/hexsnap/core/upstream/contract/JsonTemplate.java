package dev.hexsnap.core.upstream.contract;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A JSON document of the contract (a JSON body, or JSON carried inside one parameter) with
 * variables in its strings. A string that is exactly one variable takes the variable's type
 * (a number for {@code {lat}}, {@code {page}}...). Immutable.
 */
sealed interface JsonTemplate {

    record Obj(Map<String, JsonTemplate> members) implements JsonTemplate {
    }

    record Arr(List<JsonTemplate> elements) implements JsonTemplate {
    }

    record Text(Template text) implements JsonTemplate {
    }

    /** A number, boolean or null written in the contract. */
    record Literal(JsonNode value) implements JsonTemplate {
    }

    default JsonNode render(Map<Variable, String> values, boolean masked) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (this) {
            case Obj(Map<String, JsonTemplate> members) -> {
                ObjectNode object = nodes.objectNode();
                members.forEach((name, member) -> object.set(name, member.render(values, masked)));
                yield object;
            }
            case Arr(List<JsonTemplate> elements) -> {
                ArrayNode array = nodes.arrayNode();
                elements.forEach(e -> array.add(e.render(values, masked)));
                yield array;
            }
            case Literal(JsonNode value) -> value;
            case Text(Template text) -> {
                Variable single = text.single();
                String rendered = masked ? text.display(values, UnaryOperator.identity()) : text.render(values, UnaryOperator.identity());
                if (single != null && single.numeric() && !rendered.isEmpty()) {
                    yield nodes.numberNode(new BigDecimal(rendered));
                }
                yield nodes.stringNode(rendered);
            }
        };
    }

    default boolean hasSecret() {
        return switch (this) {
            case Obj(Map<String, JsonTemplate> members) -> members.values().stream().anyMatch(JsonTemplate::hasSecret);
            case Arr(List<JsonTemplate> elements) -> elements.stream().anyMatch(JsonTemplate::hasSecret);
            case Literal ignored -> false;
            case Text(Template text) -> text.hasSecret();
        };
    }
}
