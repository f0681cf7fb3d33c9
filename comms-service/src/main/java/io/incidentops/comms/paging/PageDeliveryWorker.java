package io.incidentops.comms.paging;

import io.incidentops.comms.config.CommsConfig;
import io.incidentops.comms.paging.channel.Channels;
import io.incidentops.comms.paging.channel.Delivery;
import io.incidentops.comms.paging.channel.Outcome;
import io.incidentops.comms.paging.channel.TwilioProviders;
import io.incidentops.platform.worker.ClaimWorker;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Sends pending pages, update reminders, notices and PIR invites on their channel (the sender of
 * {@link Channels}), outside any transaction. Each delivery is claimed alone, in its own short transaction, under a
 * lease longer than one attempt can take (checked at start), so no two replicas ever send the same one; a round
 * works up to {@code paging.batch-size} of them, and deliveries due now are sent by {@code paging.senders} threads at
 * once. Failures are retried with backoff (or the provider's Retry-After)
 * up to {@code paging.max-attempts}; refusals fail at once.
 */
@ApplicationScoped
public class PageDeliveryWorker extends ClaimWorker<Delivery> {

    private static final Logger LOG = Logger.getLogger(PageDeliveryWorker.class);

    @Inject
    Pages pages;

    @Inject
    Channels channels;

    @Inject
    TwilioProviders twilio;

    @Inject
    CommsConfig config;

    @Inject
    MeterRegistry meters;

    /** An attempt may try every SMS/voice provider, each up to the channel timeout: the lease must outlast that. */
    void onStart(@Observes StartupEvent event) {
        Duration attempt = config.channels().timeout().multipliedBy(Math.max(1, twilio.count()));
        if (config.paging().lease().compareTo(attempt) <= 0) {
            throw new IllegalStateException("incidentops.comms.paging.lease (" + config.paging().lease()
                    + ") must be longer than one attempt: channels.timeout x SMS/voice providers = " + attempt);
        }
    }

    @Scheduled(identity = "page-delivery", every = "${incidentops.comms.paging.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sendDue() {
        for (int i = 0; i < config.paging().batchSize(); i++) {
            if (runOnce() == 0) return;
        }
    }

    @Override
    protected int parallelism() {
        return config.paging().senders();
    }

    @Override
    protected List<Delivery> claim() {
        return pages.claimNext().stream().toList();
    }

    @Override
    protected String describe(Delivery d) {
        return d.channel() + " page " + d.id() + " of " + d.incidentId() + " attempt " + d.attempt();
    }


    @Override
    protected String spanName() {
        return "page delivery";
    }

    /** One attempt; its outcome is recorded (committed) before it is counted. */
    @Override
    protected void work(Delivery d) {
        Outcome outcome = channels.deliver(d);
        Pages.Recorded recorded = outcome.result() == Outcome.Result.SENT
                ? pages.sent(d, outcome.provider(), outcome.providerId())
                : pages.attemptFailed(d, outcome);
        String counted = recorded.name().toLowerCase(Locale.ROOT);
        if (recorded != Pages.Recorded.SENT) LOG.warnf("%s: %s (%s)", describe(d), counted, outcome.error());
        meters.counter("incidentops.comms.page.attempts", "channel", d.channel(), "outcome", counted).increment();
    }
}
