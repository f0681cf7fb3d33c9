package io.incidentops.comms;

import io.incidentops.testsupport.TestIds;
import io.incidentops.comms.support.Components;
import io.incidentops.comms.support.EventsTest;
import io.incidentops.comms.support.TestEvents;
import io.incidentops.events.model.Severity;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.incidentops.comms.support.StatusPageClient.get;
import static io.incidentops.comms.support.StatusPageClient.incident;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The public pages need no login, escape what they show and speak the formats status-page readers expect. */
@QuarkusTest
class PublicPagesTest extends EventsTest {


    @Test
    void theHtmlPageShowsTheIncidentWithComponentNamesEscaped() {
        String incidentId = TestIds.newIncidentId();
        String service = TestIds.unique("web");
        String component = "<script>alert('x')</script> " + TestIds.unique("Web");
        Components.create(component, service);
        events.send(TestEvents.declared(incidentId, Severity.P1, service, "<b>errors</b>", "broken pages",
                Instant.now().minusSeconds(60)));
        String name = component + " experiencing a partial outage";
        await().atMost(Duration.ofSeconds(30)).until(() -> incident("/api/v2/summary.json", name).isPresent());

        String html = given().when().get("/").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/html")).extract().asString();

        String escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; ";
        assertThat(html).contains(escaped + component.substring(component.indexOf("Web"))
                        + " experiencing a partial outage")
                .contains("We are investigating reports of a partial outage affecting " + escaped)
                .contains("Partial Outage")
                .containsAnyOf("Partial System Outage", "Major Service Outage")
                .contains("Active incidents").contains("Past incidents")
                .doesNotContain("<script").doesNotContain("errors</b>").doesNotContain("broken pages");

        String shortlink = (String) incident("/api/v2/summary.json", name).orElseThrow().get("shortlink");
        String path = shortlink.substring(shortlink.indexOf("/incidents/"));
        assertThat(given().when().get(path).then().statusCode(200).extract().asString())
                .contains("&lt;script&gt;").doesNotContain("<script>");
        given().when().get("/incidents/nosuchincident").then().statusCode(404);
    }

    @Test
    void theAtomFeedIsValidXmlWithAnEntryPerIncident() throws Exception {
        String incidentId = TestIds.newIncidentId();
        String service = TestIds.unique("feed");
        String component = "Login & Accounts " + TestIds.unique("feed");
        Components.create(component, service);
        events.send(TestEvents.declared(incidentId, Severity.P1, service, "login failures & timeouts", null,
                Instant.now().minusSeconds(60)));
        String name = component + " experiencing a partial outage";
        await().atMost(Duration.ofSeconds(30)).until(() -> incident("/api/v2/incidents.json", name).isPresent());

        String xml = given().when().get("/history.atom").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("application/atom+xml")).extract().asString();

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element feed = doc.getDocumentElement();
        assertThat(feed.getLocalName()).isEqualTo("feed");
        assertThat(feed.getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
        assertThat(OffsetDateTime.parse(text(feed, "updated"))).isNotNull();
        NodeList entries = feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
        List<String> titles = new ArrayList<>();
        Element ours = null;
        for (int i = 0; i < entries.getLength(); i++) {
            Element entry = (Element) entries.item(i);
            titles.add(text(entry, "title"));
            if (name.equals(text(entry, "title"))) ours = entry;
        }
        assertThat(titles).contains(name);
        assertThat(text(ours, "id")).contains("/incidents/");
        assertThat(OffsetDateTime.parse(text(ours, "published"))).isNotNull();
        assertThat(text(ours, "content")).contains("Investigating - We are investigating reports of");
    }

    @Test
    void statusAndComponentsJsonNeedNoLoginAndUseStatuspageNames() {
        var status = get("/api/v2/status.json");
        assertThat(status.getString("page.id")).matches("[a-z0-9]{12}");
        assertThat(status.getMap("page")).containsKeys("id", "name", "url", "time_zone", "updated_at");
        assertThat(status.getString("status.indicator")).isIn("none", "minor", "major", "critical");
        assertThat(status.getString("status.description")).isNotBlank();

        var components = get("/api/v2/components.json");
        List<Map<String, Object>> list = components.getList("components");
        for (Map<String, Object> c : list) {
            assertThat(c).containsKeys("id", "name", "status", "position", "created_at", "updated_at", "page_id",
                    "group_id", "only_show_if_degraded");
            assertThat(c.get("status")).isIn("operational", "degraded_performance", "partial_outage", "major_outage");
        }
        assertThat(get("/api/v2/incidents/unresolved.json").getList("incidents")).isNotNull();
    }

    private static String text(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagNameNS("http://www.w3.org/2005/Atom", name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }
}
