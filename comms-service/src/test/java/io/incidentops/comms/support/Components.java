package io.incidentops.comms.support;

import io.incidentops.testsupport.InfraTestResource;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Public components made the way operators make them: through {@code /api/components}. */
public final class Components {

    private Components() {
    }

    /** A request authenticated as an admin. */
    public static RequestSpecification asAdmin() {
        return given().auth().oauth2(InfraTestResource.token("ada", "admin")).contentType("application/json");
    }

    /** Creates a component shown for these internal services; @return its id */
    public static String create(String name, String... services) {
        return asAdmin().body(Map.of("name", name, "services", List.of(services)))
                .when().post("/api/components").then().statusCode(201).extract().path("id");
    }
}
