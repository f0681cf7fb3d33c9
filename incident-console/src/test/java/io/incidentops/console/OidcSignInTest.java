package io.incidentops.console;

import io.incidentops.console.support.ConsoleTestResource;
import io.incidentops.console.support.IdentityProviderResource;
import io.incidentops.console.support.Stubs;
import io.incidentops.testsupport.InfraTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.incidentops.console.support.ConsoleTestResource.INTAKE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

/** Production sign-in: the identity provider's access tokens (bearer) work and are what the services get. */
@QuarkusTest
@TestProfile(OidcSignInTest.Production.class)
class OidcSignInTest {

    public static class Production implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ConsoleTestResource.class, Map.of(ConsoleTestResource.DEV_SIGN_IN, "false")),
                    new TestResourceEntry(IdentityProviderResource.class));
        }
    }

    @BeforeEach
    void reset() {
        Stubs.reset();
    }

    @Test
    void anAccessTokenOfTheProviderIsAcceptedAndForwarded() {
        Stubs.json(get(urlPathEqualTo(INTAKE + "/api/incidents")), 200, "{\"items\":[],\"page\":0,\"size\":100,\"total\":0}");
        String token = InfraTestResource.tokenFor(Set.of("incident-console", "incident-intake"), "olga", "viewer");

        given().header("Authorization", "Bearer " + token).accept("text/html")
                .when().get("/").then().statusCode(200).body(containsString("<table id=\"incidents\""));

        Stubs.server().verify(getRequestedFor(urlPathEqualTo(INTAKE + "/api/incidents"))
                .withHeader("Authorization", equalTo("Bearer " + token)));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        String token = InfraTestResource.tokenFor(Set.of("incident-intake"), "olga", "viewer");

        given().header("Authorization", "Bearer " + token).when().get("/events").then().statusCode(401);
    }

    @Test
    void aBrowserIsSentToTheProvider() {
        given().redirects().follow(false).accept("text/html").when().get("/")
                .then().statusCode(302)
                .header("Location", startsWith(IdentityProviderResource.baseUrl() + IdentityProviderResource.AUTHORIZE));
    }

    @Test
    void theDevelopmentSignInIsOff() {
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("role", "admin").when().post("/sign-in/dev").then().statusCode(400);
        given().accept("text/html").when().get("/sign-in").then().statusCode(200)
                .body(containsString("Continue to the identity provider"));
    }
}
