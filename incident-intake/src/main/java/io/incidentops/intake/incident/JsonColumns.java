package io.incidentops.intake.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentops.events.EventCodec;
import io.incidentops.events.model.Responder;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.descriptor.java.Immutability;

import java.util.List;
import java.util.Map;

/**
 * JSON text columns (labels, responders) read and written with the event codec's mapper. Their values are replaced,
 * never changed in place, so Hibernate treats them as immutable: no JSON round trip to snapshot every loaded entity
 * and none to dirty-check it at flush (a tenth of the alert writer's CPU in bench (e)).
 */
public final class JsonColumns {

    private static final ObjectMapper MAPPER = EventCodec.mapper();

    private JsonColumns() {
    }

    abstract static class Json<T> implements AttributeConverter<T, String> {
        private final TypeReference<T> type;

        Json(TypeReference<T> type) {
            this.type = type;
        }

        @Override
        public String convertToDatabaseColumn(T value) {
            try {
                return value == null ? null : MAPPER.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("cannot write JSON column", e);
            }
        }

        @Override
        public T convertToEntityAttribute(String json) {
            try {
                return json == null ? null : MAPPER.readValue(json, type);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot read JSON column", e);
            }
        }
    }

    @Converter
    @Mutability(Immutability.class)
    public static class LabelsConverter extends Json<Map<String, String>> {
        public LabelsConverter() {
            super(new TypeReference<>() { });
        }
    }

    @Converter
    @Mutability(Immutability.class)
    public static class RespondersConverter extends Json<List<Responder>> {
        public RespondersConverter() {
            super(new TypeReference<>() { });
        }
    }

    @Converter
    @Mutability(Immutability.class)
    public static class ResponderConverter extends Json<Responder> {
        public ResponderConverter() {
            super(new TypeReference<>() { });
        }
    }
}
