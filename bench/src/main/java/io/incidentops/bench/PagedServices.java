package io.incidentops.bench;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * (e)'s people: the workload's services page through an escalation policy of the stack (the local stack's demo policy:
 * its on-call user's e-mail, into the stack's mailbox), so "people paged" is a page a mail server took, not an event
 * naming who would be paged. Mapped through intake's services API as an installer would, removed afterwards.
 */
final class PagedServices implements AutoCloseable {

    /** The local stack's demo escalation policy ({@code deploy/local}'s DemoTeam). */
    static final String DEMO_POLICY = "demo-payments";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Ctx ctx;
    private final List<String> mapped = new ArrayList<>();

    private PagedServices(Ctx ctx) {
        this.ctx = ctx;
    }

    /** Maps every service of {@code alerts} to {@code policy}; empty (and a note) when the stack has no such policy. */
    static Optional<PagedServices> map(Ctx ctx, Alerts alerts, String policy) throws IOException, InterruptedException {
        if (call(ctx, request(ctx, "/api/escalation-policies/" + policy).GET()).statusCode() != 200) {
            ctx.report.note("(e) people paged: skipped, the stack has no escalation policy '" + policy + "' to page with");
            return Optional.empty();
        }
        PagedServices paged = new PagedServices(ctx);
        try {
            for (int s = 0; s < alerts.services(); s++) {
                String name = alerts.service(s);
                String body = JSON.writeValueAsString(Map.of("service",
                        Map.of("name", name, "escalation_policy_id", policy)));
                int status = call(ctx, request(ctx, "/api/services").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))).statusCode();
                if (status / 100 != 2) throw new IOException("POST /api/services for " + name + " answered " + status);
                paged.mapped.add(name);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            paged.close();
            throw e;
        }
        return Optional.of(paged);
    }

    @Override
    public void close() {
        for (String name : mapped) {
            try {
                call(ctx, request(ctx, "/api/services/" + name).DELETE());
            } catch (IOException | InterruptedException e) {
                ctx.report.note("(e) could not remove the service mapping " + name + ": " + e);
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                return;
            }
        }
        mapped.clear();
    }

    private static HttpRequest.Builder request(Ctx ctx, String path) {
        return HttpRequest.newBuilder(ctx.intake.resolve(path)).timeout(CALL_TIMEOUT)
                .header("Authorization", "Bearer " + ctx.adminToken);
    }

    private static HttpResponse<String> call(Ctx ctx, HttpRequest.Builder request) throws IOException,
            InterruptedException {
        return ctx.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
