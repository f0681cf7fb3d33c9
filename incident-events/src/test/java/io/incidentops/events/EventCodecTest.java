package io.incidentops.events;

import io.incidentops.events.comms.WarRoomCreated;
import io.incidentops.events.executor.DeploymentSummary;
import io.incidentops.events.intake.IncidentAcknowledged;
import io.incidentops.events.intake.NotificationRequested;
import io.incidentops.events.intake.PagingSuppressed;
import io.incidentops.events.model.GroupedAlert;
import io.incidentops.events.model.Responder;
import io.incidentops.events.model.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeRoundTripsWithEveryFieldSet(EventType type) {
        IncidentEventData original = sample(type.dataClass());

        String json = EventCodec.encode(original);
        IncidentEventData read = EventCodec.decode(type, json);

        assertThat(read).isEqualTo(original);
        assertThat(EventType.of(read)).isEqualTo(type);
        assertThat(json).contains("\"incidentId\":\"INC-20261126-001\"");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void ceTypeFollowsTheContractAndResolvesBack(EventType type) {
        assertThat(type.ceType()).isEqualTo("io.incidentops." + type.shortName() + ".v1");
        assertThat(EventType.fromCeType(type.ceType())).contains(type);
    }

    @Test
    void unknownCeTypeIsEmpty() {
        assertThat(EventType.fromCeType("io.incidentops.nope.v1")).isEmpty();
        assertThat(EventType.fromCeType(null)).isEmpty();
    }

    @Test
    void timestampsAreIso8601() {
        String json = EventCodec.encode(new IncidentAcknowledged("INC-20261126-001", "alice",
                Instant.parse("2026-11-26T10:15:30Z")));
        assertThat(json).contains("\"acknowledgedAt\":\"2026-11-26T10:15:30Z\"");
    }

    @Test
    void unknownFieldsFromANewerProducerAreIgnored() {
        IncidentAcknowledged read = EventCodec.decode(IncidentAcknowledged.class,
                "{\"incidentId\":\"INC-20261126-001\",\"responder\":\"bob\",\"shoeSize\":44}");
        assertThat(read.responder()).isEqualTo("bob");
    }

    @Test
    void aPageWrittenBeforeThePurposeFieldReadsAsAPage() {
        NotificationRequested read = EventCodec.decode(NotificationRequested.class,
                "{\"incidentId\":\"INC-20261126-001\",\"notificationId\":\"n-1\",\"rule\":1,\"pass\":1}");
        assertThat(read.purpose()).isEqualTo(NotificationRequested.PAGE);
    }

    @Test
    void aWarRoomCreatedReadsFromItsWireShape() {
        IncidentEventData read = EventCodec.decode(EventType.COMMS_WAR_ROOM_CREATED, "{\"incidentId\":\"INC-20261126-001\","
                + "\"platform\":\"slack\",\"channelId\":\"C0INC1\",\"channelName\":\"incident-inc-20261126-001\","
                + "\"url\":\"https://slack.com/app_redirect?channel=C0INC1\",\"createdAt\":\"2026-11-26T10:00:00Z\"}");
        assertThat(read).isEqualTo(new WarRoomCreated("INC-20261126-001", "slack", "C0INC1",
                "incident-inc-20261126-001", "https://slack.com/app_redirect?channel=C0INC1",
                Instant.parse("2026-11-26T10:00:00Z")));
        assertThat(EventType.COMMS_WAR_ROOM_CREATED.ceType()).isEqualTo("io.incidentops.comms.war-room-created.v1");
        assertThat(EventType.COMMS_WAR_ROOM_ARCHIVED.ceType()).isEqualTo("io.incidentops.comms.war-room-archived.v1");
    }

    @Test
    void missingIncidentIdIsMalformed() {
        assertThatThrownBy(() -> EventCodec.decode(IncidentAcknowledged.class, "{\"responder\":\"bob\"}"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("IncidentAcknowledged");
    }

    @Test
    void invalidJsonAndEmptyDataAreMalformed() {
        assertThatThrownBy(() -> EventCodec.decode(EventType.INCIDENT_ACKNOWLEDGED, "{not json"))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> EventCodec.decode(EventType.INCIDENT_ACKNOWLEDGED, ""))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void wrongEnumValueIsMalformed() {
        assertThatThrownBy(() -> EventCodec.decode(EventType.INCIDENT_SEVERITY_CHANGED,
                "{\"incidentId\":\"INC-20261126-001\",\"previous\":\"P9\",\"current\":\"P1\"}"))
                .isInstanceOf(MalformedEventException.class);
    }

    /** Builds an instance of a data record with a non-default value in every component. */
    private static IncidentEventData sample(Class<? extends IncidentEventData> recordClass) {
        try {
            RecordComponent[] components = recordClass.getRecordComponents();
            Object[] args = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = sampleValue(components[i].getName(), components[i].getGenericType());
            }
            return recordClass.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object sampleValue(String name, Type type) {
        if (type instanceof ParameterizedType p) {
            Type raw = p.getRawType();
            if (raw == Map.class) return Map.of("team", "payments", "severity", "critical");
            if (raw == List.class) {
                Type element = p.getActualTypeArguments()[0];
                if (element == Responder.class) return List.of(new Responder("Alice", "on-call", "alice@example.com"));
                if (element == DeploymentSummary.class) return List.of(new DeploymentSummary("checkout", "1.4.2",
                        "production", "deployed", Instant.parse("2026-11-26T09:00:00Z")));
                if (element == PagingSuppressed.Silence.class) {
                    return List.of(new PagingSuppressed.Silence("7c9e6679-7425-40de-944b-e07fc1f90ae7", "DB upgrade", "alice"));
                }
                if (element == GroupedAlert.class) return List.of(new GroupedAlert("fp-1", "service=checkout,team=payments",
                        "alertmanager", "firing", Severity.P1, "Checkout down", Instant.parse("2026-11-26T09:00:00Z"),
                        Instant.parse("2026-11-26T09:05:00Z"), 12));
                return List.of("first " + name, "second " + name);
            }
        }
        Class<?> c = (Class<?>) type;
        if (name.equals("incidentId")) return "INC-20261126-001";
        if (c == String.class) return "sample " + name;
        if (c == Instant.class) return Instant.parse("2026-11-26T10:00:00.123Z");
        if (c == Duration.class) return Duration.ofMinutes(15);
        if (c == int.class) return 3;
        if (c == long.class) return 7L;
        if (c == boolean.class) return true;
        if (c == Responder.class) return new Responder("Carol", "commander", "carol@example.com");
        if (c.isEnum()) {
            Object[] constants = c.getEnumConstants();
            return constants[constants.length - 1];
        }
        throw new AssertionError("no sample for " + name + " of " + type);
    }
}
