package io.incidentops.executor.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a Statuspage v2 {@code summary.json}: {@code page}, {@code status.indicator} (none, minor, major, critical,
 * maintenance) with its description, {@code components[]} ({@code name}, {@code status}: operational,
 * degraded_performance, partial_outage, major_outage, under_maintenance) and {@code incidents[]} (unresolved ones).
 */
final class StatuspageSummary {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, VendorState> INDICATOR = Map.of("none", VendorState.UP, "minor", VendorState.DEGRADED,
            "major", VendorState.DOWN, "critical", VendorState.DOWN, "maintenance", VendorState.MAINTENANCE);
    private static final Map<String, VendorState> COMPONENT = Map.of("operational", VendorState.UP,
            "degraded_performance", VendorState.DEGRADED, "partial_outage", VendorState.DOWN,
            "major_outage", VendorState.DOWN, "under_maintenance", VendorState.MAINTENANCE);
    private static final Set<String> CLOSED = Set.of("resolved", "postmortem", "completed");
    private static final int MAX_INCIDENTS = 10;

    private StatuspageSummary() {
    }

    /** @param components the watched components' names (case-insensitive); empty = the overall indicator */
    static VendorStatus parse(String dependency, String url, byte[] body, List<String> components, Instant now) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            return unknown(dependency, url, "not a Statuspage summary.json", now);
        }
        if (root == null || !root.path("status").has("indicator")) {
            return unknown(dependency, url, "not a Statuspage summary.json (no status.indicator)", now);
        }
        String page = text(root.path("page").path("name"));
        List<VendorStatus.VendorIncident> incidents = incidents(root.path("incidents"));
        if (components.isEmpty()) {
            VendorState state = INDICATOR.getOrDefault(root.path("status").path("indicator").asText(), VendorState.UNKNOWN);
            return new VendorStatus(dependency, url, state, page, text(root.path("status").path("description")),
                    incidents, state == VendorState.UNKNOWN ? "unknown indicator" : null, now);
        }
        Set<String> watched = components.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        VendorState worst = VendorState.UP;
        List<String> seen = new ArrayList<>();
        for (JsonNode c : root.path("components")) {
            String name = c.path("name").asText("");
            if (!watched.contains(name.toLowerCase(Locale.ROOT))) continue;
            String status = c.path("status").asText("");
            seen.add(name + " " + status);
            VendorState state = COMPONENT.getOrDefault(status, VendorState.UNKNOWN);
            if (state.ordinal() > worst.ordinal()) worst = state;
        }
        if (seen.isEmpty()) return unknown(dependency, url, "none of the components " + components + " is on the page", now);
        return new VendorStatus(dependency, url, worst, page, String.join(", ", seen), incidents, null, now);
    }

    static VendorStatus unknown(String dependency, String url, String why, Instant now) {
        return new VendorStatus(dependency, url, VendorState.UNKNOWN, null, null, List.of(), why, now);
    }

    private static List<VendorStatus.VendorIncident> incidents(JsonNode incidents) {
        List<VendorStatus.VendorIncident> out = new ArrayList<>();
        for (JsonNode i : incidents) {
            if (out.size() == MAX_INCIDENTS) break;
            String status = i.path("status").asText("");
            if (CLOSED.contains(status)) continue;
            out.add(new VendorStatus.VendorIncident(text(i.path("name")), status, text(i.path("impact")),
                    text(i.path("shortlink")), time(i.path("updated_at"))));
        }
        return out;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return null;
        String s = node.asText();
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static Instant time(JsonNode node) {
        try {
            return node.isTextual() ? OffsetDateTime.parse(node.asText()).toInstant() : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
