package io.incidentops.console;

import io.incidentops.console.support.ConsoleTestResource;
import io.incidentops.console.support.Session;
import io.incidentops.console.support.Stubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.incidentops.console.support.ConsoleTestResource.EXECUTOR;
import static io.incidentops.console.support.ConsoleTestResource.INTAKE;
import static io.incidentops.console.support.ConsoleTestResource.REPORTER;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(ConsoleTestResource.class)
class IncidentPageTest {

    static final String ID = "INC-20261204-007";

    @BeforeEach
    void reset() {
        Stubs.reset();
    }

    @Test
    void showsWhatEveryServiceKnowsAboutTheIncident() {
        Stubs.incidentPage(ID, "P1", "INVESTIGATING", "Checkout down");
        Session responder = Session.signIn("rita", "responder");

        String html = responder.browser().when().get("/incidents/" + ID).then().statusCode(200).extract().asString();

        assertThat(html).contains("id=\"severity\">P1", "id=\"status\">INVESTIGATING", "id=\"commander\">carl",
                "<ul id=\"responders\"><li>rita", "Channel #inc-checkout", "https://meet.example.com/inc",
                "HighErrorRate on checkout", "deploy 1.4.2 ten minutes before", "Page the database on-call",
                "ROLLBACK", "id=\"alerts\"", "id=\"diagnostics\"", "id=\"runbook\"", "id=\"mitigations\"");
        assertThat(html).contains("<ol class=\"timeline\" id=\"timeline\">", "2026-12-04 10:00 UTC");
        // a link that is not http(s) is not shown as a link
        assertThat(html).doesNotContain("javascript:");
        assertThat(html.split("<li data-event-id=").length - 1).isEqualTo(2);
        // the timeline's text is escaped
        assertThat(html).contains("Paged rita &lt;script&gt;").doesNotContain("<script>alert(1)</script>");
        // a responder may acknowledge and confirm the manual step, but not resolve nor approve
        assertThat(html).contains("id=\"acknowledge-form\"", "/steps/2/confirm", "id=\"responder-form\"")
                .doesNotContain("id=\"resolve-form\"", "/approve\"");
        for (String path : new String[]{INTAKE + "/api/incidents/" + ID, EXECUTOR + "/api/incidents/" + ID + "/runbook-runs",
                REPORTER + "/api/incidents/" + ID + "/timeline"}) {
            Stubs.server().verify(getRequestedFor(urlPathEqualTo(path)).withHeader("Authorization", equalTo(responder.bearer())));
        }
    }

    @Test
    void aCommanderSeesEveryAction() {
        Stubs.incidentPage(ID, "P1", "INVESTIGATING", "Checkout down");
        Session commander = Session.signIn("carl", "commander");

        String html = commander.browser().when().get("/incidents/" + ID).then().statusCode(200).extract().asString();

        assertThat(html).contains("id=\"acknowledge-form\"", "id=\"severity-form\"", "id=\"commander-form\"",
                "id=\"responder-form\"", "id=\"update-form\"", "id=\"resolve-form\"", "/approve\"");
    }

    @Test
    void aViewerSeesNoActionButtons() {
        Stubs.incidentPage(ID, "P1", "INVESTIGATING", "Checkout down");
        Session viewer = Session.signIn("vera", "viewer");

        String html = viewer.browser().when().get("/incidents/" + ID).then().statusCode(200).extract().asString();

        assertThat(html).contains("id=\"status\">INVESTIGATING")
                .doesNotContain("acknowledge-form", "severity-form", "commander-form", "responder-form", "update-form",
                        "resolve-form", "reopen-form", "/confirm\"", "/approve\"", "mitigation-form");
    }

    @Test
    void partsOtherServicesDoNotKnowYetDegradeToANote() {
        Stubs.json(get(urlPathEqualTo(INTAKE + "/api/incidents/" + ID)), 200,
                Stubs.incident(ID, "P2", "DECLARED", "Fresh one"));
        Stubs.problem(get(urlPathMatching(EXECUTOR + "/.*")), 404, "not known");
        Stubs.problem(get(urlPathMatching(REPORTER + "/.*")), 404, "not known");
        Stubs.problem(get(urlPathEqualTo(INTAKE + "/api/incidents/" + ID + "/alerts")), 500, "boom");
        Session viewer = Session.signIn("vera", "viewer");

        String html = viewer.browser().when().get("/incidents/" + ID).then().statusCode(200).extract().asString();

        assertThat(html).contains("The executor has not seen this incident yet.", "No runbook run yet.",
                "The reporter has no timeline for this incident yet.", "incident-intake refused (500): boom");
    }

    @Test
    void anUnknownIncidentIs404() {
        Stubs.problem(get(urlPathEqualTo(INTAKE + "/api/incidents/INC-20261204-999")), 404,
                "incident INC-20261204-999 does not exist");
        Session viewer = Session.signIn("vera", "viewer");

        String html = viewer.browser().when().get("/incidents/INC-20261204-999").then().statusCode(404)
                .extract().asString();

        assertThat(html).contains("incident INC-20261204-999 does not exist");
    }

    @Test
    void theReportReadsAsAPageAndDownloadsAsAFile() {
        Stubs.json(get(urlPathEqualTo(INTAKE + "/api/incidents/" + ID)), 200,
                Stubs.incident(ID, "P1", "RESOLVED", "Checkout down"));
        Stubs.server().stubFor(get(urlPathEqualTo(REPORTER + "/api/incidents/" + ID + "/report"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                        .withHeader("Content-Type", "text/markdown;charset=UTF-8")
                        .withBody("# Incident report\n\nRoot cause: <img src=x onerror=alert(1)>\n")));
        Session viewer = Session.signIn("vera", "viewer");

        String page = viewer.browser().when().get("/incidents/" + ID + "/report").then().statusCode(200)
                .extract().asString();
        assertThat(page).contains("# Incident report", "&lt;img src=x", "?download=1");

        var file = viewer.browser().queryParam("download", "1").when().get("/incidents/" + ID + "/report")
                .then().statusCode(200).extract();
        assertThat(file.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + ID + "-report.md\"");
        assertThat(file.contentType()).startsWith("text/markdown");
        assertThat(file.asString()).isEqualTo("# Incident report\n\nRoot cause: <img src=x onerror=alert(1)>\n");
    }

    @Test
    void aMissingPirIs404() {
        Stubs.problem(get(urlPathEqualTo(REPORTER + "/api/incidents/" + ID + "/pir")), 404, "No post-incident review");
        Session viewer = Session.signIn("vera", "viewer");

        viewer.browser().when().get("/incidents/" + ID + "/pir").then().statusCode(404);
    }
}
