package io.incidentops.intake.declaration;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * A writer thread that dies takes the replica's liveness down. Its own profile: the application it breaks is not
 * the one the other tests share.
 */
@QuarkusTest
@TestProfile(AlertWriterLivenessTest.OwnApplication.class)
class AlertWriterLivenessTest {

    /** No settings of its own: a profile of its own is what starts a separate application. */
    public static class OwnApplication implements QuarkusTestProfile {
    }

    @Test
    void aDeadJournalThreadFailsLivenessAndIsNamed() throws Exception {
        given().get("/q/health/live").then().statusCode(200)
                .body("checks.name", hasItem(AlertWriterLiveness.NAME));

        Thread journal = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("alert-journal-1")).findFirst().orElseThrow();
        journal.interrupt(); // it ends its loop, as it would on any exception escaping it
        journal.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(journal.isAlive()).isFalse();

        given().get("/q/health/live").then().statusCode(503)
                .body("checks.find { it.name == 'alert-writer' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'alert-writer' }.data.'dead-threads'",
                        equalTo("alert-journal-1"));
    }
}
