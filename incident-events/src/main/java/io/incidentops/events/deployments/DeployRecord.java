package io.incidentops.events.deployments;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The plain deploy record of the {@code deployments} topic (keyed by service name), as the executor's diagnostics
 * read it: {@code service} and {@code version} required, {@code environment} optional, {@code deployedAt} the change's
 * time. Producers that are not CI/CD (intake's PagerDuty change events) say what the change was in {@code summary},
 * where it came from in {@code origin}, and pass the sender's {@code links} and {@code details} through.
 */
public record DeployRecord(String service, String version, String environment, Instant deployedAt, String summary,
                           String origin, List<Link> links, Map<String, Object> details) {

    /** A link the sender attached (PagerDuty's {@code links[]}: {@code href} required, {@code text} optional). */
    public record Link(String href, String text) {
    }
}
