package io.incidentops.cli;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code incidents ...}: the request each command sends to intake or comms, and what it prints. */
class IncidentCommandsTest {

    @RegisterExtension
    static WireMockExtension service = CliRun.fakeService();

    @TempDir
    Path home;

    private CliRun cli(String... args) {
        return CliRun.run(Map.of("INTAKE_URL", service.baseUrl(), "COMMS_URL", service.baseUrl() + "/comms/",
                "TOKEN", "t0k3n"), home, args);
    }

    @Test
    void listAsksForOpenIncidentsWithTheFiltersAndPrintsATable() {
        service.stubFor(get(urlPathEqualTo("/api/incidents")).willReturn(okJson(Fixtures.PAGE)));

        CliRun run = cli("incidents", "list", "--severity", "P1", "--service", "checkout", "--team", "payments");

        assertThat(run.exitCode()).as(run.err()).isZero();
        service.verify(getRequestedFor(urlEqualTo(
                "/api/incidents?open=true&severity=P1&service=checkout&team=payments&page=0&size=50"))
                .withHeader("Authorization", equalTo("Bearer t0k3n")).withHeader("Accept", equalTo("application/json")));
        assertThat(run.out().lines()).containsExactly(
                "ID                SEV  STATUS         SERVICE   TEAM      DETECTED              TITLE",
                "INC-20261204-007  P1   INVESTIGATING  checkout  payments  2026-12-04 12:00:01Z  Checkout down",
                "INC-20261204-008  P3   DECLARED       search    -         2026-12-04 12:10:00Z  Slow search [31m",
                "(2 of 5 shown, page 0; --page and --size show more)");
    }

    @Test
    void listAllOrByStatusIncludesResolvedOnesAndJsonIsTheServicesAnswer() {
        service.stubFor(get(urlPathEqualTo("/api/incidents")).willReturn(okJson(Fixtures.PAGE)));

        CliRun all = cli("incidents", "list", "--all", "--json", "--page", "1", "--size", "2");
        CliRun resolved = cli("incidents", "list", "--status", "RESOLVED");

        assertThat(all.exitCode()).isZero();
        service.verify(getRequestedFor(urlEqualTo("/api/incidents?open=false&page=1&size=2")));
        service.verify(getRequestedFor(urlEqualTo("/api/incidents?open=false&status=RESOLVED&page=0&size=50")));
        assertThat(all.json().path("items").get(0).path("id").asText()).isEqualTo("INC-20261204-007");
        assertThat(all.json().path("total").asInt()).isEqualTo(5);
        assertThat(resolved.exitCode()).isZero();
    }

    @Test
    void anEmptyListSaysSo() {
        service.stubFor(get(urlPathEqualTo("/api/incidents"))
                .willReturn(okJson("{\"items\":[],\"page\":0,\"size\":50,\"total\":0}")));

        assertThat(cli("incidents", "list").out()).isEqualTo("No open incidents.\n");
        assertThat(cli("incidents", "list", "--all").out()).isEqualTo("No incidents.\n");
    }

