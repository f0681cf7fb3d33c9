package io.incidentops.platform.messaging;

import io.incidentops.events.EventCodec;
import io.incidentops.events.EventType;
import io.incidentops.events.IncidentEventData;
import io.incidentops.events.MalformedEventException;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Reads a CloudEvent in Kafka binary mode ({@code ce_*} headers, JSON data as the value) into a {@link ReceivedEvent}. */
@ApplicationScoped
public class IncidentEventReader {

    /**
     * The event, its type already read from the record ({@link #type}: a consumer may pass over a type first).
     *
     * @throws PoisonRecordException when the record is not a valid event of the contract
     */
    public ReceivedEvent read(ConsumerRecord<String, String> record, EventType type) {
        String id = header(record, "ce_id");
        IncidentEventData data;
        try {
            data = EventCodec.decode(type, record.value());
        } catch (MalformedEventException e) {
            throw new PoisonRecordException(e.getMessage(), e);
        }
        String subject = header(record, "ce_subject");
        if (!subject.equals(data.incidentId())) {
            throw new PoisonRecordException("ce_subject '" + subject + "' differs from data.incidentId '"
                    + data.incidentId() + "'");
        }
        try {
            return new ReceivedEvent(UUID.fromString(id), type, header(record, "ce_source"), subject,
                    OffsetDateTime.parse(header(record, "ce_time")).toInstant(), data);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new PoisonRecordException("invalid ce_id or ce_time: " + e.getMessage(), e);
        }
    }

    /** The record's event type, from its {@code ce_type} header alone. */
    public EventType type(ConsumerRecord<String, String> record) {
        String ceType = header(record, "ce_type");
        return EventType.fromCeType(ceType)
                .orElseThrow(() -> new PoisonRecordException("unknown event type '" + ceType + "'"));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            throw new PoisonRecordException("missing CloudEvents header " + name);
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
