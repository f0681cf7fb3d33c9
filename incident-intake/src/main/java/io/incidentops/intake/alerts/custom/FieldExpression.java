package io.incidentops.intake.alerts.custom;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.incidentops.platform.problem.InvalidInputException;

/**
 * Where a field is in a custom source's JSON: a JSON Pointer ({@code /monitor/name}, RFC 6901) or a JSONPath
 * ({@code $.monitor.name}, {@code $.alerts[*]}). Read from the tree the body was parsed into once, never re-parsed.
 */
public final class FieldExpression {

    /** JSONPath over Jackson's own tree; a path that finds nothing reads as missing rather than throwing. */
    private static final Configuration JACKSON_TREE = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider()).mappingProvider(new JacksonMappingProvider())
            .options(Option.SUPPRESS_EXCEPTIONS).build();

    private final String text;
    private final JsonPointer pointer;
    private final JsonPath path;

    private FieldExpression(String text, JsonPointer pointer, JsonPath path) {
        this.text = text;
        this.pointer = pointer;
        this.path = path;
    }

    /** The expression, or an {@link InvalidInputException} naming {@code field} when it is neither form. */
    public static FieldExpression compile(String field, String expression) {
        String text = expression.trim();
        try {
            if (text.startsWith("/") || text.isEmpty()) {
                return new FieldExpression(text, JsonPointer.compile(text), null);
            }
            if (text.startsWith("$")) {
                return new FieldExpression(text, null, JsonPath.compile(text));
            }
        } catch (IllegalArgumentException | InvalidPathException e) {
            throw new InvalidInputException(field, "not a valid " + (text.startsWith("$") ? "JSONPath" : "JSON Pointer")
                    + " expression: " + e.getMessage());
        }
        throw new InvalidInputException(field, "a JSON Pointer (/a/b) or a JSONPath ($.a.b), got '" + text + "'");
    }

    /** What the expression finds in {@code node}: a missing node when nothing. */
    public JsonNode read(JsonNode node) {
        if (pointer != null) return node.at(pointer);
        Object found = path.read(node, JACKSON_TREE);
        return found instanceof JsonNode json ? json : MissingNode.getInstance();
    }

    @Override
    public String toString() {
        return text;
    }
}
