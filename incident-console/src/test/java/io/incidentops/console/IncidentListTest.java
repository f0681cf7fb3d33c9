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
import static io.incidentops.console.support.ConsoleTestResource.INTAKE;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(ConsoleTestResource.class)
class IncidentListTest {

    @BeforeEach
    void reset() {
        Stubs.reset();
    }

    @Test
    void listsTheOpenIncidentsAsTheSignedInUser() {
        Stubs.json(get(urlPathEqualTo(INTAKE + "/api/incidents")), 200, """
                {"items":[%s,%s],"page":0,"size":100,"total":2}
                """.formatted(Stubs.incident("INC-20261204-001", "P1", "INVESTIGATING", "Checkout down"),
                Stubs.incident("INC-20261204-002", "P3", "DECLARED", "Slow <b>search</b>")));
        Session viewer = Session.signIn("vera", "viewer");

        String html = viewer.browser().when().get("/").then().statusCode(200).extract().asString();

        assertThat(html).contains("<table id=\"incidents\"", "<tr data-incident-id=\"INC-20261204-001\"",
                "<tr data-incident-id=\"INC-20261204-002\"", "Checkout down",
                // alert text is untrusted: escaped, never markup
                "Slow &lt;b&gt;search&lt;/b&gt;", "<header", "<nav", "<main");
        assertThat(html).doesNotContain("<b>search</b>");
        Stubs.server().verify(getRequestedFor(urlPathEqualTo(INTAKE + "/api/incidents"))
                .withHeader("Authorization", equalTo(viewer.bearer()))
                .withQueryParam("open", equalTo("true")));
    }

    @Test
    void passesTheFiltersOnToIntake() {
        Stubs.json(get(urlPathEqualTo(INTAKE + "/api/incidents")), 200, "{\"items\":[],\"page\":0,\"size\":100,\"total\":0}");
        Session viewer = Session.signIn("vera", "viewer");

        String html = viewer.browser().queryParam("severity", "p1").queryParam("service", "checkout")
                .queryParam("team", "payments").queryParam("status", "MITIGATING")
                .when().get("/").then().statusCode(200).extract().asString();

        assertThat(html).contains("No incidents match.");
        Stubs.server().verify(getRequestedFor(urlPathEqualTo(INTAKE + "/api/incidents"))
                .withQueryParam("severity", equalTo("P1")).withQueryParam("service", equalTo("checkout"))
                .withQueryParam("team", equalTo("payments")).withQueryParam("status", equalTo("MITIGATING"))
                .withoutQueryParam("open"));
    }

    @Test
    void refusesAnUnknownFilterValueWithoutAskingIntake() {
        Session viewer = Session.signIn("vera", "viewer");

        String html = viewer.browser().queryParam("severity", "P9").when().get("/")
                .then().statusCode(400).extract().asString();

        assertThat(html).contains("Invalid severity");
        assertThat(Stubs.server().getAllServeEvents()).isEmpty();
    }

    @Test
    void intakesRefusalIsPassedOnAs403() {
        Stubs.problem(get(urlPathEqualTo(INTAKE + "/api/incidents")), 403, "not for you");
        Session viewer = Session.signIn("vera", "viewer");

        String html = viewer.browser().when().get("/").then().statusCode(403).extract().asString();

        assertThat(html).contains("not for you");
    }
}
