package io.incidentops.executor.deployment;

import io.incidentops.events.EventCodec;
import io.incidentops.events.Topics;
import io.incidentops.events.deployments.DeployRecord;
import io.incidentops.events.executor.DeploymentSummary;
import io.incidentops.testsupport.KafkaTestClient;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A PagerDuty change event as intake writes it onto the deployments topic (the contract's {@link DeployRecord},
 * encoded with the contract's mapper, keyed by service, no CloudEvents headers) is among the service's recent changes
 * that diagnostics list.
 */
@QuarkusTest
class PagerDutyChangeRecordTest {

    private final KafkaTestClient kafka = new KafkaTestClient();

    @Inject
    RecentChanges recentChanges;

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aChangeEventIsListedAmongRecentChanges() throws Exception {
        String service = "checkout-" + UUID.randomUUID();
        Instant at = Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        // PagerDuty developer-docs, events-API-v2/03-Change-Events.md: the example change event's fields
        DeployRecord change = new DeployRecord(service, "Build Success: Increase snapshot create timeout to 30 seconds",
                null, at, "Build Success: Increase snapshot create timeout to 30 seconds", "pagerduty-change",
                List.of(new DeployRecord.Link("https://acme.pagerduty.dev/build/2", "View more details in Acme!")),
                Map.of("build_state", "passed", "build_number", "2", "run_time", "1236s"));
        kafka.send(Topics.DEPLOYMENTS, service, EventCodec.mapper().writeValueAsString(change), Map.of());

        await().atMost(Duration.ofSeconds(30)).until(() -> !recentChanges(service).isEmpty());
        DeploymentSummary listed = recentChanges(service).get(0);
        assertThat(listed.service()).isEqualTo(service);
        assertThat(listed.version()).isEqualTo(change.version());
        assertThat(listed.kind()).isEqualTo("deployed");
        assertThat(listed.deployedAt()).isEqualTo(at);
    }

    /** What diagnostics would list now, read as diagnostics read it: in a request context, outside a transaction. */
    private List<DeploymentSummary> recentChanges(String service) {
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            return recentChanges.of(service, Instant.now());
        } finally {
            request.terminate();
        }
    }
}
