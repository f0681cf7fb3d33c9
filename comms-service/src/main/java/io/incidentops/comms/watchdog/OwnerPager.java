package io.incidentops.comms.watchdog;

import io.incidentops.comms.config.CommsConfig;
import io.incidentops.comms.paging.ChannelText;
import io.incidentops.comms.paging.channel.Channels;
import io.incidentops.comms.paging.channel.Delivery;
import io.incidentops.comms.paging.channel.Outcome;
import io.incidentops.events.model.ContactAddress;
import io.incidentops.platform.transaction.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Pages every owner about one condition through comms' channel senders, called directly: no Kafka, no outbox and no
 * delivery worker between the check and the send, since any of them may be what is broken. Each page is recorded
 * ({@link WatchdogPage}) in the caller's transaction, the one that holds the condition's row.
 */
@ApplicationScoped
public class OwnerPager {

    private static final Logger LOG = Logger.getLogger(OwnerPager.class);
    /** What a page carries as its incident: it belongs to none. */
    static final String INCIDENT = "watchdog";

    @Inject
    Owners owners;

    @Inject
    Channels channels;

    @Inject
    CommsConfig config;

    @Inject
    AfterCommit afterCommit;

    @Inject
    MeterRegistry meters;

    /** @return how many owners got the page (a provider accepted it) */
    @Transactional(Transactional.TxType.MANDATORY)
    public int page(WatchdogCondition c, WatchdogCondition.Kind kind, Instant now) {
        boolean recovered = kind == WatchdogCondition.Kind.RECOVERED;
        String headline = "[IncidentOps watchdog] " + switch (kind) {
            case UNHEALTHY -> "paging pipeline unhealthy: " + c.name;
            case STILL_UNHEALTHY -> "paging pipeline still unhealthy: " + c.name;
            case RECOVERED -> "recovered: " + c.name;
        };
        String body = WatchdogText.body(headline, c.detail, recovered, c.since, config.watchdog().repeat()).render();
        int sent = 0;
        for (Owners.Owner owner : owners.all()) {
            WatchdogPage p = new WatchdogPage();
            p.id = UUID.randomUUID();
            p.condition = c.name;
            p.kind = kind.value;
            p.channel = owner.channel();
            p.address = owner.address();
            p.detail = c.detail;
            p.createdAt = now;
            Optional<String> unconfigured = channels.unconfigured(owner.channel(), owner.address());
            if (unconfigured.isPresent()) {
                p.status = "unconfigured";
                p.error = unconfigured.get();
            } else {
                Outcome outcome = channels.deliver(new Delivery(p.id, INCIDENT, owner.channel(), owner.address(),
                        "high", headline, textFor(owner.channel(), headline, body, c.detail), null, null, 1, null,
                        null));
                p.status = outcome.result() == Outcome.Result.SENT ? "sent" : "failed";
                p.provider = outcome.provider();
                p.error = outcome.error();
            }
            p.persist();
            if ("sent".equals(p.status)) sent++;
            String status = p.status;
            afterCommit.run(() -> meters.counter("incidentops.comms.watchdog.pages", "kind", kind.value,
                    "channel", owner.channel(), "outcome", status).increment());
        }
        LOG.warnf("watchdog: %s (%s); %d of %d owners paged", headline, c.detail, sent, owners.all().size());
        return sent;
    }

    /** E-mail, chat and push carry the whole text; an SMS the headline and detail, cut to one message. */
    private static String textFor(String channel, String headline, String body, String detail) {
        if (!ContactAddress.SMS.equals(channel)) return body;
        String text = (headline + ": " + detail).replaceAll("\\s+", " ");
        return ChannelText.fitSms(text);
    }
}
