package io.incidentops.platform;

import io.incidentops.testsupport.InfraTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class SecurityTest {

    /** The test application's audience: its quarkus.application.name. */
    private static final String AUDIENCE = "platform-test";

    private static String token(String... roles) {
        return InfraTestResource.tokenFor(Set.of(AUDIENCE), "alice", roles);
    }

    @Test
    void jwtWithTheRightRoleIsLetIn() {
        given().auth().oauth2(token("commander"))
                .when().get("/test/commanders-only")
                .then().statusCode(200).body(equalTo("alice"));
    }

    @Test
    void missingTokenIs401AndWrongRoleIs403() {
        given().when().get("/test/commanders-only").then().statusCode(401);
        given().auth().oauth2(token("viewer")).when().get("/test/commanders-only").then().statusCode(403);
    }

    @Test
    void forgedOrExpiredTokensAre401() {
        String valid = token("commander");
        String forged = valid.substring(0, valid.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        given().auth().oauth2(forged).when().get("/test/commanders-only").then().statusCode(401);
        String expired = InfraTestResource.infra().security()
                .token("alice", Set.of("commander"), Set.of(AUDIENCE), Duration.ofMinutes(-10));
        given().auth().oauth2(expired).when().get("/test/commanders-only").then().statusCode(401);
    }

    @Test
    void aTokenMustListThisServiceAmongItsAudiences() {
        given().auth().oauth2(InfraTestResource.tokenFor(Set.of("another-client", AUDIENCE), "alice", "commander"))
                .when().get("/test/commanders-only").then().statusCode(200);
        given().auth().oauth2(InfraTestResource.tokenFor(Set.of("another-client"), "alice", "commander"))
                .when().get("/test/commanders-only").then().statusCode(401);
        // the local stack's tokens list the four services, not this test application
        given().auth().oauth2(InfraTestResource.token("alice", "commander"))
                .when().get("/test/commanders-only").then().statusCode(401);
    }

    @Test
    void unannotatedEndpointsAreDenied() {
        given().auth().oauth2(token("admin")).when().get("/test/unannotated").then().statusCode(403);
    }

    @Test
    void operationalEndpointsArePublic() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }
}
