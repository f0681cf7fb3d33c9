package io.incidentops.comms;

import io.incidentops.comms.support.Components;
import io.incidentops.comms.support.EventsTest;
import io.incidentops.comms.support.TestEvents;
import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.incidentops.comms.support.Components.asAdmin;
import static io.incidentops.comms.support.StatusPageClient.component;
import static io.incidentops.comms.support.StatusPageClient.incident;
import static io.incidentops.comms.support.StatusPageClient.incidentById;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** {@code /api/components}: operators decide which components the page shows and which services each stands for. */
@QuarkusTest
class ComponentApiTest extends EventsTest {


    @Test
    void readingNeedsALoginAndChangingNeedsAdmin() {
        given().when().get("/api/components").then().statusCode(401);
        String viewer = InfraTestResource.token("vera", "viewer");
        given().auth().oauth2(viewer).when().get("/api/components").then().statusCode(200);
        for (String role : List.of("viewer", "responder", "commander")) {
            given().auth().oauth2(InfraTestResource.token("someone", role)).contentType("application/json")
                    .body(Map.of("name", TestIds.unique("Nope"))).when().post("/api/components").then().statusCode(403);
        }
        given().contentType("application/json").body(Map.of("name", "x")).when().post("/api/components")
                .then().statusCode(401);
    }

    @Test
    void createListRenameRemapAndDelete() {
        String name = TestIds.unique("Checkout");
        String service = TestIds.unique("checkout-api");
        var created = asAdmin().body(Map.of("name", "  " + name + " ", "description", "Cart and payments",
                        "services", List.of(service.toUpperCase(), " " + service)))
                .when().post("/api/components").then().statusCode(201).extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/components/" + id);
        given().auth().oauth2(InfraTestResource.token("vera", "viewer")).when().get("/api/components/" + id)
                .then().statusCode(200).body("name", equalTo(name)).body("status", equalTo("operational"))
                .body("description", equalTo("Cart and payments")).body("services", equalTo(List.of(service)));
        assertThat(component("/api/v2/components.json", name)).isPresent();

        // an incident of the service is shown against it, whatever the label's case
        String incidentId = TestIds.newIncidentId();
        events.send(TestEvents.declared(incidentId, Severity.P1, service.toUpperCase(), "errors", null,
                Instant.now().minusSeconds(60)));
        await().atMost(Duration.ofSeconds(30)).until(() -> component("/api/v2/components.json", name)
                .map(c -> "partial_outage".equals(c.get("status"))).orElse(false));

        String renamed = TestIds.unique("Cart");
        asAdmin().body(Map.of("name", renamed)).when().patch("/api/components/" + id).then().statusCode(200)
                .body("name", equalTo(renamed)).body("description", equalTo("Cart and payments"));
        assertThat(component("/api/v2/components.json", renamed).orElseThrow().get("status")).isEqualTo("partial_outage");
        assertThat(component("/api/v2/components.json", name)).isEmpty();

        // in use by an open incident: not deleted
        asAdmin().when().delete("/api/components/" + id).then().statusCode(409)
                .contentType(startsWith("application/problem+json"));

        String other = TestIds.unique("other-svc");
        asAdmin().body(Map.of("services", List.of(other))).when().put("/api/components/" + id + "/services")
                .then().statusCode(200).body("services", equalTo(List.of(other)));
        assertThat(mappedTo(service)).isNull();

        events.send(TestEvents.resolved(incidentId, Severity.P1, service, "errors", "x", Instant.now().minusSeconds(60),
                Instant.now()));
        String resolvedName = renamed + " issue resolved";
        await().atMost(Duration.ofSeconds(30)).until(() -> incident("/api/v2/incidents.json", resolvedName).isPresent());
        String pageId = (String) incident("/api/v2/incidents.json", resolvedName).orElseThrow().get("id");

        asAdmin().when().delete("/api/components/" + id).then().statusCode(204);
        asAdmin().when().get("/api/components/" + id).then().statusCode(404);
        assertThat(component("/api/v2/components.json", renamed)).isEmpty();
        assertThat(mappedTo(other)).isNull();
        // the past incident stays, shown against no component
        assertThat((List<?>) incidentById("/api/v2/incidents.json", pageId).orElseThrow().get("components")).isEmpty();
        asAdmin().when().delete("/api/components/" + id).then().statusCode(404);
    }

    @Test
    void badInputIsRefusedWithAProblemAndNothingIsStored() {
        String name = TestIds.unique("Bad");
        problem(asAdmin().body(Map.of("name", " ")).when().post("/api/components").then().statusCode(400), "name");
        problem(asAdmin().body(Map.of("name", name + "\nline two")).when().post("/api/components").then()
                .statusCode(400), "name");
        problem(asAdmin().body(Map.of("name", "x".repeat(101))).when().post("/api/components").then().statusCode(400),
                "name");
        problem(asAdmin().body(Map.of("name", name, "services", List.of("ok", " "))).when().post("/api/components")
                .then().statusCode(400), "services[1]");
        asAdmin().body("{\"name\": ").when().post("/api/components").then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
        asAdmin().when().post("/api/components").then().statusCode(400);
        assertThat(countNamed(name)).isZero();

        String taken = TestIds.unique("Taken");
        String service = TestIds.unique("taken-svc");
        String id = Components.create(taken, service);
        asAdmin().body(Map.of("name", taken)).when().post("/api/components").then().statusCode(409)
                .contentType(startsWith("application/problem+json"));
        // a service shown as another component: refused, and the new component is not half-created
        asAdmin().body(Map.of("name", name, "services", List.of(TestIds.unique("fresh"), service)))
                .when().post("/api/components").then().statusCode(409)
                .contentType(startsWith("application/problem+json")).body("detail", org.hamcrest.Matchers.containsString(service));
        assertThat(countNamed(name)).isZero();
        assertThat(mappedTo(service)).isEqualTo(id);

        String second = Components.create(name);
        asAdmin().body(Map.of("name", taken)).when().patch("/api/components/" + second).then().statusCode(409);
        problem(asAdmin().body(Map.of("name", "")).when().patch("/api/components/" + second).then().statusCode(400),
                "name");
        problem(asAdmin().body(Map.of()).when().put("/api/components/" + second + "/services").then().statusCode(400),
                "services");
        asAdmin().body(Map.of("name", "y")).when().patch("/api/components/nosuchcompo").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(InfraTestResource.token("vera", "viewer")).when().get("/api/components/" + second)
                .then().body("name", equalTo(name)).body("services", equalTo(List.of()));
    }

    @Test
    void configuredComponentsAreSeededAtStart() {
        given().auth().oauth2(InfraTestResource.token("vera", "viewer")).when().get("/api/components").then()
                .statusCode(200).body("find { it.name == 'Seeded Storefront' }.services",
                        equalTo(List.of("storefront-seeded", "web-shop-seeded")))
                .body("name", hasItem("Seeded Storefront"));
    }

    private static void problem(io.restassured.response.ValidatableResponse response, String field) {
        response.contentType(startsWith("application/problem+json")).body("errors.field", hasItem(field));
    }

    private long countNamed(String name) {
        return QuarkusTransaction.requiringNew().call(() -> (Long) em
                .createQuery("select count(c) from PageComponent c where c.name like :n")
                .setParameter("n", name + "%").getSingleResult());
    }

    private String mappedTo(String service) {
        return QuarkusTransaction.requiringNew().call(() -> em
                .createQuery("select m.componentId from ComponentService m where m.service = :s", String.class)
                .setParameter("s", service.toLowerCase()).getResultStream().findFirst().orElse(null));
    }
}
