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
 * {@code incidentops.outbox.max-age} (the relay is stuck, the broker unreachable), served in the health group
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
    /** The oldest row through the primary key's index, and a capped count: both cheap on any backlog. */
    private static final String QUERY = "SELECT (SELECT created_at FROM outbox_event ORDER BY seq LIMIT 1), "
            + "(SELECT count(*) FROM (SELECT 1 FROM outbox_event LIMIT " + COUNT_CAP + ") AS w)";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry meters;

    @ConfigProperty(name = "incidentops.outbox.max-age", defaultValue = "PT2M")
    Duration maxAge;

    /** What waits in the outbox: how many rows (capped at {@value #COUNT_CAP}) and how old the oldest is. */
    public record Backlog(long waiting, Duration oldestAge) {

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
    }

    /** @throws SQLException when the database cannot be asked */
    public Backlog backlog() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(QUERY)) {
            rs.next();
            OffsetDateTime oldest = rs.getObject(1, OffsetDateTime.class);
            Duration age = oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), Instant.now(clock));
            return new Backlog(rs.getLong(2), age.isNegative() ? Duration.ZERO : age);
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
                    .status(b.drained(maxAge))
                    .withData("oldest-age-seconds", b.oldestAge().toSeconds())
                    .withData("waiting", b.waiting())
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
