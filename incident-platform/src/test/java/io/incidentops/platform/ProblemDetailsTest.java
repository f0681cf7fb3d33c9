package io.incidentops.platform;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ProblemDetailsTest {

    @Test
    void validBodyIsAccepted() {
        given().contentType(ContentType.JSON)
                .body("{\"items\":[{\"name\":\"a\",\"startsAt\":\"2026-11-26T10:00:00Z\",\"count\":1}]}")
                .when().post("/test/items")
                .then().statusCode(200).body("accepted", equalTo(1));
    }

    @Test
    void malformedJsonIs400Problem() {
        given().contentType(ContentType.JSON).body("{\"items\": [")
                .when().post("/test/items")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Bad Request"))
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void wrongTypeNamesTheField() {
        given().contentType(ContentType.JSON)
                .body("{\"items\":[{\"name\":\"a\",\"startsAt\":\"yesterday\",\"count\":1}]}")
                .when().post("/test/items")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("items[0].startsAt"))
                .body(not(containsString("java.")));
    }

    @Test
    void missingFieldsAreListed() {
        given().contentType(ContentType.JSON)
                .body("{\"items\":[{\"count\":1}]}")
                .when().post("/test/items")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("items[0].name"))
                .body("errors.field", hasItem("items[0].startsAt"));
    }

    @Test
    void emptyBodyIsRejected() {
        given().contentType(ContentType.JSON).body("")
                .when().post("/test/items")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void notFoundAndConflictAreProblems() {
        given().when().get("/test/items/42")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("item 42 does not exist"));
        given().when().post("/test/items/42/close")
                .then().statusCode(409).contentType("application/problem+json")
                .body("title", equalTo("Conflict"));
    }

    @Test
    void unsupportedMediaTypeIsAProblem() {
        given().contentType(ContentType.TEXT).body("hello")
                .when().post("/test/items")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void unexpectedErrorsRevealNothingInternal() {
        given().when().get("/test/boom")
                .then().statusCode(500).contentType("application/problem+json")
                .body("detail", containsString("reference"))
                .body(not(containsString("secret internal detail")))
                .body(not(containsString("IllegalStateException")));
    }

    @Test
    void oversizedBodyIsRejected() {
        String huge = "{\"items\":[{\"name\":\"" + "x".repeat(600 * 1024) + "\"}]}";
        given().contentType(ContentType.JSON).body(huge)
                .when().post("/test/items")
                .then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("detail", containsString("exceeds the limit"));
    }

    /** JAX-RS answers 404 for a query parameter that does not convert; the caller sent a bad request. */
    @Test
    void aQueryParameterOfTheWrongTypeIs400Problem() {
        given().queryParam("page", "abc")
                .when().get("/test/items")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("expected a number"));
        given().queryParam("page", "99999999999")
                .when().get("/test/items")
                .then().statusCode(400).contentType("application/problem+json");
        given().queryParam("page", "-1")
                .when().get("/test/items")
                .then().statusCode(400).contentType("application/problem+json");
        given().queryParam("page", "3")
                .when().get("/test/items")
                .then().statusCode(200).body("page", equalTo(3));
        given().when().get("/test/no-such-path")
                .then().statusCode(404).contentType("application/problem+json");
    }

    /** A database that is down is the caller's cue to retry, not a bug: 503 with Retry-After, never 500. */
    @Test
    void anUnavailableDatabaseIs503WithRetryAfter() {
        for (String path : new String[] {"/test/database-down", "/test/connection-lost"}) {
            given().when().get(path)
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("status", equalTo(503))
                    .body("detail", containsString("temporarily unavailable"))
                    .body(not(containsString("acquisition")))
                    .body(not(containsString("SQL")));
        }
    }

    @Test
    void aBugIsStill500WithoutRetryAfter() {
        given().when().get("/test/boom")
                .then().statusCode(500).contentType("application/problem+json")
                .header("Retry-After", nullValue());
    }

    /** PostgreSQL cannot store NUL, and no field means BEL or ESC: refused, naming the field; line breaks stay. */
    @Test
    void controlCharactersInTextAre400NamingTheField() {
        for (String text : new String[] {"a\\u0000b", "a\\u001b[31mred", "a\\u0007", "a\\u0085"}) {
            given().contentType(ContentType.JSON)
                    .body("{\"items\":[{\"name\":\"" + text + "\",\"startsAt\":\"2026-11-26T10:00:00Z\",\"count\":1}]}")
                    .when().post("/test/items")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("items[0].name"))
                    .body("errors.message", hasItem("must not contain control characters"));
        }
        given().contentType(ContentType.JSON)
                .body("{\"items\":[{\"name\":\"two\\nlines\\tand a tab \uD83D\uDEA8\","
                        + "\"startsAt\":\"2026-11-26T10:00:00Z\",\"count\":1}]}")
                .when().post("/test/items")
                .then().statusCode(200).body("accepted", equalTo(1));
    }
}
