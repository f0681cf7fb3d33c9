package io.incidentops.events.model;

import java.time.Instant;

/**
 * One distinct alert (fingerprint or dedup key) as recorded on its incident: why it is there ({@code groupKey}),
 * its own state, and how often it was delivered.
 *
 * @param status firing|resolved
 */
public record GroupedAlert(String dedupKey, String groupKey, String source, String status, Severity severity,
        String summary, Instant firstSeen, Instant lastSeen, long deliveries) {
}