    @Test
    void showPrintsTheIncidentOrItsJson() {
        service.stubFor(get("/api/incidents/INC-20261204-007").willReturn(okJson(Fixtures.INCIDENT)));

        CliRun run = cli("incidents", "show", "INC-20261204-007");
        CliRun json = cli("incidents", "show", "INC-20261204-007", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        service.verify(2, getRequestedFor(urlEqualTo("/api/incidents/INC-20261204-007"))
                .withHeader("Authorization", equalTo("Bearer t0k3n")));
        assertThat(run.out()).startsWith("INC-20261204-007  Checkout down\n").contains(
                "severity      P1 (major degradation, many customers, < 15 min)",
                "status        INVESTIGATING (emergency mode)",
                "service       checkout (team payments)",
                "commander     Sam Chen (commander)",
                "responders    Alex Rivera (on-call, alex@example.com)",
                "acknowledged  2026-12-04 12:03:00Z by alice",
                "resolved      -",
                "war room      #inc-20261204-007",
                "5xx on every request");
        assertThat(json.json().path("warRoom").path("channel").asText()).isEqualTo("#inc-20261204-007");
    }

    @Test
    void anIdCannotChangeThePath() {
        service.stubFor(get(urlPathEqualTo("/api/incidents/..%2Fadmin%3Fx")).willReturn(okJson(Fixtures.INCIDENT)));

        assertThat(cli("incidents", "show", "../admin?x").exitCode()).isZero();
    }

    @Test
    void ackPostsAsTheTokensUserOrAsSomeoneNamed() {
        service.stubFor(post("/api/incidents/INC-20261204-007/acknowledge").willReturn(okJson(Fixtures.INCIDENT)));

        CliRun run = cli("incidents", "ack", "INC-20261204-007");
        cli("incidents", "ack", "INC-20261204-007", "--as", "bob");

        assertThat(run.exitCode()).as(run.err()).isZero();
        service.verify(postRequestedFor(urlEqualTo("/api/incidents/INC-20261204-007/acknowledge"))
                .withHeader("Authorization", equalTo("Bearer t0k3n"))
                .withHeader("Content-Type", equalTo("application/json")).withRequestBody(equalToJson("{}")));
        service.verify(postRequestedFor(urlEqualTo("/api/incidents/INC-20261204-007/acknowledge"))
                .withRequestBody(equalToJson("{\"responder\":\"bob\"}")));
        assertThat(run.out()).isEqualTo(
                "INC-20261204-007: acknowledged by alice. Status INVESTIGATING, severity P1.\n");
    }

    @Test
    void resolveSendsTheRootCause() {
        service.stubFor(post("/api/incidents/INC-20261204-007/resolve").willReturn(okJson(Fixtures.incident("RESOLVED"))));

        CliRun run = cli("incidents", "resolve", "INC-20261204-007", "--root-cause", "pool exhausted");
        CliRun json = cli("incidents", "resolve", "INC-20261204-007", "--root-cause", "pool exhausted", "--json");

        service.verify(2, postRequestedFor(urlEqualTo("/api/incidents/INC-20261204-007/resolve"))
                .withHeader("Authorization", equalTo("Bearer t0k3n"))
                .withRequestBody(equalToJson("{\"rootCause\":\"pool exhausted\"}")));
        assertThat(run.out()).isEqualTo("INC-20261204-007: resolved. Status RESOLVED, severity P1.\n");
        assertThat(json.json().path("status").asText()).isEqualTo("RESOLVED");
    }

    @Test
    void resolveWithoutRootCauseIsAUsageError() {
        CliRun run = cli("incidents", "resolve", "INC-20261204-007");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option: '--root-cause=TEXT'");
        assertThat(service.getAllServeEvents()).isEmpty();
    }

    @Test
    void reopenSendsTheReason() {
        service.stubFor(post("/api/incidents/INC-20261204-007/reopen").willReturn(okJson(Fixtures.INCIDENT)));

        CliRun run = cli("incidents", "reopen", "INC-20261204-007", "--reason", "errors are back");

        service.verify(postRequestedFor(urlEqualTo("/api/incidents/INC-20261204-007/reopen"))
                .withHeader("Authorization", equalTo("Bearer t0k3n"))
                .withRequestBody(equalToJson("{\"reason\":\"errors are back\"}")));
        assertThat(run.out()).isEqualTo("INC-20261204-007: reopened. Status INVESTIGATING, severity P1.\n");
    }

    @Test
    void severitySendsTheNewSeverityAndReason() {
        service.stubFor(post("/api/incidents/INC-20261204-007/severity").willReturn(okJson(Fixtures.INCIDENT)));

        CliRun run = cli("incidents", "severity", "INC-20261204-007", "P1", "--reason", "all regions");

        service.verify(postRequestedFor(urlEqualTo("/api/incidents/INC-20261204-007/severity"))
                .withHeader("Authorization", equalTo("Bearer t0k3n"))
                .withRequestBody(equalToJson("{\"severity\":\"P1\",\"reason\":\"all regions\"}")));
        assertThat(run.out()).isEqualTo("INC-20261204-007: severity changed. Status INVESTIGATING, severity P1.\n");
    }

    @Test
    void updatePublishesThroughCommsAndPrintsWhatCustomersRead() {
        service.stubFor(post("/comms/api/incidents/INC-20261204-007/updates").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id":"u1","update":{"incidentId":"INC-20261204-007","pageIncidentId":"p1",
                         "shortlink":"http://status.example.com/incidents/p1","name":"Checkout unavailable",
                         "status":"identified","body":"We found the cause.\\nA fix is rolling out."},
                         "postedBy":"alice","createdAt":"2026-12-04T12:20:00Z"}
                        """)));

        CliRun run = cli("incidents", "update", "INC-20261204-007", "--status", "Identified",
                "--message", "We found the cause.\nA fix is rolling out.");

        assertThat(run.exitCode()).as(run.err()).isZero();
        service.verify(postRequestedFor(urlEqualTo("/comms/api/incidents/INC-20261204-007/updates"))
                .withHeader("Authorization", equalTo("Bearer t0k3n"))
                .withRequestBody(equalToJson(
                        "{\"status\":\"identified\",\"body\":\"We found the cause.\\nA fix is rolling out.\"}")));
        assertThat(run.out()).isEqualTo("""
                Published. Customers read:

                  Checkout unavailable — Identified
                  We found the cause.
                  A fix is rolling out.

                  http://status.example.com/incidents/p1
                """);
    }

    @Test
    void updatePreviewPublishesNothing() {
        service.stubFor(post("/comms/api/incidents/INC-20261204-007/updates/preview").willReturn(okJson("""
                {"incidentId":"INC-20261204-007","pageIncidentId":"p1","shortlink":"http://status.example.com/incidents/p1",
                 "name":"Checkout unavailable","status":"monitoring","body":"Recovered; watching."}
                """)));

        CliRun run = cli("incidents", "update", "INC-20261204-007", "--status", "monitoring",
                "--message", "Recovered; watching.", "--preview");
        CliRun json = cli("incidents", "update", "INC-20261204-007", "--status", "monitoring",
                "--message", "Recovered; watching.", "--preview", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        service.verify(0, postRequestedFor(urlEqualTo("/comms/api/incidents/INC-20261204-007/updates")));
        service.verify(2, postRequestedFor(urlEqualTo("/comms/api/incidents/INC-20261204-007/updates/preview"))
                .withRequestBody(equalToJson("{\"status\":\"monitoring\",\"body\":\"Recovered; watching.\"}")));
        assertThat(run.out()).startsWith("Preview, not published. Customers will read:\n")
                .contains("  Checkout unavailable — Monitoring\n  Recovered; watching.\n");
        assertThat(json.json().path("body").asText()).isEqualTo("Recovered; watching.");
    }
}
