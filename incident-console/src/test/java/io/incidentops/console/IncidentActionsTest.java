package io.incidentops.console;

import io.incidentops.console.support.ConsoleTestResource;
import io.incidentops.console.support.Session;
import io.incidentops.console.support.Stubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.incidentops.console.support.ConsoleTestResource.COMMS;
import static io.incidentops.console.support.ConsoleTestResource.EXECUTOR;
import static io.incidentops.console.support.ConsoleTestResource.INTAKE;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(ConsoleTestResource.class)
class IncidentActionsTest {

    static final String ID = "INC-20261204-011";
    static final String INCIDENT = INTAKE + "/api/incidents/" + ID;

    @BeforeEach
    void reset() {
        Stubs.reset();
        Stubs.incidentPage(ID, "P1", "INVESTIGATING", "Checkout down");
    }

    @Test
    void acknowledgeCallsIntakeAsTheUserAndComesBackWithAMessage() {
        Stubs.json(post(urlPathEqualTo(INCIDENT + "/acknowledge")), 200, Stubs.incident(ID, "P1", "INVESTIGATING", "x"));
        Session rita = Session.signIn("rita", "responder");

        ExtractableResponse<Response> done = rita.form().when().post("/incidents/" + ID + "/acknowledge")
                .then().statusCode(303).extract();

        assertThat(done.header("Location")).endsWith("/incidents/" + ID);
        Stubs.server().verify(postRequestedFor(urlPathEqualTo(INCIDENT + "/acknowledge"))
                .withHeader("Authorization", equalTo(rita.bearer()))
                .withRequestBody(equalToJson("{\"responder\":\"rita\"}")));
        String page = rita.browser().cookie("incidentops_console_flash", done.cookie("incidentops_console_flash"))
                .when().get("/incidents/" + ID).then().statusCode(200).extract().asString();
        assertThat(page).contains("id=\"flash\">Acknowledged.");
    }

    @Test
    void eachFormSendsTheBodyTheServiceExpects() {
        Stubs.json(post(urlPathEqualTo(INCIDENT + "/severity")), 200, Stubs.incident(ID, "P0", "INVESTIGATING", "x"));
        Stubs.json(post(urlPathEqualTo(INCIDENT + "/commander")), 200, Stubs.incident(ID, "P0", "INVESTIGATING", "x"));
        Stubs.json(post(urlPathEqualTo(INCIDENT + "/responders")), 200, Stubs.incident(ID, "P0", "INVESTIGATING", "x"));
        Stubs.json(post(urlPathEqualTo(INCIDENT + "/resolve")), 200, Stubs.incident(ID, "P0", "RESOLVED", "x"));
        Stubs.json(post(urlPathEqualTo(INCIDENT + "/reopen")), 200, Stubs.incident(ID, "P0", "INVESTIGATING", "x"));
        Session carl = Session.signIn("carl", "commander");
        String base = "/incidents/" + ID;

        carl.form().formParam("severity", "P0").formParam("reason", "all regions").post(base + "/severity").then().statusCode(303);
        carl.form().formParam("commander", "dana").post(base + "/commander").then().statusCode(303);
        carl.form().formParam("responder", "erin").post(base + "/responders").then().statusCode(303);
        carl.form().formParam("rootCause", "bad deploy 1.4.2").post(base + "/resolve").then().statusCode(303);
        carl.form().formParam("reason", "errors are back").post(base + "/reopen").then().statusCode(303);

        verifyPost(INCIDENT + "/severity", "{\"severity\":\"P0\",\"reason\":\"all regions\"}", carl);
        verifyPost(INCIDENT + "/commander", "{\"commander\":\"dana\"}", carl);
        verifyPost(INCIDENT + "/responders", "{\"responder\":\"erin\"}", carl);
        verifyPost(INCIDENT + "/resolve", "{\"rootCause\":\"bad deploy 1.4.2\"}", carl);
        verifyPost(INCIDENT + "/reopen", "{\"reason\":\"errors are back\"}", carl);
    }

