package io.incidentops.platform.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Can this replica reach the Kafka broker? Reported in readiness as data, never as DOWN: with the broker away a service
 * still answers its HTTP API from PostgreSQL and writes what it must announce to its outbox, which drains when the
 * broker returns. Taking every replica out of its load balancer then (what the Kafka channels' own readiness did, now
 * off: {@code mp.messaging.connector.smallrye-kafka.health-readiness-enabled=false}) would refuse the alerts of an
 * outage exactly when they matter. The broker's state is probed in the background, so a health request never waits
 * for it; the gauge {@code incidentops.kafka.broker.reachable} is what to alert on.
 */
@Readiness
@ApplicationScoped
public class BrokerHealth implements HealthCheck {

    static final String NAME = "kafka-broker";
    private static final Logger LOG = Logger.getLogger(BrokerHealth.class);
    private static final int PROBE_TIMEOUT_MS = 3_000;

    @Inject
    KafkaAdmin admin;

    @Inject
    MeterRegistry meters;

    @Inject
    Clock clock;

    private volatile boolean reachable = true;
    private volatile Instant since;

    void onStart(@Observes StartupEvent event) {
        since = clock.instant();
        Gauge.builder("incidentops.kafka.broker.reachable", this, h -> h.reachable ? 1 : 0)
                .description("1 when this replica reached the Kafka broker at its last probe, 0 when it did not")
                .register(meters);
    }

    @Scheduled(every = "${incidentops.kafka.probe-interval:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void probe() {
        boolean now;
        try {
            admin.get().describeCluster(new DescribeClusterOptions().timeoutMs(PROBE_TIMEOUT_MS)).nodes()
                    .get(PROBE_TIMEOUT_MS + 500, TimeUnit.MILLISECONDS);
            now = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            now = false;
        }
        if (now != reachable) {
            since = clock.instant();
            LOG.warnf(now ? "Kafka broker reachable again" : "Kafka broker unreachable: events wait in the outbox");
        }
        reachable = now;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).up()
                .withData("broker", reachable ? "reachable" : "degraded")
                .withData("since", since == null ? "" : since.toString())
                .build();
    }
}
