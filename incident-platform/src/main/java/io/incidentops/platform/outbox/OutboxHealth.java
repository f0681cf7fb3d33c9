package io.incidentops.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.function.ToLongFunction;

/**
 * Is this service's outbox being drained? DOWN when the oldest unsent row is older than
 * {@code incidentops.outbox.max-age} (the relay is stuck, the broker unreachable), or when a row was set aside because
 * the broker refuses it for good (an event nobody will receive until a person acts), served in the health group
 * {@value #GROUP} ({@code /q/health/group/pipeline}), read by comms' watchdog, which pages the platform's owners.
 * <p>
 * Deliberately not a readiness check: a service whose broker is down must keep taking requests (the outbox is there to
 * buffer them), and a DOWN readiness would take it out of its Service exactly then.
 */
@HealthGroup(OutboxHealth.GROUP)
@ApplicationScoped
public class OutboxHealth implements HealthCheck {

    public static final String GROUP = "pipeline";
    public static final String NAME = "outbox";
    /** Rows counted at most: the answer stays cheap however large a backlog grows. */
    static final int COUNT_CAP = 10_000;

    private static final Logger LOG = Logger.getLogger(OutboxHealth.class);
    /** The oldest row through the primary key's index, capped counts: all cheap on any backlog. */
    private static final String QUERY = "SELECT (SELECT created_at FROM outbox_event WHERE set_aside_at IS NULL "
            + "ORDER BY seq LIMIT 1), "
            + "(SELECT count(*) FROM (SELECT 1 FROM outbox_event WHERE set_aside_at IS NULL LIMIT " + COUNT_CAP
            + ") AS w), "
            + "(SELECT count(*) FROM (SELECT 1 FROM outbox_event WHERE set_aside_at IS NOT NULL LIMIT " + COUNT_CAP
            + ") AS a)";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry meters;

    @ConfigProperty(name = "incidentops.outbox.max-age", defaultValue = "PT2M")
    Duration maxAge;

    /**
     * What waits in the outbox: how many rows (capped at {@value #COUNT_CAP}), how old the oldest is, and how many were
     * set aside.
     */
    public record Backlog(long waiting, Duration oldestAge, long setAside) {

        /** The relay keeps up: nothing has waited longer than {@code maxAge}. */
        public boolean drained(Duration maxAge) {
            return oldestAge.compareTo(maxAge) <= 0;
        }
    }

    void onStart(@Observes StartupEvent event) {
        Gauge.builder("incidentops.outbox.oldest-age-seconds", this, h -> h.gaugeOf(b -> b.oldestAge().toSeconds()))
                .description("age of the oldest outbox row not yet relayed to Kafka (0 when empty)")
                .register(meters);
        Gauge.builder("incidentops.outbox.waiting", this, h -> h.gaugeOf(Backlog::waiting))
                .description("outbox rows not yet relayed to Kafka (counted up to 10000)")
                .register(meters);
        Gauge.builder("incidentops.outbox.set-aside", this, h -> h.gaugeOf(Backlog::setAside))
                .description("outbox rows the broker refused for good, set aside until a person retries or drops "
                        + "them (alert when above 0)")
                .register(meters);
    }

    /** @throws SQLException when the database cannot be asked */
    public Backlog backlog() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(QUERY)) {
            rs.next();
            OffsetDateTime oldest = rs.getObject(1, OffsetDateTime.class);
            Duration age = oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), Instant.now(clock));
            return new Backlog(rs.getLong(2), age.isNegative() ? Duration.ZERO : age, rs.getLong(3));
        }
    }

    public Duration maxAge() {
        return maxAge;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            Backlog b = backlog();
            return HealthCheckResponse.named(NAME)
                    .status(b.drained(maxAge) && b.setAside() == 0)
                    .withData("oldest-age-seconds", b.oldestAge().toSeconds())
                    .withData("waiting", b.waiting())
                    .withData("set-aside", b.setAside())
                    .withData("max-age-seconds", maxAge.toSeconds())
                    .build();
        } catch (SQLException e) {
            LOG.warnf("outbox health: the database could not be asked: %s", e.getMessage());
            return HealthCheckResponse.named(NAME).down().withData("error", "database unreachable").build();
        }
    }

    private double gaugeOf(ToLongFunction<Backlog> value) {
        try {
            return value.applyAsLong(backlog());
        } catch (SQLException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
