package io.incidentops.comms.warroom;

import io.incidentops.comms.incident.TrackedIncident;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The summary pinned in the war room ({@code templates/WarRoomSummary/summary.txt}): incident id, severity, title,
 * commander when known, video and document links. The title is alert text: the Slack calls escape the whole text.
 */
@CheckedTemplate(basePath = "WarRoomSummary")
public final class WarRoomSummary {

    private WarRoomSummary() {
    }

    public static native TemplateInstance summary(WarRoom room, TrackedIncident incident);

    /** @param incident null when comms never heard of its declaration */
    static String text(WarRoom room, TrackedIncident incident) {
        return summary(room, incident).render().strip();
    }
}
