package io.incidentops.executor.vendor;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one dependency's status page said: its state, the page's own words ({@code description}, e.g. "Partial System
 * Outage", or the watched components' statuses), its unresolved incidents, or why it could not be read.
 */
public record VendorStatus(String dependency, String statusUrl, VendorState state, String page, String description,
                           List<VendorIncident> incidents, String error, Instant checkedAt) {

    /** An unresolved incident of the page ({@code incidents[]} of summary.json). */
    public record VendorIncident(String name, String status, String impact, String shortlink, Instant updatedAt) {
    }

    public boolean down() {
        return state == VendorState.DOWN;
    }

    /** One line for people: "stripe DOWN (Major System Outage; incident "Elevated API errors": identified, major)". */
    public String line() {
        if (state == VendorState.UNKNOWN) return dependency + " UNKNOWN (" + error + ")";
        StringBuilder sb = new StringBuilder(dependency).append(' ').append(state);
        String incidentText = incidents.stream().limit(3)
                .map(i -> "incident \"" + i.name() + "\": " + i.status() + (i.impact() == null ? "" : ", " + i.impact())
                        + (i.shortlink() == null ? "" : " " + i.shortlink()))
                .collect(Collectors.joining("; "));
        String inside = description == null ? incidentText : incidentText.isEmpty() ? description : description + "; " + incidentText;
        return inside.isEmpty() ? sb.toString() : sb.append(" (").append(inside).append(')').toString();
    }
}
