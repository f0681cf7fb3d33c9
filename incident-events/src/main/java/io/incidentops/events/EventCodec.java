package io.incidentops.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * JSON form of event data: ISO-8601 instants and durations, nulls left out, unknown fields ignored on read
 * (a newer producer may add fields; consumers must keep working).
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventCodec() {
    }

    public static String encode(IncidentEventData data) {
        try {
            return MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + data.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads the data of an event of the given type.
     *
     * @throws MalformedEventException when the JSON is invalid or lacks a required field
     */
    public static IncidentEventData decode(EventType type, String json) {
        return decode(type.dataClass(), json);
    }

    public static <T extends IncidentEventData> T decode(Class<T> dataClass, String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("empty data for " + dataClass.getSimpleName());
        }
        try {
            return MAPPER.readValue(json, dataClass);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("invalid " + dataClass.getSimpleName() + " data: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** A mapper configured like the codec, for readers of other JSON on the same topics. */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }
}