    @Test
    void thePublicUpdatePreviewShowsWhatCommsWillPublish() {
        Stubs.json(post(urlPathEqualTo(COMMS + "/api/incidents/" + ID + "/updates/preview")), 200, """
                {"incidentId":"%s","pageIncidentId":"p1","shortlink":"http://status/incidents/p1",
                 "name":"Checkout degraded","status":"identified","body":"We found the cause <and> are rolling back."}
                """.formatted(ID));
        Stubs.json(post(urlPathEqualTo(COMMS + "/api/incidents/" + ID + "/updates")), 201, """
                {"id":"u1","update":{"incidentId":"%s","name":"Checkout degraded","status":"identified","body":"x"}}
                """.formatted(ID));
        Session carl = Session.signIn("carl", "commander");

        String preview = carl.form().formParam("status", "identified")
                .formParam("message", "We found the cause <and> are rolling back.")
                .post("/incidents/" + ID + "/updates/preview").then().statusCode(200).extract().asString();

        assertThat(preview).contains("id=\"preview-name\">Checkout degraded", "id=\"preview-status\">identified",
                "id=\"preview-body\" style=\"white-space: pre-wrap\">We found the cause &lt;and&gt; are rolling back.",
                "id=\"publish-form\"");
        String token = Session.formToken(preview);
        carl.browser().contentType("application/x-www-form-urlencoded").formParam("csrf-token", token)
                .formParam("status", "identified").formParam("message", "We found the cause <and> are rolling back.")
                .post("/incidents/" + ID + "/updates").then().statusCode(303);
        verifyPost(COMMS + "/api/incidents/" + ID + "/updates/preview",
                "{\"status\":\"identified\",\"body\":\"We found the cause <and> are rolling back.\"}", carl);
        verifyPost(COMMS + "/api/incidents/" + ID + "/updates",
                "{\"status\":\"identified\",\"body\":\"We found the cause <and> are rolling back.\"}", carl);
    }

    @Test
    void stepsAndMitigationsGoToTheExecutor() {
        String run = "0b8c6f5e-7a43-4a8e-9d0e-1f5a2b3c4d5e";
        String mitigation = "6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e";
        Stubs.json(post(urlPathEqualTo(EXECUTOR + "/api/runbook-runs/" + run + "/steps/2/confirm")), 200,
                "{\"step\":2,\"status\":\"DONE\"}");
        Stubs.json(post(urlPathEqualTo(EXECUTOR + "/api/incidents/" + ID + "/mitigations/preview")), 200,
                "{\"action\":\"ROLLBACK\",\"target\":\"checkout\",\"executor\":\"WEBHOOK\",\"approvalRequired\":true}");
        Stubs.json(post(urlPathEqualTo(EXECUTOR + "/api/incidents/" + ID + "/mitigations")), 202,
                "{\"mitigationId\":\"" + mitigation + "\",\"action\":\"ROLLBACK\",\"status\":\"AWAITING_APPROVAL\"}");
        Stubs.json(post(urlPathEqualTo(EXECUTOR + "/api/incidents/" + ID + "/mitigations/" + mitigation + "/approve")),
                200, "{\"mitigationId\":\"" + mitigation + "\",\"action\":\"ROLLBACK\",\"status\":\"APPLIED\"}");
        Session carl = Session.signIn("carl", "commander");
        String base = "/incidents/" + ID;

        carl.form().formParam("outcome", "confirmed").formParam("note", "paged Dora")
                .post(base + "/runbook-runs/" + run + "/steps/2/confirm").then().statusCode(303);
        String preview = carl.form().formParam("action", "ROLLBACK").formParam("reason", "bad deploy")
                .post(base + "/mitigations/preview").then().statusCode(200).extract().asString();
        assertThat(preview).contains("a commander must approve it", "Request approval");
        String key = preview.replaceAll("(?s).*name=\"idempotencyKey\" value=\"([^\"]+)\".*", "$1");
        carl.form().formParam("action", "ROLLBACK").formParam("reason", "bad deploy").formParam("target", "")
                .formParam("idempotencyKey", key).post(base + "/mitigations").then().statusCode(303);
        carl.form().post(base + "/mitigations/" + mitigation + "/approve").then().statusCode(303);

        verifyPost(EXECUTOR + "/api/runbook-runs/" + run + "/steps/2/confirm",
                "{\"outcome\":\"confirmed\",\"note\":\"paged Dora\"}", carl);
        verifyPost(EXECUTOR + "/api/incidents/" + ID + "/mitigations/preview",
                "{\"action\":\"ROLLBACK\",\"reason\":\"bad deploy\"}", carl);
        Stubs.server().verify(postRequestedFor(urlPathEqualTo(EXECUTOR + "/api/incidents/" + ID + "/mitigations"))
                .withHeader("Idempotency-Key", equalTo(key)).withHeader("Authorization", equalTo(carl.bearer())));
        Stubs.server().verify(postRequestedFor(urlPathEqualTo(EXECUTOR + "/api/incidents/" + ID + "/mitigations/"
                + mitigation + "/approve")).withHeader("Authorization", equalTo(carl.bearer())));
    }

