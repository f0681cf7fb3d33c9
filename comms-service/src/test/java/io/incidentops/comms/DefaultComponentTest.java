package io.incidentops.comms;

import io.incidentops.comms.support.EventsTest;
import io.incidentops.comms.support.TestEvents;
import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.incidentops.comms.support.StatusPageClient.incidentById;
import static io.incidentops.comms.support.StatusPageClient.updates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With {@code default-component} set, an incident whose service maps to no component is shown against it. */
@QuarkusTest
@TestProfile(DefaultComponentTest.WithDefault.class)
class DefaultComponentTest extends EventsTest {

    static final String DEFAULT = "All Services";

    public static class WithDefault implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("incidentops.comms.default-component", DEFAULT);
        }
    }

    @Test
    void anUnmappedServiceIsShownAgainstTheDefaultNeverUnderItsLabel() {
        String incidentId = TestIds.newIncidentId();
        String service = TestIds.unique("unmapped-worker");
        events.send(TestEvents.declared(incidentId, Severity.P1, service, "worker down", null,
                Instant.now().minusSeconds(60)));
        await().atMost(Duration.ofSeconds(30)).until(() -> pageId(incidentId) != null);

        Map<String, Object> incident = incidentById("/api/v2/incidents.json", pageId(incidentId)).orElseThrow();
        assertThat(incident.get("name")).isEqualTo(DEFAULT + " experiencing a partial outage");
        assertThat((List<Map<String, Object>>) incident.get("components")).extracting(c -> c.get("name"))
                .containsExactly(DEFAULT);
        assertThat(updates(incident).get(0).get("body").toString()).contains("affecting " + DEFAULT + ".");
        assertThat(incident.toString()).doesNotContain(service);
    }
}
