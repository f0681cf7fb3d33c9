package io.incidentops.cli;

/** Service answers as the services send them (shapes copied from their views). */
final class Fixtures {

    private Fixtures() {
    }

    static final String INCIDENT = """
            {"id":"INC-20261204-007","title":"Checkout down","description":"5xx on every request",
             "service":"checkout","team":"payments","severity":"P1",
             "severityDescription":"major degradation, many customers","responseTarget":"< 15 min",
             "type":"SERVICE_OUTAGE","status":"INVESTIGATING","emergencyMode":true,"source":"alertmanager",
             "dedupKey":"abc","groupKey":"checkout","labels":{"env":"prod"},"customerImpact":null,
             "startedAt":"2026-12-04T11:58:00Z","detectedAt":"2026-12-04T12:00:01.123Z",
             "acknowledgedAt":"2026-12-04T12:03:00Z","acknowledgedBy":"alice","mitigatedAt":null,"resolvedAt":null,
             "resolvedBy":null,"rootCause":null,
             "responders":[{"name":"Alex Rivera","role":"on-call","contact":"alex@example.com"}],
             "commander":{"name":"Sam Chen","role":"commander","contact":null},
             "warRoom":{"channel":"#inc-20261204-007","videoUrl":null,"documentUrl":null},
             "alertCount":3,"reopenCount":0,"updatedAt":"2026-12-04T12:03:00Z"}
            """;

    static String incident(String status) {
        return INCIDENT.replace("\"status\":\"INVESTIGATING\"", "\"status\":\"" + status + "\"");
    }

    static final String PAGE = """
            {"items":[%s,
              {"id":"INC-20261204-008","title":"Slow search\\u001b[31m","service":"search","team":null,"severity":"P3",
               "status":"DECLARED","detectedAt":"2026-12-04T12:10:00Z"}],
             "page":0,"size":2,"total":5}
            """.formatted(INCIDENT);
}
