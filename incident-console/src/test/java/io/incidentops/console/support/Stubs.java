package io.incidentops.console.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/** The four services' answers as WireMock stubs, with the JSON shapes their APIs return. */
public final class Stubs {

    private Stubs() {
    }

    public static WireMockServer server() {
        return ConsoleTestResource.services();
    }

    public static void reset() {
        server().resetAll();
    }

    public static void json(MappingBuilder request, int status, String body) {
        server().stubFor(request.willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", status >= 400 ? "application/problem+json" : "application/json")
                .withBody(body)));
    }

    public static void problem(MappingBuilder request, int status, String detail) {
        json(request, status, "{\"type\":\"about:blank\",\"title\":\"t\",\"status\":" + status + ",\"detail\":\""
                + detail + "\"}");
    }

    /** An incident as intake's IncidentView has it. */
    public static String incident(String id, String severity, String status, String title) {
        return """
                {"id":"%s","title":"%s","description":"checkout answers 500","service":"checkout","team":"payments",
                 "severity":"%s","severityDescription":"Major degradation","responseTarget":"< 15 min",
                 "type":"SERVICE_OUTAGE","status":"%s","emergencyMode":true,"source":"alertmanager",
                 "labels":{"env":"prod"},"detectedAt":"2026-12-04T10:00:00Z","acknowledgedAt":null,
                 "responders":[{"name":"rita","role":"on-call","contact":"rita@example.com"}],
                 "commander":{"name":"carl","role":"commander","contact":null},
                 "warRoom":{"channel":"#inc-checkout","videoUrl":"https://meet.example.com/inc","documentUrl":"javascript:alert(1)"},
                 "alertCount":3,"reopenCount":0,"updatedAt":"2026-12-04T10:01:00Z","futureField":{"x":1}}
                """.formatted(id, title, severity, status);
    }

    /** Everything the incident page reads, for one incident: intake, executor and reporter all know it. */
    public static void incidentPage(String id, String severity, String status, String title) {
        json(get(urlPathEqualTo(ConsoleTestResource.INTAKE + "/api/incidents/" + id)), 200,
                incident(id, severity, status, title));
        json(get(urlPathEqualTo(ConsoleTestResource.INTAKE + "/api/incidents/" + id + "/alerts")), 200, """
                {"items":[{"dedupKey":"k1","groupKey":"service=checkout","source":"alertmanager","status":"firing",
                 "severity":"P1","summary":"HighErrorRate on checkout","labels":{},"deliveries":7,
                 "lastSeen":"2026-12-04T10:05:00Z"}],"page":0,"size":50,"total":1}
                """);
        json(get(urlPathEqualTo(ConsoleTestResource.EXECUTOR + "/api/incidents/" + id + "/diagnostics")), 200, """
                {"incidentId":"%s","service":"checkout","status":"COLLECTED","likelyCause":"deploy 1.4.2 ten minutes before",
                 "errorRate":"12.5%%","latency":"p99 2.3s","recentDeployments":[],"dependencies":[]}
                """.formatted(id));
        json(get(urlPathEqualTo(ConsoleTestResource.EXECUTOR + "/api/incidents/" + id + "/runbook-runs")), 200, """
                [{"runId":"0b8c6f5e-7a43-4a8e-9d0e-1f5a2b3c4d5e","incidentId":"%s","runbook":"service-outage",
                  "runbookVersion":"3","title":"Service outage","status":"RUNNING","steps":[
                  {"step":1,"title":"Check recent deploys","kind":"automated","status":"DONE","outcome":"ok"},
                  {"step":2,"title":"Page the database on-call","kind":"manual","status":"AWAITING_CONFIRMATION"}]}]
                """.formatted(id));
        json(get(urlPathEqualTo(ConsoleTestResource.EXECUTOR + "/api/incidents/" + id + "/mitigations")), 200, """
                [{"mitigationId":"6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e","incidentId":"%s","action":"ROLLBACK",
                  "target":"checkout","reason":"bad deploy","requestedBy":"rita","status":"AWAITING_APPROVAL",
                  "approval":{"state":"PENDING","why":"production rollback"}}]
                """.formatted(id));
        json(get(urlPathEqualTo(ConsoleTestResource.REPORTER + "/api/incidents/" + id + "/timeline")), 200, """
                {"incidentId":"%s","entries":[
                 {"eventId":"11111111-1111-1111-1111-111111111111","type":"incident.declared","occurredAt":"2026-12-04T10:00:00Z","source":"/incidentops/incident-intake","description":"Declared P1"},
                 {"eventId":"22222222-2222-2222-2222-222222222222","type":"incident.responders-paged","occurredAt":"2026-12-04T10:00:05Z","source":"/incidentops/incident-intake","description":"Paged rita <script>alert(1)</script>"}]}
                """.formatted(id));
    }
}
