package io.incidentops.comms.webhook;

import io.incidentops.comms.webhook.WebhookDeliveryStore.Claimed;
import io.incidentops.comms.webhook.WebhookDeliveryStore.Recorded;
import io.incidentops.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replica whose claim of a delivery ran out, and which another replica has claimed since, neither posts it nor
 * records an outcome over the other's. The deliveries here are due in an hour, so the service's own worker leaves
 * them alone; the claims are made as {@code claimDue} makes them.
 */
@QuarkusTest
class WebhookClaimsTest {

    @Inject
    WebhookDeliveryStore store;

    @Inject
    EntityManager em;

    @Test
    void aSupersededClaimNeitherBeginsNorRecords() {
        UUID id = pendingDelivery();
        Claimed first = claim(id, 1);
        Claimed second = claim(id, 2); // the first one's lease ran out; another replica claimed it

        assertThat(QuarkusTransaction.requiringNew().call(() -> store.begin(first))).isFalse();
        assertThat(QuarkusTransaction.requiringNew().call(() -> store.delivered(first, 200)))
                .isEqualTo(Recorded.SUPERSEDED);
        assertThat(QuarkusTransaction.requiringNew().call(() -> store.attemptFailed(first, 503, "HTTP 503", true)))
                .isEqualTo(Recorded.SUPERSEDED);
        assertThat(row(id).status).isEqualTo(WebhookDelivery.PENDING);

        assertThat(QuarkusTransaction.requiringNew().call(() -> store.begin(second))).isTrue();
        assertThat(QuarkusTransaction.requiringNew().call(() -> store.delivered(second, 200)))
                .isEqualTo(Recorded.DELIVERED);
        WebhookDelivery delivered = row(id);
        assertThat(delivered.status).isEqualTo(WebhookDelivery.DELIVERED);
        assertThat(delivered.lastStatus).isEqualTo(200);
        // and a late word from the first claim changes nothing
        assertThat(QuarkusTransaction.requiringNew().call(() -> store.attemptFailed(first, null, "timeout", true)))
                .isEqualTo(Recorded.SUPERSEDED);
        assertThat(row(id).status).isEqualTo(WebhookDelivery.DELIVERED);
    }

    @Test
    void beginningAnAttemptRestartsItsLease() {
        UUID id = pendingDelivery();
        Claimed claimed = claim(id, 1);
        Instant before = row(id).nextAttemptAt;

        assertThat(QuarkusTransaction.requiringNew().call(() -> store.begin(claimed))).isTrue();

        // from now, one attempt's worth: no longer the hour the row was due in
        assertThat(row(id).nextAttemptAt).isBefore(before).isAfter(Instant.now());
    }

    /** A pending delivery due in an hour, of a notification of its own. */
    private UUID pendingDelivery() {
        UUID notification = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("INSERT INTO notification (id, incident_id, channel, audience, kind, destination,"
                            + " subject, body, created_at) VALUES (?1, ?2, 'webhook', 'responders', 'initial',"
                            + " 'responders-webhook', 'test', 'test', now())")
                    .setParameter(1, notification).setParameter(2, TestIds.newIncidentId()).executeUpdate();
            em.createNativeQuery("INSERT INTO webhook_delivery (id, notification_id, url, payload, status, attempts,"
                            + " next_attempt_at, created_at) VALUES (?1, ?2, 'http://127.0.0.1:9/hook', '{}',"
                            + " 'pending', 0, ?3, now())")
                    .setParameter(1, id).setParameter(2, notification)
                    .setParameter(3, Instant.now().plus(1, ChronoUnit.HOURS)).executeUpdate();
        });
        return id;
    }

    /** What {@code claimDue} does to a row it claims: one more attempt, a new token. */
    private Claimed claim(UUID id, int attempt) {
        UUID token = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "UPDATE webhook_delivery SET attempts = ?1, claim_token = ?2 WHERE id = ?3")
                .setParameter(1, attempt).setParameter(2, token).setParameter(3, id).executeUpdate());
        return new Claimed(id, token, "http://127.0.0.1:9/hook", "{}", attempt, null);
    }

    private WebhookDelivery row(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            WebhookDelivery d = em.find(WebhookDelivery.class, id);
            em.detach(d);
            return d;
        });
    }
}
