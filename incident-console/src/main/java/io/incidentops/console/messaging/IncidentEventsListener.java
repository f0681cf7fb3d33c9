package io.incidentops.console.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentops.console.live.EventHub;
import io.incidentops.console.live.LiveEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Reads {@code incident-events} (binary-mode CloudEvents) for the live pages. Each replica has its own consumer group,
 * so every replica sees every partition; it starts at the latest offset (a page loads the state over HTTP first).
 */
@ApplicationScoped
public class IncidentEventsListener {

    static final String CHANNEL = "console-events";
    private static final Logger LOG = Logger.getLogger(IncidentEventsListener.class);

    @Inject
    EventHub hub;

    @Inject
    ObjectMapper json;

    /** {@code group.id} of this replica: fresh per start, so replicas never split the partitions between them. */
    @Produces
    @Identifier("console-consumer")
    Map<String, Object> consumerConfig() {
        return Map.of("group.id", "incident-console-" + UUID.randomUUID());
    }

    @Incoming(CHANNEL)
    public CompletionStage<Void> onEvent(Message<String> message) {
        message.getMetadata(IncomingKafkaRecordMetadata.class).ifPresent(meta -> {
            Headers headers = meta.getHeaders();
            String id = header(headers, "ce_id");
            String type = header(headers, "ce_type");
            String incidentId = header(headers, "ce_subject");
            if (incidentId == null && meta.getKey() != null) incidentId = meta.getKey().toString();
            if (id == null || type == null || incidentId == null) {
                LOG.debugf("skipped a record without CloudEvent headers at offset %d", meta.getOffset());
                return;
            }
            hub.publish(new LiveEvent(id, type, incidentId, header(headers, "ce_time"), data(message.getPayload())));
        });
        return message.ack();
    }

    private JsonNode data(String payload) {
        if (payload == null || payload.isBlank()) return json.nullNode();
        try {
            return json.readTree(payload);
        } catch (Exception e) {
            return json.nullNode(); // the live view only needs to know something happened to the incident
        }
    }

    private static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
