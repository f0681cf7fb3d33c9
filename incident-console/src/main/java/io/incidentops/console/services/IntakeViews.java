package io.incidentops.console.services;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** incident-intake's JSON as the console reads it ({@code IncidentView}, {@code IncidentAlertView}, on-call). */
public final class IntakeViews {

    private IntakeViews() {
    }

    public record Incident(String id, String title, String description, String service, String team, String severity,
                           String severityDescription, String responseTarget, String type, String status,
                           boolean emergencyMode, String source, Map<String, String> labels, String customerImpact,
                           Instant startedAt, Instant detectedAt, Instant acknowledgedAt, String acknowledgedBy,
                           Instant mitigatedAt, Instant resolvedAt, String resolvedBy, String rootCause,
                           List<Person> responders, Person commander, WarRoom warRoom, int alertCount,
                           int reopenCount, Instant updatedAt) {

        public boolean resolved() {
            return "RESOLVED".equals(status);
        }

        public boolean acknowledged() {
            return acknowledgedAt != null;
        }

        public List<Person> responderList() {
            return responders == null ? List.of() : responders;
        }
    }

    public record Person(String name, String role, String contact) {
    }

    public record WarRoom(String channel, String videoUrl, String documentUrl) {

        public boolean empty() {
            return blank(channel) && blank(videoUrl) && blank(documentUrl);
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }
    }

    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    /** One distinct alert of an incident; {@code groupKey} says why it was grouped there. */
    public record Alert(String dedupKey, String groupKey, String source, String status, String severity,
                        String summary, Map<String, String> labels, Instant startsAt, Instant endsAt,
                        Instant firstSeen, Instant lastSeen, long deliveries) {
    }

    public record Oncalls(List<Oncall> oncalls) {
    }

    public record Oncall(Ref user, Ref schedule, Instant start, Instant end) {
    }

    public record Ref(String id, String type, String summary) {
    }

    /** Bodies intake accepts. */
    public record Acknowledge(String responder) {
    }

    public record ChangeSeverity(String severity, String reason) {
    }

    public record AssignCommander(String commander) {
    }

    public record AddResponder(String responder) {
    }

    public record Resolve(String rootCause) {
    }

    public record Reopen(String reason) {
    }
}
