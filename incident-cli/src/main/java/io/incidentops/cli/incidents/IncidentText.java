package io.incidentops.cli.incidents;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentops.cli.output.Table;
import io.incidentops.cli.output.Text;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** How an incident (intake's IncidentView) reads on a terminal. */
final class IncidentText {

    private IncidentText() {
    }

    /** One line after an action: {@code INC-...: acknowledged by alice. Status INVESTIGATING, severity P1.} */
    static void outcome(PrintWriter out, JsonNode incident, String what) {
        out.println(Text.safe(incident.path("id").asText()) + ": " + what + ". Status "
                + Text.safe(incident.path("status").asText()) + ", severity " + Text.safe(incident.path("severity").asText())
                + ".");
    }

    /** The incident as a block of {@code key  value} lines under its ID and title. */
    static void details(PrintWriter out, JsonNode i) {
        out.println(Text.safe(i.path("id").asText()) + "  " + Text.safe(i.path("title").asText()));
        Table t = Table.untitled(2).limit(1, 200);
        t.row("severity", join(i.path("severity").asText(null), paren(i.path("severityDescription").asText(null),
                i.path("responseTarget").asText(null))));
        t.row("status", i.path("status").asText(null) + (i.path("emergencyMode").asBoolean() ? " (emergency mode)" : ""));
        t.row("type", i.path("type").asText(null));
        t.row("service", join(i.path("service").asText(null), paren(team(i), null)));
        t.row("commander", person(i.path("commander")));
        List<String> responders = new ArrayList<>();
        i.path("responders").forEach(r -> responders.add(person(r)));
        t.row("responders", responders.isEmpty() ? null : String.join(", ", responders));
        t.row("started", Text.time(i.path("startedAt").asText(null)));
        t.row("detected", Text.time(i.path("detectedAt").asText(null)));
        t.row("acknowledged", by(i, "acknowledgedAt", "acknowledgedBy"));
        t.row("mitigated", Text.time(i.path("mitigatedAt").asText(null)));
        t.row("resolved", by(i, "resolvedAt", "resolvedBy"));
        t.row("root cause", i.path("rootCause").asText(null));
        t.row("impact", i.path("customerImpact").asText(null));
        t.row("alerts", i.path("alertCount").asText(null));
        if (i.path("reopenCount").asInt() > 0) {
            t.row("reopened", i.path("reopenCount").asText() + " time(s)");
        }
        JsonNode room = i.path("warRoom");
        t.row("war room", nonNull(room.path("channel").asText(null), room.path("videoUrl").asText(null),
                room.path("documentUrl").asText(null)));
        t.row("source", i.path("source").asText(null));
        t.print(out);
        String description = i.path("description").asText(null);
        if (description != null && !description.isBlank()) {
            out.println();
            out.println(Text.safeLines(description));
        }
    }

    private static String team(JsonNode i) {
        String team = i.path("team").asText(null);
        return team == null ? null : "team " + team;
    }

    private static String by(JsonNode i, String at, String who) {
        String when = i.path(at).asText(null);
        if (when == null) {
            return null;
        }
        String by = i.path(who).asText(null);
        return Text.time(when) + (by == null ? "" : " by " + by);
    }

    /** {@code Alex Rivera (on-call, alex@example.com)}. */
    private static String person(JsonNode r) {
        if (r == null || r.isNull() || r.isMissingNode()) {
            return null;
        }
        return join(r.path("name").asText(null), paren(r.path("role").asText(null), r.path("contact").asText(null)));
    }

    private static String paren(String a, String b) {
        String inside = nonNull(a, b);
        return inside == null ? null : "(" + inside + ")";
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + " " + b;
    }

    private static String nonNull(String... values) {
        List<String> present = new ArrayList<>();
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                present.add(v);
            }
        }
        return present.isEmpty() ? null : String.join(", ", present);
    }
}
