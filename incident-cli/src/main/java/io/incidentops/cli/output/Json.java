package io.incidentops.cli.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The Jackson mappers: the CLI reads and writes JSON trees only, no data binding of the services' types. */
public final class Json {

    /** Indented, for {@code --json} answers a person may read too. */
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One line per document, for streams ({@code tail --json}: JSON lines). */
    public static final ObjectMapper COMPACT = new ObjectMapper();

    private Json() {
    }
}
