package io.incidentops.reporter.timeline;

import io.incidentops.events.IncidentEventData;
import io.incidentops.events.comms.NotificationSent;
import io.incidentops.events.comms.StatusPageUpdated;
import io.incidentops.events.comms.UpdateDue;
import io.incidentops.events.comms.WarRoomArchived;
import io.incidentops.events.comms.WarRoomCreated;
import io.incidentops.events.executor.DiagnosticsCollected;
import io.incidentops.events.executor.EscalationRequested;
import io.incidentops.events.executor.MitigationApplied;
import io.incidentops.events.executor.MitigationApprovalRequested;
import io.incidentops.events.executor.MitigationApproved;
import io.incidentops.events.executor.MitigationFailed;
import io.incidentops.events.executor.MitigationRejected;
import io.incidentops.events.executor.RecoveryFailed;
import io.incidentops.events.executor.RecoveryVerified;
import io.incidentops.events.executor.RunbookCompleted;
import io.incidentops.events.executor.RunbookStarted;
import io.incidentops.events.executor.RunbookStepCompleted;
import io.incidentops.events.intake.AlertActivity;
import io.incidentops.events.intake.AlertAttached;
import io.incidentops.events.intake.AlertsResolved;
import io.incidentops.events.intake.CommanderAssigned;
import io.incidentops.events.intake.IncidentAcknowledged;
import io.incidentops.events.intake.IncidentDeclared;
import io.incidentops.events.intake.IncidentEscalated;
import io.incidentops.events.intake.IncidentReopened;
import io.incidentops.events.intake.IncidentResolved;
import io.incidentops.events.intake.PagingSuppressed;
import io.incidentops.events.intake.RespondersPaged;
import io.incidentops.events.intake.SeverityChanged;
import io.incidentops.events.intake.StatusChanged;
import io.incidentops.events.intake.WarRoomOpened;
import io.incidentops.events.model.GroupedAlert;
import io.incidentops.events.model.MitigationAction;
import io.incidentops.events.model.Responder;
import io.incidentops.events.reporter.PirInviteRequested;
import io.incidentops.events.reporter.PirScheduled;
import io.incidentops.events.reporter.ReportPublished;
import io.incidentops.platform.messaging.ReceivedEvent;
import io.incidentops.reporter.support.Formats;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** When an event happened in business terms, and one line a human can read on a timeline. */
public record EventFacts(Instant occurredAt, String description) {

    /** How many changed alerts an {@code incident.alert-activity} line names; the rest are counted. */
    static final int CHANGED_NAMED = 3;

