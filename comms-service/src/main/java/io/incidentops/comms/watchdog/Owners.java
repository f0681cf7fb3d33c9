package io.incidentops.comms.watchdog;

import io.incidentops.comms.config.CommsConfig;
import io.incidentops.comms.paging.channel.Channels;
import io.incidentops.events.model.ContactAddress;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The platform's own owners ({@code incidentops.comms.watchdog.owners}), each {@code <channel>:<address>} checked at
 * start by the contract's address rules: a mistyped owner stops the start (found at deploy, not in an outage). None
 * configured is allowed but logged: the watchdog then only keeps its state for {@code GET /api/watchdog}.
 */
@ApplicationScoped
public class Owners {

    private static final Logger LOG = Logger.getLogger(Owners.class);
    /** Voice is left out: a call's body is TwiML, written for pages. */
    static final Set<String> CHANNELS = Set.of(ContactAddress.EMAIL, ContactAddress.SMS, ContactAddress.PUSH,
            ContactAddress.SLACK, ContactAddress.TEAMS);

    public record Owner(String channel, String address) {
    }

    @Inject
    CommsConfig config;

    @Inject
    Channels channels;

    private volatile List<Owner> owners = List.of();

    void onStart(@Observes StartupEvent event) {
        owners = parse(config.watchdog().owners().orElse(List.of()));
        if (owners.isEmpty()) {
            LOG.warn("no watchdog owners configured (incidentops.comms.watchdog.owners): a broken paging pipeline "
                    + "pages nobody; its state is only listed at GET /api/watchdog");
        }
        for (Owner o : owners) {
            channels.of(o.channel()).flatMap(s -> s.unconfigured(o.address()))
                    .ifPresent(why -> LOG.warnf("watchdog owner on %s cannot be paged: %s", o.channel(), why));
        }
    }

    public List<Owner> all() {
        return owners;
    }

    static List<Owner> parse(List<String> entries) {
        List<Owner> parsed = new ArrayList<>();
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) continue;
            int colon = entry.indexOf(':');
            String channel = colon < 0 ? "" : entry.substring(0, colon).strip();
            String address = colon < 0 ? "" : entry.substring(colon + 1).strip();
            String problem = !CHANNELS.contains(channel)
                    ? "the channel must be one of " + CHANNELS.stream().sorted().toList()
                    : ContactAddress.problem(channel, address).orElse(null);
            if (problem != null) {
                throw new IllegalStateException("incidentops.comms.watchdog.owners: '" + entry
                        + "' is not <channel>:<address>: " + problem);
            }
            parsed.add(new Owner(channel, address));
        }
        return List.copyOf(parsed);
    }
}
