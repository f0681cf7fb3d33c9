package io.incidentops.intake.oncall;

import io.incidentops.events.EventType;
import io.incidentops.events.intake.CommanderAssigned;
import io.incidentops.events.intake.NotificationRequested;
import io.incidentops.events.intake.RespondersPaged;
import io.incidentops.testsupport.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.incidentops.intake.support.Fixtures.alert;
import static io.incidentops.intake.support.Fixtures.as;
import static io.incidentops.intake.support.Fixtures.awaitEvents;
import static io.incidentops.intake.support.Fixtures.data;
import static io.incidentops.intake.support.Fixtures.hasType;
import static io.incidentops.intake.support.Fixtures.integration;
import static io.incidentops.testsupport.TestIds.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

/**
 * Changing who works an incident by hand (the console's "assign commander" and "add responder"), and the list's
 * filters: through the API, the real database and broker.
 */
@QuarkusTest
class IncidentCrewTest {

    private final KafkaTestClient kafka = new KafkaTestClient();
    private final CreatedThroughApi created = new CreatedThroughApi();

    @AfterEach
    void close() {
        created.deleteAll();
        kafka.close();
    }

    @Test
    void aCommanderHandsOverAndAResponderPullsInAColleagueWhoIsPaged() {
        String ann = created.user("Ann Commander");
        String bob = created.user("Bob Helper");
        String id = declare(unique("crew"), "P2");

        as("viewer").body(Map.of("commander", ann)).post("/api/incidents/" + id + "/commander").then().statusCode(403);
        as("responder").body(Map.of("commander", ann)).post("/api/incidents/" + id + "/commander").then().statusCode(403);
        as("commander").body(Map.of("commander", "nobody-" + ann)).post("/api/incidents/" + id + "/commander")
                .then().statusCode(400).body(containsString("no user"));
        as("commander").body(Map.of()).post("/api/incidents/" + id + "/commander").then().statusCode(400);
        as("commander").body(Map.of("commander", ann)).post("/api/incidents/" + id + "/commander").then().statusCode(200)
                .body("commander.name", equalTo("Ann Commander"))
                .body("commander.role", equalTo("incident-commander"))
                .body("commander.contact", equalTo(ann + "@example.com"));

        as("viewer").body(Map.of("responder", bob)).post("/api/incidents/" + id + "/responders").then().statusCode(403);
        as("responder").body(Map.of("responder", bob)).post("/api/incidents/" + id + "/responders").then().statusCode(200)
                .body("responders.name", hasItem("Bob Helper"));
        // a repeat neither adds nor pages again
        int responders = as("responder").body(Map.of("responder", bob)).post("/api/incidents/" + id + "/responders")
                .then().statusCode(200).extract().path("responders.findAll { it.name == 'Bob Helper' }.size()");
        assertThat(responders).isEqualTo(1);

        List<ConsumerRecord<String, String>> records = awaitEvents(kafka, id,
                r -> hasType(r, EventType.INCIDENT_COMMANDER_ASSIGNED, 1)
                        && hasType(r, EventType.INCIDENT_NOTIFICATION_REQUESTED, 1)
                        && hasType(r, EventType.INCIDENT_RESPONDERS_PAGED, 1));
        assertThat(data(records, EventType.INCIDENT_COMMANDER_ASSIGNED, CommanderAssigned.class))
                .extracting(c -> c.commander().name()).containsExactly("Ann Commander");
        assertThat(data(records, EventType.INCIDENT_RESPONDERS_PAGED, RespondersPaged.class))
                .flatExtracting(RespondersPaged::responders).extracting(r -> r.name()).contains("Bob Helper");
        // paged for real: a notification to Bob's e-mail, with an acknowledgement link
        NotificationRequested page = data(records, EventType.INCIDENT_NOTIFICATION_REQUESTED, NotificationRequested.class)
                .stream().filter(n -> bob.equals(n.userId())).findFirst().orElseThrow();
        assertThat(page.address()).isEqualTo(bob + "@example.com");
        assertThat(page.ackUrl()).contains("/ack/");

        as("commander").body(Map.of("rootCause", "Fixed")).post("/api/incidents/" + id + "/resolve").then().statusCode(200);
        as("commander").body(Map.of("commander", bob)).post("/api/incidents/" + id + "/commander").then().statusCode(409);
        as("responder").body(Map.of("responder", ann)).post("/api/incidents/" + id + "/responders").then().statusCode(409);
        as("commander").body(Map.of("commander", ann)).post("/api/incidents/INC-19990101-999/commander").then().statusCode(404);
    }

    @Test
    void theListFiltersBySeverityServiceAndTeam() {
        String service = unique("filtered");
        String p2 = declare(service, "P2");
        declare(unique("other"), "P2"); // another service, not listed

        as("viewer").queryParam("service", service).get("/api/incidents").then().statusCode(200)
                .body("total", equalTo(1)).body("items.id", contains(p2));
        as("viewer").queryParam("service", service).queryParam("severity", "P2").queryParam("open", true)
                .get("/api/incidents").then().body("items.id", contains(p2));
        as("viewer").queryParam("service", service).queryParam("severity", "P1").get("/api/incidents")
                .then().body("total", equalTo(0));
        String team = as("viewer").get("/api/incidents/" + p2).then().extract().path("team");
        assertThat(team).isNotBlank();
        as("viewer").queryParam("service", service).queryParam("team", team).get("/api/incidents")
                .then().body("items.id", contains(p2));
        as("viewer").queryParam("service", service).queryParam("team", unique("no-such-team")).get("/api/incidents")
                .then().body("total", equalTo(0));
        as("viewer").queryParam("status", "DECLARED").queryParam("size", 100).get("/api/incidents")
                .then().body("items.status", everyItem(equalTo("DECLARED")));
        as("viewer").queryParam("severity", "P9").get("/api/incidents").then().statusCode(400)
                .body(containsString("severity"));
    }

    private static String declare(String service, String severity) {
        return integration().body(alert(service, "Crew test " + service, severity)).post("/api/alerts")
                .then().statusCode(202).extract().path("incidentId");
    }
}
