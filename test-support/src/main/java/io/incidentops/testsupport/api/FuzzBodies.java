package io.incidentops.testsupport.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Bodies no operation may accept, derived from the operation's schema: broken JSON, the wrong shape, and a plausible
 * body (every property filled after its schema) with one property spoiled: null, the wrong type, far too long, or
 * text with control characters.
 */
final class FuzzBodies {

    /** Longer than any field of ours allows, far below the 512 KB body limit. */
    static final int HUGE = 100_000;
    /** NUL (which PostgreSQL text cannot store), BEL, ESC, and a right-to-left override next to an emoji. */
    static final String CONTROL_CHARACTERS = "sweep\u0000\u0007\u001b\u202e\uD83D\uDEA8";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final OpenApiDocument document;

    FuzzBodies(OpenApiDocument document) {
        this.document = document;
    }

    /** Name of the case → body; {@code validBody}, when given, is the body the spoiled ones start from. */
    Map<String, String> of(ApiOperation operation, String validBody) {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("malformed JSON", "{\"a\": ");
        bodies.put("an empty body", "");
        bodies.put("a JSON null", "null");
        JsonNode schema = operation.bodySchema();
        boolean described = "object".equals(schema.path("type").asText()) && schema.has("properties");
        if (!described && validBody == null) {
            bodies.put("an array instead of an object", "[{}]");
            return bodies;
        }
        ObjectNode plausible = validBody == null ? plausibleObject(schema, 0) : parse(validBody);
        bodies.put("an array instead of an object", write(NODES.arrayNode().add(plausible)));
        bodies.put("a string instead of an object", "\"sweep\"");
        ObjectNode allNull = NODES.objectNode();
        plausible.fieldNames().forEachRemaining(allNull::putNull);
        bodies.put("null for every field", write(allNull));
        // an operation that reads its body itself (a String) has no schema: its valid body's fields stand in
        JsonNode properties = described ? schema.path("properties") : schemaOf(plausible);
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String name = property.getKey();
            JsonNode propertySchema = document.resolve(property.getValue());
            bodies.put("the wrong type for " + name, write(plausible.deepCopy().set(name, wrongType(propertySchema))));
            if ("string".equals(propertySchema.path("type").asText()) && !propertySchema.has("enum")) {
                bodies.put("a huge " + name, write(plausible.deepCopy().put(name, "x".repeat(HUGE))));
                bodies.put("control characters in " + name,
                        write(plausible.deepCopy().put(name, CONTROL_CHARACTERS)));
            }
        }
        return bodies;
    }

    /**
     * Every property after its schema, except an optional one with a {@code pattern} (an incident ID): no value
     * made up here would match it, and one invalid field would hide what the spoiled one does.
     */
    private ObjectNode plausibleObject(JsonNode schema, int depth) {
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        ObjectNode object = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            JsonNode propertySchema = document.resolve(property.getValue());
            if (propertySchema.has("pattern") && !required.contains(property.getKey())) continue;
            object.set(property.getKey(), plausible(propertySchema, depth + 1));
        }
        return object;
    }

    private JsonNode plausible(JsonNode schema, int depth) {
        if (schema.has("enum")) return schema.path("enum").get(0);
        String format = schema.path("format").asText();
        switch (schema.path("type").asText()) {
            case "integer", "number":
                return NODES.numberNode(1);
            case "boolean":
                return NODES.booleanNode(true);
            case "array":
                ArrayNode array = NODES.arrayNode();
                if (depth < 4) array.add(plausible(document.resolve(schema.path("items")), depth + 1));
                return array;
            case "object":
                return depth < 4 ? plausibleObject(schema, depth) : NODES.objectNode();
            default:
                return NODES.textNode(switch (format) {
                    case "date-time" -> Instant.now().toString();
                    case "date" -> "2026-01-01";
                    case "duration" -> "PT1H";
                    case "uuid" -> "00000000-0000-0000-0000-000000000000";
                    case "email" -> "sweep@example.com";
                    case "uri", "url" -> "https://example.com/sweep";
                    default -> "sweep";
                });
        }
    }

    /** Field → {@code {"type": ...}} of its value. */
    private static ObjectNode schemaOf(ObjectNode body) {
        ObjectNode properties = NODES.objectNode();
        body.fields().forEachRemaining(field -> properties.putObject(field.getKey()).put("type",
                switch (field.getValue().getNodeType()) {
                    case NUMBER -> "number";
                    case BOOLEAN -> "boolean";
                    case ARRAY -> "array";
                    case OBJECT -> "object";
                    default -> "string";
                }));
        return properties;
    }

    /** A value of another JSON type that Jackson does not coerce (a number does become a string, an object not). */
    private static JsonNode wrongType(JsonNode schema) {
        return switch (schema.path("type").asText()) {
            case "integer", "number" -> NODES.textNode("not a number");
            case "boolean" -> NODES.textNode("not a boolean");
            case "array" -> NODES.textNode("not an array");
            case "object" -> NODES.arrayNode().add(NODES.arrayNode());
            default -> NODES.objectNode().put("not", "a string");
        };
    }

    private static ObjectNode parse(String body) {
        try {
            return (ObjectNode) JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | ClassCastException e) {
            throw new IllegalArgumentException("a valid body must be a JSON object: " + body, e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
