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
import static org.assertj.core.api.Assertions.assertThat;

/** {@code alerts send}, {@code oncall now}, {@code runbooks list|show}: requests and output. */
class AlertsOncallRunbooksTest {

    @RegisterExtension
    static WireMockExtension service = CliRun.fakeService();

    @TempDir
    Path home;

    private CliRun cli(String... args) {
        return CliRun.run(Map.of("INTAKE_URL", service.baseUrl(), "EXECUTOR_URL", service.baseUrl() + "/executor",
                "TOKEN", "t0k3n", "INTEGRATION_KEY", "k3y"), home, args);
    }

    @Test
    void alertsSendPostsTheAlertWithTheIntegrationKey() {
        service.stubFor(post("/api/alerts").willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody(
                        "{\"incidentId\":\"INC-20261204-009\",\"outcome\":\"declared\",\"dedupKey\":\"db-1\",\"groupKey\":\"g\"}")));

        CliRun run = cli("alerts", "send", "--service", "checkout", "--summary", "DB connections exhausted",
                "--severity", "P1", "--dedup-key", "db-1", "--description", "pool at 100%", "--label", "env=prod");
        CliRun json = cli("alerts", "send", "--service", "checkout", "--summary", "x", "--severity", "warning", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        service.verify(postRequestedFor(urlEqualTo("/api/alerts"))
                .withHeader("Authorization", equalTo("Bearer k3y"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"service":"checkout","summary":"DB connections exhausted","severity":"P1","fingerprint":"db-1",
                         "description":"pool at 100%","labels":{"env":"prod"}}""")));
        service.verify(postRequestedFor(urlEqualTo("/api/alerts"))
                .withRequestBody(equalToJson("{\"service\":\"checkout\",\"summary\":\"x\",\"severity\":\"warning\"}")));
        assertThat(run.out()).isEqualTo("declared INC-20261204-009 (dedup key db-1)\n");
        assertThat(json.json().path("incidentId").asText()).isEqualTo("INC-20261204-009");
    }

    @Test
    void alertsSendTakesTheKeyFromItsOptionOverTheEnvironment() {
        service.stubFor(post("/api/alerts").willReturn(okJson("{\"incidentId\":\"INC-1\",\"outcome\":\"attached\"}")));

        CliRun run = cli("alerts", "send", "--service", "s", "--summary", "x", "--severity", "P3",
                "--integration-key", "other");

        assertThat(run.out()).isEqualTo("attached INC-1 (dedup key -)\n");
        service.verify(postRequestedFor(urlEqualTo("/api/alerts")).withHeader("Authorization", equalTo("Bearer other")));
    }

    @Test
    void alertsSendWithoutKeyTellsWhereToSetIt() {
        CliRun run = CliRun.run(Map.of("INTAKE_URL", service.baseUrl(), "TOKEN", "t"), home,
                "alerts", "send", "--service", "s", "--summary", "x", "--severity", "P3");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no INTEGRATION_KEY configured", "--integration-key", "INTEGRATION_KEY");
    }

    @Test
    void oncallNowListsWhoIsOnCallPerSchedule() {
        service.stubFor(get(urlEqualTo("/api/oncalls")).willReturn(okJson("""
                {"oncalls":[{"user":{"id":"demo-alex","type":"user_reference","summary":"Alex Rivera"},
                  "schedule":{"id":"demo-payments-weekly","type":"schedule_reference","summary":"Payments weekly"},
                  "start":"2026-12-03T09:00:00Z","end":"2026-12-10T09:00:00Z"}],
                 "limit":1,"offset":0,"more":false,"total":1}""")));
        service.stubFor(get(urlEqualTo("/api/oncalls?schedule=nights"))
                .willReturn(okJson("{\"oncalls\":[],\"limit\":0,\"offset\":0,\"more\":false,\"total\":0}")));

        CliRun run = cli("oncall", "now");
        CliRun one = cli("oncall", "now", "--schedule", "nights");
        CliRun json = cli("oncall", "now", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        service.verify(2, getRequestedFor(urlEqualTo("/api/oncalls")).withHeader("Authorization", equalTo("Bearer t0k3n")));
        assertThat(run.out().lines()).containsExactly(
                "SCHEDULE         ON CALL      USER ID    SINCE                 UNTIL",
                "Payments weekly  Alex Rivera  demo-alex  2026-12-03 09:00:00Z  2026-12-10 09:00:00Z");
        assertThat(one.out()).isEqualTo("Nobody is on call now.\n");
        assertThat(json.json().path("oncalls").get(0).path("user").path("id").asText()).isEqualTo("demo-alex");
    }

    @Test
    void runbooksListAndShowReadTheExecutorsCatalogue() {
        service.stubFor(get("/executor/api/runbooks").willReturn(okJson("""
                [{"name":"service_down","version":"1.0.0","title":"Service Down","stepCount":7},
                 {"name":"generic","version":"1.0.0","title":"Generic","stepCount":3}]""")));
        service.stubFor(get("/executor/api/runbooks/service_down").willReturn(okJson("""
                {"name":"service_down","version":"1.0.0","title":"Service Down",
                 "description":"The service does not answer.","fallback":false,
                 "matches":[{"types":["SERVICE_OUTAGE"],"keywords":["down","unreachable"]}],
                 "steps":[{"step":1,"title":"Verify health endpoint","kind":"automated","action":"http-check"},
                          {"step":2,"title":"Check logs","kind":"manual","action":null}],
                 "alternatives":[{"action":"RESTART","parameters":null,"reason":"Still down: restart."}]}""")));

        CliRun list = cli("runbooks", "list");
        CliRun show = cli("runbooks", "show", "service_down");
        CliRun json = cli("runbooks", "show", "service_down", "--json");

        assertThat(list.exitCode()).as(list.err()).isZero();
        service.verify(getRequestedFor(urlEqualTo("/executor/api/runbooks")).withHeader("Authorization", equalTo("Bearer t0k3n")));
        assertThat(list.out().lines()).containsExactly(
                "NAME          VERSION  STEPS  TITLE",
                "service_down  1.0.0    7      Service Down",
                "generic       1.0.0    3      Generic");
        assertThat(show.out()).isEqualTo("""
                service_down 1.0.0  Service Down
                The service does not answer.
                Applies to: types SERVICE_OUTAGE, keywords down|unreachable

                #  KIND       ACTION      STEP
                1  automated  http-check  Verify health endpoint
                2  manual     -           Check logs

                If recovery fails, proposed in order:
                  RESTART: Still down: restart.
                """);
        assertThat(json.json().path("steps")).hasSize(2);
    }
}
