package io.incidentops.console;

import io.incidentops.console.support.ConsoleTestResource;
import io.incidentops.console.support.Session;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
@QuarkusTestResource(ConsoleTestResource.class)
class SignInTest {

    @Test
    void theSignInPageOffersOneButtonPerRole() {
        String html = given().accept("text/html").when().get("/sign-in").then().statusCode(200).extract().asString();
        assertThat(html).contains("id=\"sign-in-admin\"", "id=\"sign-in-commander\"", "id=\"sign-in-responder\"",
                "id=\"sign-in-viewer\"");
    }

    @Test
    void aDevSignInSetsAnHttpOnlyStrictCookieWithTheLocalIssuersToken() throws Exception {
        Response page = given().accept("text/html").when().get("/sign-in");
        Response signedIn = given().redirects().follow(false)
                .cookie(Session.CSRF_COOKIE, page.cookie(Session.CSRF_COOKIE))
                .contentType("application/x-www-form-urlencoded")
                .formParam(Session.CSRF_FIELD, Session.formToken(page.asString()))
                .formParam("role", "commander").formParam("user", "carol")
                .when().post("/sign-in/dev");
        assertThat(signedIn.statusCode()).isEqualTo(303);
        String setCookie = signedIn.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(Session.SESSION + "=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly", "SameSite=Strict", "Path=/");

        JwtClaims claims = new JwtConsumerBuilder().setSkipSignatureVerification().setSkipDefaultAudienceValidation()
                .build().processToClaims(signedIn.cookie(Session.SESSION));
        assertThat(claims.getIssuer()).isEqualTo("incidentops");
        assertThat(claims.getClaimValueAsString("upn")).isEqualTo("carol");
        assertThat(claims.getStringListClaimValue("groups")).containsExactlyInAnyOrder("commander", "responder", "viewer");
        assertThat(claims.getAudience()).contains("incident-console", "incident-intake", "runbook-executor",
                "comms-service", "metrics-reporter");
    }

    @Test
    void aBrowserWithoutSessionIsSentToTheSignInPage() {
        given().redirects().follow(false).accept("text/html").when().get("/")
                .then().statusCode(302).header("Location", containsString("/sign-in"));
    }

    @Test
    void aScriptWithoutTokenGets401AndAForgedTokenToo() {
        given().when().get("/events").then().statusCode(401);
        given().header("Authorization", "Bearer not.a.token").when().get("/events").then().statusCode(401);
    }

    @Test
    void aSignInFormWithoutTheCsrfTokenIsRefused() {
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("role", "admin").when().post("/sign-in/dev")
                .then().statusCode(400);
    }
}
