package io.incidentops.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;

import java.io.IOException;

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

    /** C0 controls, DEL and C1 controls (Unicode category Cc), except the whitespace a multi-line text holds. */
    static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') return true;
        }
        return false;
    }
}