    public static EventFacts of(ReceivedEvent event) {
        IncidentEventData d = event.data();
        if (d instanceof IncidentDeclared e) {
            return at(event, first(e.detectedAt(), e.startedAt()), "Incident declared: " + or(e.title(), "(untitled)")
                    + " [" + or(e.severity(), "severity unknown") + (e.type() == null ? "" : ", " + e.type().label()) + "]"
                    + (e.service() == null ? "" : " on " + e.service())
                    + (e.source() == null ? "" : ", detected via " + e.source()));
        }
        if (d instanceof AlertActivity e) {
            return at(event, first(e.from(), e.to()), activity(e));
        }
        if (d instanceof AlertsResolved e) {
            return at(event, e.resolvedAt(), (e.alerts() == 1 ? "The alert" : "All " + e.alerts() + " alerts")
                    + " resolved; monitoring until recovery is verified");
        }
        // intake no longer emits it (incident.alert-activity summarises repeats); kept for the records written before
        if (d instanceof AlertAttached e) {
            return at(event, first(e.receivedAt(), e.endsAt(), e.startsAt()), "Alert " + or(e.alertStatus(), "received")
                    + " attached" + (e.source() == null ? "" : " from " + e.source())
                    + (e.summary() == null ? "" : ": " + e.summary()));
        }
        if (d instanceof SeverityChanged e) {
            return at(event, e.changedAt(), "Severity changed " + or(e.previous(), "?") + " → " + or(e.current(), "?")
                    + (e.reason() == null ? "" : ": " + e.reason()) + (e.changedBy() == null ? "" : " (by " + e.changedBy() + ")"));
        }
        if (d instanceof IncidentEscalated e) {
            return at(event, e.escalatedAt(), "Escalated" + (e.emergencyMode() ? ", emergency mode enabled" : "")
                    + (e.reason() == null ? "" : ": " + e.reason()));
        }
        if (d instanceof RespondersPaged e) {
            return at(event, e.pagedAt(), "Responders paged: " + people(e.responders()));
        }
        if (d instanceof PagingSuppressed e) {
            return at(event, e.suppressedAt(), "Paging held back until " + Formats.time(e.until()) + " by "
                    + e.silences().stream().map(EventFacts::silence).collect(Collectors.joining(", ")));
        }
        if (d instanceof CommanderAssigned e) {
            return at(event, e.assignedAt(), "Incident commander assigned: "
                    + (e.commander() == null ? "unknown" : e.commander().name()));
        }
        if (d instanceof WarRoomOpened e) {
            return at(event, e.openedAt(), "War room opened: " + or(e.channel(), "(no channel)")
                    + (e.videoUrl() == null ? "" : ", video " + e.videoUrl())
                    + (e.documentUrl() == null ? "" : ", document " + e.documentUrl()));
        }
        if (d instanceof IncidentAcknowledged e) {
            return at(event, e.acknowledgedAt(), "Acknowledged by " + or(e.responder(), "a responder"));
        }
        if (d instanceof StatusChanged e) {
            return at(event, e.changedAt(), "Status " + or(e.previous(), "?") + " → " + or(e.current(), "?")
                    + (e.reason() == null ? "" : ": " + e.reason()));
        }
        if (d instanceof IncidentResolved e) {
            return at(event, e.resolvedAt(), "Incident resolved" + (e.resolvedBy() == null ? "" : " by " + e.resolvedBy())
                    + (e.rootCause() == null ? "" : "; root cause: " + e.rootCause()));
        }
        if (d instanceof IncidentReopened e) {
            return at(event, e.reopenedAt(), "Incident reopened" + (e.reason() == null ? "" : ": " + e.reason()));
        }
        if (d instanceof DiagnosticsCollected e) {
            int deployments = e.recentDeployments() == null ? 0 : e.recentDeployments().size();
            return at(event, e.collectedAt(), "Diagnostics collected: health " + or(e.healthStatus(), "unknown")
                    + ", " + deployments + " recent deployment" + (deployments == 1 ? "" : "s")
                    + (e.errorRate() == null ? "" : ", error rate " + e.errorRate())
                    + (e.likelyCause() == null ? "" : ", likely cause: " + e.likelyCause()));
        }
        if (d instanceof RunbookStarted e) {
            return at(event, e.startedAt(), "Runbook " + or(e.runbook(), "?")
                    + (e.runbookVersion() == null ? "" : " v" + e.runbookVersion()) + " started"
                    + (e.steps() == null ? "" : " (" + e.steps().size() + (e.steps().size() == 1 ? " step)" : " steps)")));
        }
        if (d instanceof RunbookStepCompleted e) {
            return at(event, e.completedAt(), "Runbook " + or(e.runbook(), "?") + " step " + e.step()
                    + (e.title() == null ? "" : " \"" + e.title() + "\"") + " " + or(e.outcome(), "done")
                    + (e.detail() == null ? "" : ": " + e.detail()));
        }
        if (d instanceof RunbookCompleted e) {
            return at(event, e.completedAt(), "Runbook " + or(e.runbook(), "?") + " " + or(e.outcome(), "completed"));
        }
        if (d instanceof MitigationApplied e) {
            return at(event, e.appliedAt(), "Mitigation applied: " + label(e.action())
                    + (e.target() == null ? "" : " on " + e.target()) + (e.detail() == null ? "" : " (" + e.detail() + ")"));
        }
        if (d instanceof MitigationFailed e) {
            return at(event, e.failedAt(), "Mitigation failed: " + label(e.action())
                    + (e.target() == null ? "" : " on " + e.target()) + (e.reason() == null ? "" : ": " + e.reason()));
        }
        if (d instanceof MitigationApprovalRequested e) {
            return at(event, e.requestedAt(), "Mitigation awaits a commander's approval: " + label(e.action())
                    + (e.target() == null ? "" : " on " + e.target())
                    + (e.workload() == null ? "" : " (Deployment " + e.workload() + ")")
                    + (e.summary() == null ? "" : ", " + e.summary())
                    + (e.approvalReason() == null ? "" : "; " + e.approvalReason())
                    + (e.requestedBy() == null ? "" : "; requested by " + e.requestedBy()));
        }
        if (d instanceof MitigationApproved e) {
            return at(event, e.approvedAt(), "Mitigation approved by " + or(e.approvedBy(), "?") + ": "
                    + label(e.action()) + (e.target() == null ? "" : " on " + e.target()));
        }
        if (d instanceof MitigationRejected e) {
            return at(event, e.rejectedAt(), "Mitigation rejected by " + or(e.rejectedBy(), "?") + ": "
                    + label(e.action()) + (e.target() == null ? "" : " on " + e.target())
                    + (e.reason() == null ? "" : " (" + e.reason() + ")"));
        }
        if (d instanceof EscalationRequested e) {
            return at(event, e.requestedAt(), "Escalation requested" + (e.reason() == null ? "" : ": " + e.reason()));
        }
        if (d instanceof RecoveryVerified e) {
            return at(event, e.verifiedAt(), "Recovery verified" + (e.checks() == null ? "" : " (" + e.checks() + ")")
                    + (e.stableFor() == null ? "" : ", stable for " + Formats.duration(e.stableFor())));
        }
        if (d instanceof RecoveryFailed e) {
            return at(event, e.failedAt(), "Recovery not verified" + (e.reason() == null ? "" : ": " + e.reason()));
        }
        if (d instanceof StatusPageUpdated e) {
            return at(event, e.updatedAt(), "Status page updated: " + or(e.status(), "?")
                    + (e.title() == null ? "" : " — " + e.title()));
        }
        if (d instanceof NotificationSent e && "page".equals(e.kind())) {
            return at(event, e.sentAt(), "Paged " + or(e.destination(), "a responder") + " via " + or(e.channel(), "?"));
        }
        if (d instanceof NotificationSent e) {
            return at(event, e.sentAt(), "Notification sent via " + or(e.channel(), "?") + " to " + or(e.audience(), "?")
                    + (e.kind() == null ? "" : " (" + e.kind() + ")"));
        }
        if (d instanceof UpdateDue e) {
            return at(event, null, "Next customer update due at " + Formats.time(e.dueAt()));
        }
        if (d instanceof WarRoomCreated e) {
            return at(event, e.createdAt(), "War room created on " + or(e.platform(), "?") + ": "
                    + or(e.channelName(), "?") + (e.url() == null ? "" : " (" + e.url() + ")"));
        }
        if (d instanceof WarRoomArchived e) {
            return at(event, e.archivedAt(), "War room archived: " + or(e.channelName(), "?"));
        }
        if (d instanceof ReportPublished e) {
            return at(event, e.publishedAt(), "Incident report published (" + or(e.format(), "?") + ")");
        }
        if (d instanceof PirScheduled e) {
            return at(event, e.scheduledAt(), "Post-incident review " + or(e.requirement(), "?") + ", due "
                    + Formats.time(e.dueBy()));
        }
        if (d instanceof PirInviteRequested e) {
            return at(event, e.requestedAt(), "Post-incident review invite for " + Formats.time(e.start()) + " sent to "
                    + count(e.attendees().size(), "person", "people"));
        }
        return at(event, null, event.type().shortName());
    }

