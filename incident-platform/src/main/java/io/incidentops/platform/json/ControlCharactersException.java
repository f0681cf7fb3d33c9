package io.incidentops.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/** A request body's string holds a control character: 400 naming the field. */
public class ControlCharactersException extends JsonMappingException {

    public static final String MESSAGE = "must not contain control characters";

    ControlCharactersException(JsonParser parser) {
        super(parser, MESSAGE);
    }
}
