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
import static io.incidentops.console.support.ConsoleTestResource.REPORTER;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(ConsoleTestResource.class)
class OncallAndMetricsTest {

    @BeforeEach
    void reset() {
        Stubs.reset();
    }

    @Test
    void showsWhoIsOnCallPerSchedule() {
        Stubs.json(get(urlPathEqualTo(INTAKE + "/api/oncalls")), 200, """
                {"oncalls":[
                  {"user":{"id":"u2","type":"user_reference","summary":"Sam"},"schedule":{"id":"s2","type":"schedule_reference","summary":"Payments"},
                   "start":"2026-12-04T08:00:00Z","end":"2026-12-05T08:00:00Z"},
                  {"user":{"id":"u1","type":"user_reference","summary":"Ana"},"schedule":{"id":"s1","type":"schedule_reference","summary":"Checkout"},
                   "start":"2026-12-04T00:00:00Z","end":"2026-12-11T00:00:00Z"}],
                 "limit":2,"offset":0,"more":false,"total":2}
                """);
        Session viewer = Session.signIn("vera", "viewer");

        String html = viewer.browser().when().get("/oncall").then().statusCode(200).extract().asString();

        assertThat(html).contains("<table id=\"oncalls\"", "data-schedule-id=\"s1\"", "data-schedule-id=\"s2\"");
        assertThat(html.indexOf("Checkout")).isLessThan(html.indexOf("Payments"));
        assertThat(html).contains("<td>Ana</td>", "<td>Sam</td>");
        Stubs.server().verify(getRequestedFor(urlPathEqualTo(INTAKE + "/api/oncalls"))
                .withHeader("Authorization", equalTo(viewer.bearer())));
    }

    @Test
    void drawsMttrAndSlaPerWeekBySeverityAndType() {
        Stubs.json(get(urlPathEqualTo(REPORTER + "/api/metrics/mttr/weekly")), 200, """
                {"weeks":[
                 {"since":"2026-11-23T00:00:00Z","until":"2026-11-30T00:00:00Z","overall":{"count":0,"slaMet":0,"slaMissed":0,
                   "slaMetRatio":null,"phases":{},"bySeverity":{},"byType":{}}},
                 {"since":"2026-11-30T00:00:00Z","until":"2026-12-07T00:00:00Z","overall":{"count":2,"slaMet":1,"slaMissed":1,
                   "slaMetRatio":0.5,"phases":{"total":{"count":2,"mean":{"duration":"PT1H","seconds":3600},"median":{"duration":"PT1H","seconds":3600}}},
                   "bySeverity":{"P1":{"count":2,"slaMet":1,"slaMissed":1,"slaMetRatio":0.5,
                      "phases":{"total":{"count":2,"mean":{"duration":"PT1H","seconds":3600}}},"bySeverity":{}}},
                   "byType":{"SERVICE_OUTAGE":{"count":2,"slaMet":1,"slaMissed":1,"slaMetRatio":0.5,
                      "phases":{"total":{"count":2,"mean":{"duration":"PT1H","seconds":3600}}},"bySeverity":{}}}}}]}
                """);
        Session viewer = Session.signIn("vera", "viewer");

        String html = viewer.browser().queryParam("weeks", "2").when().get("/metrics").then().statusCode(200)
                .extract().asString();

        assertThat(html).contains("id=\"mttr-all\"", "id=\"sla-all\"", "id=\"mttr-severity-P1\"",
                "id=\"mttr-type-SERVICE_OUTAGE\"", "<svg role=\"img\"", "Nov 30: 60 min mean, 2 incident(s)",
                "Nov 30: 50% met SLA", "Nov 23: no resolved incident");
        assertThat(html).doesNotContain("<script src=\"http", "<link rel=\"stylesheet\" href=\"http");
        Stubs.server().verify(getRequestedFor(urlPathEqualTo(REPORTER + "/api/metrics/mttr/weekly"))
                .withQueryParam("weeks", equalTo("2")).withHeader("Authorization", equalTo(viewer.bearer())));
    }

    @Test
    void refusesAnOutOfRangeNumberOfWeeks() {
        Session viewer = Session.signIn("vera", "viewer");

        viewer.browser().queryParam("weeks", "500").when().get("/metrics").then().statusCode(400);
    }
}
