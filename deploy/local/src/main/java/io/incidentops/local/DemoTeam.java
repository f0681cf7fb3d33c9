package io.incidentops.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The local stack's demo team for its default alerts (service {@code checkout}, team {@code payments}): two users with
 * an e-mail contact method, a weekly schedule of both, and a two-rule escalation policy (rule 1: whoever is on call,
 * at once; rule 2: the lead, {@code delay} later unless someone acknowledged) that the service {@code checkout} maps
 * to. Created through intake's REST API as an installer would, and only what is missing: a restart on the kept
 * data of an earlier run (or an operator's edits) is left as it is.
 */
public final class DemoTeam {

    public static final String ON_CALL_USER = "demo-alex";
    public static final String LEAD_USER = "demo-sam";
    public static final String SCHEDULE = "demo-payments-weekly";
    public static final String POLICY = "demo-payments";
    public static final String SERVICE = "checkout";
    /** The team of the stack's default alerts; its lead ({@link #LEAD_USER}) is paged at once for P0/P1. */
    public static final String TEAM = "payments";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String intakeUrl;
    private final String adminToken;

    public DemoTeam(String intakeUrl, String adminToken) {
        this.intakeUrl = intakeUrl;
        this.adminToken = adminToken;
    }

    /** Creates whatever of the team is missing; returns the paths it created (empty when all was there). */
    public List<String> install(Duration escalationDelay) throws IOException, InterruptedException {
        String delay = escalationDelay.toString();
        List<String> created = new ArrayList<>();
        ensure("/api/users", ON_CALL_USER, Map.of("user", user(ON_CALL_USER, "Alex Rivera", "alex.rivera@example.com")),
                created);
        ensure("/api/users", LEAD_USER, Map.of("user", user(LEAD_USER, "Sam Chen", "sam.chen@example.com")), created);
        // starts yesterday with a 09:00 handoff, so the first user is on call when the stack comes up, for a week
        String start = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        ensure("/api/schedules", SCHEDULE, Map.of("schedule", Map.of("id", SCHEDULE, "name", "Payments on call (demo)",
                "time_zone", "UTC", "schedule_layers", List.of(Map.of("name", "Weekly", "start", start,
                        "handoff_time", "09:00", "rotation_interval", "P7D",
                        "users", List.of(ON_CALL_USER, LEAD_USER))))), created);
        ensure("/api/escalation-policies", POLICY, Map.of("escalation_policy", Map.of("id", POLICY,
                "name", "Payments (demo)", "num_loops", 0, "escalation_rules", List.of(
                        Map.of("escalation_delay", delay, "targets", List.of(Map.of("type", "schedule", "id", SCHEDULE))),
                        Map.of("escalation_delay", delay, "targets", List.of(Map.of("type", "user", "id", LEAD_USER)))))),
                created);
        ensure("/api/services", SERVICE, Map.of("service", Map.of("name", SERVICE, "escalation_policy_id", POLICY)),
                created);
        return created;
    }

    private static Map<String, Object> user(String id, String name, String email) {
        return Map.of("id", id, "name", name, "email", email, "time_zone", "UTC",
                "contact_methods", List.of(Map.of("type", "email", "address", email, "label", "Work")));
    }

    private void ensure(String collection, String id, Map<String, Object> body, List<String> created)
            throws IOException, InterruptedException {
        String path = collection + "/" + id;
        int existing = call(request(path).GET()).statusCode();
        if (existing == 200) {
            return;
        }
        if (existing != 404) {
            throw new IOException("GET " + path + " answered " + existing);
        }
        HttpResponse<String> response = call(request(collection).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
        if (response.statusCode() != 201) {
            throw new IOException("POST " + collection + " (" + id + ") answered " + response.statusCode() + ": "
                    + response.body());
        }
        created.add(path);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(intakeUrl + path)).header("Authorization", "Bearer " + adminToken)
                .header("Accept", "application/json");
    }

    /** The whole exchange is bounded (the request timeout stops counting once headers arrive, JDK-8258397). */
    private HttpResponse<String> call(HttpRequest.Builder request) throws IOException, InterruptedException {
        try {
            return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                    .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("intake did not answer within " + CALL_TIMEOUT.toSeconds() + " s", e);
        }
    }
}
