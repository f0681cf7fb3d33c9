package io.incidentops.console.api;

import io.incidentops.console.services.ServiceRefusal;
import jakarta.ws.rs.ProcessingException;

import java.util.function.Supplier;

/**
 * One part of a page that another service provides (the runbook from the executor, the timeline from the reporter):
 * when that service does not know the incident yet, refuses or is down, the page still shows the rest, and says so
 * where the part would be. In an outage a console that shows what it can beats one that shows an error.
 */
public record Section<T>(T value, String note) {

    public boolean available() {
        return value != null;
    }

    static <T> Section<T> load(Supplier<T> call, String whenUnknown) {
        try {
            T value = call.get();
            return value == null ? new Section<>(null, whenUnknown) : new Section<>(value, null);
        } catch (ServiceRefusal refusal) {
            if (refusal.notFound()) return new Section<>(null, whenUnknown);
            return new Section<>(null, refusal.service() + " refused (" + refusal.status() + ")"
                    + (refusal.detail() == null ? "" : ": " + refusal.detail()));
        } catch (ProcessingException unreachable) {
            return new Section<>(null, "Not available right now: the service did not answer.");
        }
    }
}