    /**
     * "N deliveries of M alerts between t1 and t2", then what changed when something did: "K new", "R resolved",
     * and the summaries of the first few changed alerts.
     */
    static String activity(AlertActivity e) {
        StringBuilder out = new StringBuilder()
                .append(count(e.deliveries(), "delivery", "deliveries")).append(" of ")
                .append(count(e.alerts(), "alert", "alerts"))
                .append(" between ").append(Formats.time(e.from())).append(" and ").append(Formats.time(e.to()));
        if (e.newAlerts() > 0) out.append(", ").append(e.newAlerts()).append(" new");
        if (e.resolvedAlerts() > 0) out.append(", ").append(e.resolvedAlerts()).append(" resolved");
        List<GroupedAlert> named = e.changed().stream().limit(CHANGED_NAMED).toList();
        if (!named.isEmpty()) {
            out.append(": ").append(named.stream()
                    .map(a -> or(a.summary(), or(a.dedupKey(), "an alert")) + (a.status() == null ? "" : " (" + a.status() + ")"))
                    .collect(Collectors.joining("; ")));
            long more = e.changed().size() - named.size() + (long) Math.max(0, e.changedOmitted());
            if (more > 0) out.append("; ").append(more).append(" more changed");
        }
        return out.toString();
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    public static String label(MitigationAction action) {
        return action == null ? "unknown action" : action.label();
    }

    static String people(List<Responder> responders) {
        if (responders == null || responders.isEmpty()) return "nobody";
        return responders.stream().filter(Objects::nonNull)
                .map(r -> r.name() + " (" + r.role() + ")").collect(Collectors.joining(", "));
    }

    private static EventFacts at(ReceivedEvent event, Instant businessTime, String description) {
        return new EventFacts(businessTime != null ? businessTime : event.time(), description);
    }

    private static Instant first(Instant... candidates) {
        for (Instant c : candidates) {
            if (c != null) return c;
        }
        return null;
    }

    /** "silence 'DB upgrade' (alice)"; the id when it has no comment. */
    private static String silence(PagingSuppressed.Silence s) {
        String what = s.comment() == null || s.comment().isBlank() ? s.id() : "'" + s.comment() + "'";
        return "silence " + what + (s.createdBy() == null ? "" : " (" + s.createdBy() + ")");
    }

    private static String or(Object value, String fallback) {
        return value == null ? fallback : value.toString();
    }
}
