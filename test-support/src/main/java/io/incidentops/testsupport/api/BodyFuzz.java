package io.incidentops.testsupport.api;

import io.incidentops.testsupport.InfraTestResource;
import io.restassured.response.Response;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import static io.incidentops.testsupport.api.ApiCalls.bearer;
import static io.incidentops.testsupport.api.ApiCalls.call;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Sends {@link FuzzBodies} to every POST, PUT and PATCH operation of the service's OpenAPI document, authenticated as
 * the operation asks, and checks that each is refused with a 4xx problem ({@code application/problem+json}; people's
 * signed links answer HTML, the PagerDuty route PagerDuty's JSON), never a 5xx, and that no row of the service's
 * schema was added or removed.
 */
public final class BodyFuzz {

    private static final String PROBLEM = "application/problem+json";

    private final AccessPolicy policy;
    private final String schema;
    private final Map<String, String> validBodies;
    private final List<String> findings = new ArrayList<>();

    private BodyFuzz(AccessPolicy policy, String schema, Map<String, String> validBodies) {
        this.policy = policy;
        this.schema = schema;
        this.validBodies = validBodies;
    }

    /** Fuzzes the running service whose tables live in {@code schema}; fails listing every body that got through. */
    public static void check(AccessPolicy policy, String schema) {
        check(policy, schema, Map.of());
    }

    /**
     * As {@link #check(AccessPolicy, String)}, with a valid body for some operations ({@code "POST /api/incidents"}
     * → JSON): their spoiled bodies start from it, so that only the spoiled field is wrong. Without one, a body made
     * up from the schema may already fail a rule the schema does not tell (a known severity) and hide the field.
     */
    public static void check(AccessPolicy policy, String schema, Map<String, String> validBodies) {
        new BodyFuzz(policy, schema, validBodies).run();
    }

    private void run() {
        OpenApiDocument document = OpenApiDocument.read();
        FuzzBodies bodies = new FuzzBodies(document);
        List<ApiOperation> writing = document.operations().stream().filter(ApiOperation::writes).toList();
        assertTrue(!writing.isEmpty(), "the OpenAPI document lists no POST, PUT or PATCH operation");
        List<String> documented = writing.stream().map(ApiOperation::key).toList();
        validBodies.keySet().stream().filter(k -> !documented.contains(k))
                .forEach(k -> findings.add(k + ": has a valid body but is not in the document"));
        for (ApiOperation operation : writing) {
            Map<String, String> cases = bodies.of(operation, validBodies.get(operation.key()));
            // the app's workers may still be writing what earlier test classes started: a change counts only when
            // a second round, once the schema is quiet, changes rows too
            String change = rowsChangedBy(operation, cases, true);
            if (!change.isEmpty() && !rowsChangedBy(operation, cases, false).isEmpty()) {
                findings.add(operation + ": rows changed " + change);
            }
        }
        if (!findings.isEmpty()) {
            fail(findings.size() + " fuzzed request(s) were not refused cleanly:\n  " + String.join("\n  ", findings));
        }
    }

    /** What the cases changed in the schema's row counts ("" for nothing); records their answers when asked. */
    private String rowsChangedBy(ApiOperation operation, Map<String, String> cases, boolean record) {
        Map<String, Long> before = quietRowCounts();
        cases.forEach((name, body) -> {
            String finding = send(operation, name, body);
            if (record && finding != null) findings.add(finding);
        });
        return changed(before, RowCounts.of(schema));
    }

    private Map<String, Long> quietRowCounts() {
        AtomicReference<Map<String, Long>> last = new AtomicReference<>(RowCounts.of(schema));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
                .until(() -> last.getAndSet(RowCounts.of(schema)).equals(last.get()));
        return last.get();
    }

    /** What is wrong with the answer to one case, or null. */
    private String send(ApiOperation operation, String name, String body) {
        String contentType = operation.bodyType().filter(t -> !t.contains("*")).orElse("application/json");
        Response response = call(operation, credential(operation), contentType, body);
        int status = response.statusCode();
        if (status < 400 || status >= 500) {
            return operation + " with " + name + ": " + status + " " + abbreviated(response.asString());
        }
        if (expectsProblem(operation) && !Objects.toString(response.contentType(), "").startsWith(PROBLEM)) {
            return operation + " with " + name + ": " + status + " as " + response.contentType() + ", expected "
                    + PROBLEM;
        }
        return null;
    }

    private String credential(ApiOperation operation) {
        if (operation.roles().isPresent()) return bearer(SweepTokens.allRoles());
        return policy.keyStyle(operation).filter(s -> s != AccessPolicy.KeyStyle.ROUTING_KEY_FIELD)
                .map(style -> ApiCalls.key(style, InfraTestResource.integrationKey())).orElse(null);
    }

    private boolean expectsProblem(ApiOperation operation) {
        // vendor routes answer in the vendor's own error shape
        return !policy.isSignedLink(operation) && policy.keyStyle(operation)
                .filter(s -> s != AccessPolicy.KeyStyle.BEARER_HEADER).isEmpty();
    }

    private static String changed(Map<String, Long> before, Map<String, Long> after) {
        StringBuilder changes = new StringBuilder();
        after.forEach((table, count) -> {
            if (!count.equals(before.get(table))) changes.append(table).append(' ').append(before.get(table))
                    .append(" → ").append(count).append("; ");
        });
        return changes.toString();
    }

    private static String abbreviated(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
