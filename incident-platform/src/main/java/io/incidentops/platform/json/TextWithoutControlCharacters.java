package io.incidentops.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/** Reads a JSON string as Jackson does, and refuses one with a control character other than tab, LF and CR. */
public class TextWithoutControlCharacters extends StringDeserializer {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String value = super.deserialize(parser, context);
        if (value != null && hasControlCharacter(value)) {
            throw new ControlCharactersException(parser);
        }
        return value;
    }

    /**
     * For a resource that reads its body as a tree: the path ({@code payload.summary}, {@code tags[2]}) of the first
     * text or field name with a control character, if any.
     */
    public static Optional<String> firstWithControlCharacter(JsonNode node) {
        return first(node, "");
    }

    private static Optional<String> first(JsonNode node, String path) {
        if (node.isTextual()) return hasControlCharacter(node.asText()) ? Optional.of(path) : Optional.empty();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<String> found = first(node.get(i), path + "[" + i + "]");
                if (found.isPresent()) return found;
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            if (hasControlCharacter(field.getKey())) return Optional.of(fieldPath);
            Optional<String> found = first(field.getValue(), fieldPath);
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }

    /** C0 controls, DEL and C1 controls (Unicode category Cc), except the whitespace a multi-line text holds. */
    static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') return true;
        }
        return false;
    }
}