    @Test
    void aViewerIsRefused403WithoutAnyServiceBeingAsked() {
        Session vera = Session.signIn("vera", "viewer");

        String html = vera.form().when().post("/incidents/" + ID + "/acknowledge").then().statusCode(403)
                .extract().asString();

        assertThat(html).contains("Not allowed", "data-status=\"403\"");

        assertThat(Stubs.server().findAll(postRequestedFor(urlPathEqualTo(INCIDENT + "/acknowledge")))).isEmpty();
    }

    @Test
    void aServices403IsPassedOnAs403() {
        Stubs.problem(post(urlPathEqualTo(INCIDENT + "/resolve")), 403, "commanders only");
        Session carl = Session.signIn("carl", "commander");

        String html = carl.form().formParam("rootCause", "x").post("/incidents/" + ID + "/resolve")
                .then().statusCode(403).extract().asString();

        assertThat(html).contains("commanders only");
    }

    @Test
    void aServices400IsShownOnTheIncidentPage() {
        Stubs.problem(post(urlPathEqualTo(INCIDENT + "/reopen")), 409, "incident is not resolved");
        Session carl = Session.signIn("carl", "commander");

        ExtractableResponse<Response> refused = carl.form().formParam("reason", "again")
                .post("/incidents/" + ID + "/reopen").then().statusCode(303).extract();

        String page = carl.browser().cookie("incidentops_console_flash", refused.cookie("incidentops_console_flash"))
                .get("/incidents/" + ID).then().statusCode(200).extract().asString();
        assertThat(page).contains("class=\"flash error\"", "Refused by incident-intake: incident is not resolved");
    }

    @Test
    void aFormWithoutTheCsrfTokenIsRefused() {
        Stubs.json(post(urlPathEqualTo(INCIDENT + "/acknowledge")), 200, Stubs.incident(ID, "P1", "INVESTIGATING", "x"));
        Session rita = Session.signIn("rita", "responder");

        rita.browser().contentType("application/x-www-form-urlencoded").formParam("note", "x")
                .when().post("/incidents/" + ID + "/acknowledge").then().statusCode(400);
        rita.browser().contentType("application/x-www-form-urlencoded").formParam("csrf-token", "forged")
                .when().post("/incidents/" + ID + "/acknowledge").then().statusCode(400);

        assertThat(Stubs.server().findAll(postRequestedFor(urlPathEqualTo(INCIDENT + "/acknowledge")))).isEmpty();
    }

    @Test
    void aMissingFieldIs400BeforeAnyServiceIsAsked() {
        Session carl = Session.signIn("carl", "commander");

        String html = carl.form().post("/incidents/" + ID + "/resolve").then().statusCode(400).extract().asString();

        assertThat(html).contains("Invalid rootCause");
        assertThat(Stubs.server().findAll(postRequestedFor(urlPathEqualTo(INCIDENT + "/resolve")))).isEmpty();
    }

    private static void verifyPost(String path, String json, Session as) {
        Stubs.server().verify(postRequestedFor(urlPathEqualTo(path))
                .withHeader("Authorization", equalTo(as.bearer()))
                .withRequestBody(equalToJson(json)));
    }
}
