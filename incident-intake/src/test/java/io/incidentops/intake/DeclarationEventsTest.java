package io.incidentops.intake;

import io.incidentops.testsupport.TestIds;
import io.incidentops.events.EventType;
import io.incidentops.events.intake.CommanderAssigned;
import io.incidentops.events.intake.IncidentDeclared;
import io.incidentops.events.intake.IncidentEscalated;
import io.incidentops.events.intake.RespondersPaged;
import io.incidentops.events.intake.WarRoomOpened;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.Responder;
import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.incidentops.intake.support.Fixtures.alert;
import static io.incidentops.intake.support.Fixtures.as;
import static io.incidentops.intake.support.Fixtures.awaitEvents;
import static io.incidentops.intake.support.Fixtures.before;
import static io.incidentops.intake.support.Fixtures.data;
import static io.incidentops.intake.support.Fixtures.hasType;
import static io.incidentops.intake.support.Fixtures.integration;
import static io.incidentops.testsupport.TestIds.unique;
import static io.incidentops.testsupport.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;

/** The assembly on declaration, as other services see it on incident-events. */
@QuarkusTest
class DeclarationEventsTest {

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void close() {
        kafka.close();
    }

    /** Everything announced for the incident before its acknowledgement, the marker that ends the declaration. */
    private List<ConsumerRecord<String, String>> declarationEvents(String id) {
        as("responder").post("/api/incidents/" + id + "/acknowledge").then().statusCode(200);
        return before(awaitEvents(kafka, id, l -> hasType(l, EventType.INCIDENT_ACKNOWLEDGED, 1)),
                EventType.INCIDENT_ACKNOWLEDGED);
    }

    @Test
    void p1DeclarationEmitsTheWholeAssemblyInOrder() {
        String service = unique("payments-api");
        Map<String, Object> body = new java.util.HashMap<>(alert(service, "Payments API returning 5xx", "critical"));
        body.put("labels", Map.of("team", "payments"));
        String id = integration().body(body).post("/api/alerts").then().statusCode(202).extract().path("incidentId");

        List<ConsumerRecord<String, String>> events = declarationEvents(id);
        assertThat(events).extracting(r -> header(r, "ce_type")).containsExactly(
                EventType.INCIDENT_DECLARED.ceType(), EventType.INCIDENT_ESCALATED.ceType(),
                EventType.INCIDENT_RESPONDERS_PAGED.ceType(), EventType.INCIDENT_COMMANDER_ASSIGNED.ceType(),
                EventType.INCIDENT_WAR_ROOM_OPENED.ceType());
        assertThat(events).allSatisfy(r -> {
            assertThat(header(r, "ce_subject")).isEqualTo(id);
            assertThat(r.key()).isEqualTo(id);
            assertThat(header(r, "ce_specversion")).isEqualTo("1.0");
        });

        IncidentDeclared declared = data(events, EventType.INCIDENT_DECLARED, IncidentDeclared.class).get(0);
        assertThat(declared.severity()).isEqualTo(Severity.P1);
        assertThat(declared.status()).isEqualTo(IncidentStatus.DECLARED);
        assertThat(declared.service()).isEqualTo(service);
        assertThat(declared.startedAt()).isNotNull();
        assertThat(declared.detectedAt()).isNotNull();

        IncidentEscalated escalated = data(events, EventType.INCIDENT_ESCALATED, IncidentEscalated.class).get(0);
        assertThat(escalated.emergencyMode()).isTrue();
        assertThat(escalated.reason()).isEqualTo("High-severity incident detected. Auto-escalating and enabling emergency mode.");

        RespondersPaged paged = data(events, EventType.INCIDENT_RESPONDERS_PAGED, RespondersPaged.class).get(0);
        assertThat(paged.responders()).extracting(Responder::role).containsExactly("on-call", "engineering-lead");
        assertThat(paged.responders()).extracting(Responder::name).containsExactly("Aiko Tanaka", "Daniel Okafor");

        CommanderAssigned commander = data(events, EventType.INCIDENT_COMMANDER_ASSIGNED, CommanderAssigned.class).get(0);
        assertThat(commander.commander().name()).isEqualTo("Sofia Reyes");

        WarRoomOpened room = data(events, EventType.INCIDENT_WAR_ROOM_OPENED, WarRoomOpened.class).get(0);
        assertThat(room.channel()).isEqualTo("#incident-" + id.toLowerCase());
        assertThat(room.videoUrl()).isEqualTo("https://meet.example.com/incident-" + id.toLowerCase());
        assertThat(room.documentUrl()).isEqualTo("https://docs.example.com/incidents/" + id);
    }

    @Test
    void p3DeclarationPagesThePrimaryOnlyWithoutVideo() {
        String id = integration().body(alert(unique("reports"), "Nightly report job slow", "info")).post("/api/alerts")
                .then().statusCode(202).extract().path("incidentId");
        List<ConsumerRecord<String, String>> events = declarationEvents(id);
        assertThat(events).extracting(r -> header(r, "ce_type")).containsExactly(
                EventType.INCIDENT_DECLARED.ceType(), EventType.INCIDENT_RESPONDERS_PAGED.ceType(),
                EventType.INCIDENT_WAR_ROOM_OPENED.ceType());
        assertThat(data(events, EventType.INCIDENT_RESPONDERS_PAGED, RespondersPaged.class).get(0).responders())
                .extracting(Responder::role).containsExactly("primary");
        assertThat(data(events, EventType.INCIDENT_WAR_ROOM_OPENED, WarRoomOpened.class).get(0).videoUrl()).isNull();
    }
}
