package io.incidentops.comms.watchdog;

import io.incidentops.platform.outbox.OutboxHealth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Watches the paging pipeline every {@code watchdog.interval}: the other services' outboxes (their health URLs), comms'
 * own outbox, comms' consumer lag on incident-events and comms' failed or stuck deliveries. Every replica looks; the
 * looks happen outside any transaction, then each condition is decided (and its owners paged) in its own
 * ({@link WatchdogDecisions}).
 */
@ApplicationScoped
public class Watchdog {

    private static final Logger LOG = Logger.getLogger(Watchdog.class);
    static final String OUTBOX = "outbox";

    @Inject
    HealthEndpoints endpoints;

    @Inject
    ConsumerLag lag;

    @Inject
    DeliveryHealth deliveries;

    /** The platform's check, a bean of its health group (a qualifier). */
    @Inject
    @HealthGroup(OutboxHealth.GROUP)
    OutboxHealth outbox;

    @Inject
    WatchdogDecisions decisions;

    @Inject
    Owners owners;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry meters;

    /** Last observation per condition, for the gauges. */
    private final Map<String, Boolean> unhealthy = new ConcurrentHashMap<>();

    void onStart(@Observes StartupEvent event) {
        Gauge.builder("incidentops.comms.watchdog.unhealthy", unhealthy, m -> m.values().stream().filter(b -> b).count())
                .description("conditions of the paging pipeline this replica last saw unhealthy").register(meters);
        Gauge.builder("incidentops.comms.watchdog.consumer-lag", lag, ConsumerLag::last)
                .description("records comms' consumer group is behind on incident-events (-1: unknown)").register(meters);
        Gauge.builder("incidentops.comms.watchdog.owners", owners, o -> o.all().size())
                .description("owners the watchdog pages").register(meters);
    }

    @Scheduled(identity = "watchdog", every = "${incidentops.comms.watchdog.interval:PT30S}",
            delayed = "${incidentops.comms.watchdog.interval:PT30S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void check() {
        round();
    }

    /** One round: look at every condition, then decide each one. */
    public void round() {
        List<Observation> observations = new ArrayList<>(endpoints.observe());
        observations.add(ownOutbox());
        observations.add(lag.observe());
        observations.add(safely(DeliveryHealth.CONDITION, () -> deliveries.observe(Instant.now(clock))));
        for (Observation o : observations) {
            unhealthy.put(o.condition(), !o.healthy());
            try {
                decisions.decide(o);
            } catch (RuntimeException e) {
                LOG.errorf(e, "watchdog: could not decide %s (%s)", o.condition(), o.detail());
            }
        }
        meters.counter("incidentops.comms.watchdog.rounds").increment();
    }

    /** A look that could not be made (comms' database is away) is itself unhealthy. */
    private static Observation safely(String condition, Supplier<Observation> look) {
        try {
            return look.get();
        } catch (RuntimeException e) {
            return Observation.unhealthy(condition, "could not look: " + e.getMessage());
        }
    }

    private Observation ownOutbox() {
        try {
            OutboxHealth.Backlog b = outbox.backlog();
            String detail = "comms' outbox: " + b.waiting() + " events waiting, the oldest " + b.oldestAge().toSeconds()
                    + "s old (max " + outbox.maxAge().toSeconds() + "s)";
            return b.drained(outbox.maxAge()) ? Observation.healthy(OUTBOX, detail)
                    : Observation.unhealthy(OUTBOX, detail);
        } catch (SQLException e) {
            return Observation.unhealthy(OUTBOX, "comms' database did not answer: " + e.getMessage());
        }
    }
}
