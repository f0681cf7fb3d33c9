package io.incidentops.intake.security;

import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.api.BodyFuzz;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

/** Broken, mistyped, oversized and control-character bodies to every writing operation: 4xx problems, no rows. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class BodyFuzzTest {

    /** Every field Opsgenie's create takes, valid (Alertmanager's opsgenie.go sends this shape). */
    private static final String OPSGENIE_CREATE = "{\"message\":\"fuzzed\",\"alias\":\"fuzzed\",\"description\":\"d\","
            + "\"responders\":[{\"name\":\"t\",\"type\":\"team\"}],\"visibleTo\":[{\"name\":\"t\",\"type\":\"team\"}],"
            + "\"actions\":[\"a\"],\"tags\":[\"t\"],\"details\":{\"service\":\"fuzzed-service\"},\"entity\":\"e\","
            + "\"source\":\"s\",\"priority\":\"P5\",\"user\":\"u\",\"note\":\"n\"}";
    // close and acknowledge get no valid body: theirs has only optional fields, so {"user": null, ...} is valid
    // (Opsgenie's too); their spoiled fields are OpsgenieAlertsTest's

    @Test
    void everyWritingOperationRefusesBadBodiesCleanly() {
        String declaration = "{\"service\":\"fuzzed-service\",\"summary\":\"fuzzed\",\"severity\":\"P4\"}";
        BodyFuzz.check(AuthorizationSweepTest.ACCESS, "intake",
                Map.of("POST /api/incidents", declaration, "POST /api/alerts", declaration,
                        "POST /v2/enqueue", "{\"routing_key\":\"" + InfraTestResource.integrationKey() + "\","
                                + "\"event_action\":\"trigger\",\"dedup_key\":\"fuzzed\",\"payload\":{\"summary\":"
                                + "\"fuzzed\",\"source\":\"fuzzed\",\"severity\":\"info\"}}",
                        "POST /v2/alerts", OPSGENIE_CREATE,
                        "POST /v2/change/enqueue", "{\"routing_key\":\"" + InfraTestResource.integrationKey() + "\","
                                + "\"payload\":{\"summary\":\"fuzzed\",\"source\":\"fuzzed\"}}",
                        "POST /v2/heartbeats", "{\"name\":\"fuzzed-heartbeat\",\"interval\":10,"
                                + "\"intervalUnit\":\"minutes\",\"enabled\":false}"));
    }
}
