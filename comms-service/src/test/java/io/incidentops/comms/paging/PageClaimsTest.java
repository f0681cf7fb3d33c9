package io.incidentops.comms.paging;

import io.incidentops.comms.paging.Pages.Recorded;
import io.incidentops.comms.paging.channel.Delivery;
import io.incidentops.comms.paging.channel.Outcome;
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
 * A replica whose claim of a page ran out, and which another replica has claimed since, records nothing: the page is
 * not marked sent twice (nor announced twice), and the other replica's outcome stands. The pages here are due in an
 * hour, so the service's own worker leaves them alone; the claims are made as {@code claimNext} makes them.
 */
@QuarkusTest
class PageClaimsTest {

    @Inject
    Pages pages;

    @Inject
    EntityManager em;

    @Test
    void aSupersededClaimRecordsNothingAndTheCurrentOneDoes() {
        String incident = TestIds.newIncidentId();
        UUID id = pendingPage(incident);
        Delivery first = claim(id, incident, 1);
        Delivery second = claim(id, incident, 2); // the first one's lease ran out; another replica claimed it

        assertThat(QuarkusTransaction.requiringNew().call(() -> pages.sent(first, "smtp", null)))
                .isEqualTo(Recorded.SUPERSEDED);
        assertThat(QuarkusTransaction.requiringNew().call(() -> pages.attemptFailed(first,
                Outcome.retry("smtp", "connection refused", null)))).isEqualTo(Recorded.SUPERSEDED);
        PageDelivery untouched = row(id);
        assertThat(untouched.status).isEqualTo(PageDelivery.PENDING);
        assertThat(untouched.lastError).isNull();
        assertThat(untouched.sentAt).isNull();

        assertThat(QuarkusTransaction.requiringNew().call(() -> pages.sent(second, "smtp", "msg-2")))
                .isEqualTo(Recorded.SENT);
        PageDelivery sent = row(id);
        assertThat(sent.status).isEqualTo(PageDelivery.SENT);
        assertThat(sent.providerId).isEqualTo("msg-2");
        // a late word from the first claim changes nothing (and announces nothing: that comes after the same check)
        assertThat(QuarkusTransaction.requiringNew().call(() -> pages.sent(first, "smtp", "msg-1")))
                .isEqualTo(Recorded.SUPERSEDED);
        assertThat(row(id).providerId).isEqualTo("msg-2");
        assertThat(row(id).sentAt).isEqualTo(sent.sentAt);
    }

    /** A pending e-mail page due in an hour. */
    private UUID pendingPage(String incident) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("INSERT INTO page_delivery (id, incident_id,"
                        + " step_id, rule, pass, user_id, user_name, channel, address, urgency, subject, body, status,"
                        + " attempts, next_attempt_at, created_at) VALUES (?1, ?2, 'step-1', 1, 1, 'alex', 'Alex',"
                        + " 'email', 'alex@example.org', 'high', 'page', 'page', 'pending', 0, ?3, now())")
                .setParameter(1, id).setParameter(2, incident)
                .setParameter(3, Instant.now().plus(1, ChronoUnit.HOURS)).executeUpdate());
        return id;
    }

    /** What {@code claimNext} does to a row it claims: one more attempt, a new token. */
    private Delivery claim(UUID id, String incident, int attempt) {
        UUID token = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "UPDATE page_delivery SET attempts = ?1, claim_token = ?2 WHERE id = ?3")
                .setParameter(1, attempt).setParameter(2, token).setParameter(3, id).executeUpdate());
        return new Delivery(id, incident, "email", "alex@example.org", "high", "page", "page", null, null, attempt,
                null, token);
    }

    private PageDelivery row(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            PageDelivery p = em.find(PageDelivery.class, id);
            em.detach(p);
            return p;
        });
    }
}
