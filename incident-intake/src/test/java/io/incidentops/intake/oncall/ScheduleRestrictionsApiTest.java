package io.incidentops.intake.oncall;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.incidentops.intake.support.Fixtures.as;
import static io.incidentops.testsupport.TestIds.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Layer restrictions through {@code /api/schedules}: stored and rendered as PagerDuty shapes them, a business-hours
 * layer over a 24/7 layer in New York across the spring DST change; bad restrictions are refused with 400
 * problem+json naming the field, and nothing is stored.
 */
@QuarkusTest
class ScheduleRestrictionsApiTest {

    private final CreatedThroughApi created = new CreatedThroughApi();

    @AfterEach
    void cleanUp() {
        created.deleteAll();
    }

    private String user(String name) {
        return created.user(name);
    }

    private static String schedule(String id, String nightUser, String dayUser, String restriction) {
        return "{\"schedule\":{\"id\":\"" + id + "\",\"name\":\"Business hours\",\"time_zone\":\"America/New_York\","
                + "\"schedule_layers\":["
                + "{\"start\":\"2026-03-01\",\"handoff_time\":\"09:00\",\"rotation_interval\":\"P7D\",\"users\":[\"" + nightUser + "\"]},"
                + "{\"start\":\"2026-03-01\",\"handoff_time\":\"09:00\",\"rotation_interval\":\"P7D\",\"users\":[\"" + dayUser + "\"],"
                + "\"restrictions\":[" + restriction + "]}]}}";
    }

    @Test
    void aBusinessHoursLayerCoversNineToFiveLocalOnBothSidesOfTheChange() {
        String night = user("Nina Night");
        String day = user("Dana Day");
        String id = unique("sched").replaceAll("[^A-Za-z0-9_.-]", "");
        as("admin").body(schedule(id, night, day,
                        "{\"type\":\"daily_restriction\",\"start_time_of_day\":\"09:00:00\",\"duration_seconds\":28800}"))
                .post("/api/schedules").then().statusCode(201)
                .body("schedule.schedule_layers[1].restrictions[0].type", equalTo("daily_restriction"))
                .body("schedule.schedule_layers[1].restrictions[0].start_time_of_day", equalTo("09:00"))
                .body("schedule.schedule_layers[1].restrictions[0].duration_seconds", equalTo(28800));
        created.referring("/api/schedules/" + id);

        // Saturday 7 March is EST (-05:00), Monday 9 March is EDT (-04:00): 09:00-17:00 local both days
        oncallAt(id, "2026-03-07T08:59:00-05:00", night);
        oncallAt(id, "2026-03-07T09:00:00-05:00", day);
        oncallAt(id, "2026-03-07T17:00:00-05:00", night);
        oncallAt(id, "2026-03-09T08:59:00-04:00", night);
        oncallAt(id, "2026-03-09T09:00:00-04:00", day);
        oncallAt(id, "2026-03-09T16:59:00-04:00", day);
        oncallAt(id, "2026-03-09T17:00:00-04:00", night);

        as("viewer").queryParam("since", "2026-03-07T00:00:00-05:00").queryParam("until", "2026-03-09T00:00:00-05:00")
                .get("/api/schedules/" + id + "/shifts").then().statusCode(200)
                .body("shifts.user.id", equalTo(List.of(night, day, night, day, night)))
                .body("shifts.user.summary", hasItem("Dana Day"))
                .body("shifts.start", equalTo(List.of("2026-03-07T05:00:00Z", "2026-03-07T14:00:00Z",
                        "2026-03-07T22:00:00Z", "2026-03-08T13:00:00Z", "2026-03-08T21:00:00Z")))
                .body("shifts[4].end", equalTo("2026-03-09T05:00:00Z"));
    }

    private static void oncallAt(String schedule, String at, String user) {
        as("viewer").queryParam("schedule", schedule).queryParam("at", at).get("/api/oncalls").then().statusCode(200)
                .body("oncalls[0].user.id", equalTo(user));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"hourly_restriction\",\"start_time_of_day\":\"09:00\",\"duration_seconds\":3600} | restrictions[0].type",
            "{\"type\":\"daily_restriction\",\"start_time_of_day\":\"25:00\",\"duration_seconds\":3600} | restrictions[0].start_time_of_day",
            "{\"type\":\"daily_restriction\",\"start_time_of_day\":\"09:00\",\"duration_seconds\":86401} | restrictions[0].duration_seconds",
            "{\"type\":\"daily_restriction\",\"start_time_of_day\":\"09:00\",\"duration_seconds\":0} | restrictions[0].duration_seconds",
            "{\"type\":\"weekly_restriction\",\"start_time_of_day\":\"09:00\",\"duration_seconds\":3600,\"start_day_of_week\":8} | restrictions[0].start_day_of_week",
            "{\"type\":\"weekly_restriction\",\"start_time_of_day\":\"09:00\",\"duration_seconds\":3600} | restrictions[0].start_day_of_week",
            "{\"type\":\"weekly_restriction\",\"start_time_of_day\":\"09:00\",\"duration_seconds\":604801,\"start_day_of_week\":1} | restrictions[0].duration_seconds"})
    void aBadRestrictionIsRefusedAndNothingStored(String restriction, String field) {
        String u = user("Rita Refused");
        String id = unique("bad").replaceAll("[^A-Za-z0-9_.-]", "");
        as("admin").body(schedule(id, u, u, restriction)).post("/api/schedules").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("schedule.layers[1]." + field));
        as("viewer").get("/api/schedules/" + id).then().statusCode(404);
    }

    @Test
    void aRenderedRangeMustBeOrderedAndBounded() {
        String u = user("Rafa Range");
        String id = unique("range").replaceAll("[^A-Za-z0-9_.-]", "");
        as("admin").body(schedule(id, u, u, "{\"type\":\"daily_restriction\",\"start_time_of_day\":\"09:00\",\"duration_seconds\":60}"))
                .post("/api/schedules").then().statusCode(201);
        created.referring("/api/schedules/" + id);
        as("viewer").queryParam("since", "2026-03-09T00:00:00Z").queryParam("until", "2026-03-08T00:00:00Z")
                .get("/api/schedules/" + id + "/shifts").then().statusCode(400).body("errors.field", hasItem("until"));
        as("viewer").queryParam("since", "2026-01-01T00:00:00Z").queryParam("until", "2026-12-01T00:00:00Z")
                .get("/api/schedules/" + id + "/shifts").then().statusCode(400).body("errors.field", hasItem("until"));
        as("viewer").queryParam("since", "yesterday").get("/api/schedules/" + id + "/shifts").then().statusCode(400)
                .body("errors.field", hasItem("since"));
    }
}
