package io.incidentops.intake.oncall;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.incidentops.intake.support.Fixtures.as;
import static io.incidentops.testsupport.TestIds.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

/**
 * A contact method's address is checked for its channel when it is written (what comms can deliver to), so a
 * mistyped number fails at 400 then, not as an undeliverable page during an outage.
 */
@QuarkusTest
class ContactMethodsTest {

    @Test
    void everyChannelTakesAnAddressItsProviderAccepts() {
        String id = id();
        as("admin").body(user(id, "{\"id\":\"sms\",\"type\":\"sms\",\"address\":\"+4915112345678\"},"
                        + "{\"id\":\"call\",\"type\":\"phone\",\"address\":\"+15550123456\"},"
                        + "{\"id\":\"chat\",\"type\":\"slack\",\"address\":\"U024BE7LH\"},"
                        + "{\"id\":\"push\",\"type\":\"push\",\"address\":\"ops-alice_1\"},"
                        + "{\"id\":\"card\",\"type\":\"teams\",\"address\":\"payments-oncall\"}"))
                .post("/api/users").then().statusCode(201);
        as("viewer").get("/api/users/" + id).then().statusCode(200)
                .body("user.contact_methods.type", hasItem("teams"));
    }

    @Test
    void anAddressItsChannelCannotReachIsRefusedAndNothingStored() {
        assertRefused("{\"type\":\"sms\",\"address\":\"0151 1234 5678\"}", "E.164");
        assertRefused("{\"type\":\"phone\",\"address\":\"+0123456789\"}", "E.164");
        assertRefused("{\"type\":\"slack\",\"address\":\"@alice\"}", "Slack");
        assertRefused("{\"type\":\"push\",\"address\":\"https://ntfy.sh/../admin\"}", "ntfy topic");
        assertRefused("{\"type\":\"teams\",\"address\":\"https://prod.workflows.example/hook?sig=x\"}", "Teams webhook");
    }

    private static void assertRefused(String contactMethod, String why) {
        String id = id();
        as("admin").body(user(id, contactMethod)).post("/api/users").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("user.contact_methods[0].address"))
                .body("errors.message", hasItem(containsString(why)));
        as("viewer").get("/api/users/" + id).then().statusCode(404);
    }

    private static String user(String id, String contactMethods) {
        return "{\"user\":{\"id\":\"" + id + "\",\"name\":\"Alice Example\",\"email\":\"" + id + "@example.com\","
                + "\"contact_methods\":[" + contactMethods + "]}}";
    }

    private static String id() {
        return unique("cm").replaceAll("[^A-Za-z0-9_.-]", "");
    }
}
