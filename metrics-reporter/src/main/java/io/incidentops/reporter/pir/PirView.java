package io.incidentops.reporter.pir;

import io.incidentops.events.model.PirRequirement;
import io.incidentops.reporter.config.ReporterConfig;
import io.incidentops.reporter.mttr.MttrBreakdown;
import io.incidentops.reporter.mttr.MttrResult;
import io.incidentops.reporter.mttr.SlaPolicy;
import io.incidentops.reporter.report.ReportView;
import io.incidentops.reporter.support.Formats;
import io.incidentops.reporter.timeline.IncidentSummary;
import io.incidentops.reporter.timeline.IncidentSummary.MitigationUse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The post-incident review document, pre-filled from the facts the reporter holds; placeholders elsewhere. */
public record PirView(String incidentId, String date, String facilitator, String attendees, String requirement,
                      List<String> summary, List<String> wentWell, List<String> wentWrong,
                      List<ActionItem> actionItems, List<String> prevention, List<String> monitoring) {

    public record ActionItem(String action, String owner, String dueDate, String status) {
    }

    public static PirView of(IncidentSummary s, MttrResult m, ReportView report, SlaPolicy.Targets targets,
                             PirRequirement requirement, Instant dueBy, ReporterConfig.Pir config) {
        MttrBreakdown b = m.breakdown();
        String owner = s.commander == null ? "TBD" : s.commander;
        String itemsDue = Formats.date(dueBy.plus(config.actionItemsDueAfter()));
        String attendees = s.responderList().stream().map(IncidentSummary.Person::name).distinct()
                .collect(Collectors.joining(", "));

        List<String> summary = new ArrayList<>();
        summary.add(report.title());
        summary.add("Severity " + report.severity() + " (" + report.severityText() + "), " + report.type()
                + ", service " + report.service());
        summary.add("Duration " + report.duration() + ", total MTTR " + report.mttr() + " — " + (m.slaMet ? "SLA met" : "SLA missed"));
        summary.add("Root cause: " + report.rootCause());
        summary.add("Alerts: " + report.alerts());
        if (!report.reopened().isEmpty()) {
            summary.add("Reopened " + report.reopened() + " after resolution (" + String.join("; ", report.reopenings()) + ")");
        }

        List<String> well = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        List<ActionItem> actions = new ArrayList<>();
        List<String> monitoring = new ArrayList<>();

        Duration slow = config.slowDetection();
        if (b.detection() != null && b.detection().compareTo(slow) <= 0) {
            well.add("Fast detection: the alert fired " + Formats.duration(b.detection()) + " after impact started");
        } else if (b.detection() != null) {
            wrong.add("Detection took " + Formats.duration(b.detection()) + " (impact start → alert; threshold "
                    + Formats.duration(slow) + ")");
            actions.add(new ActionItem("Alert earlier on " + report.service() + ": detection took "
                    + Formats.duration(b.detection()), owner, itemsDue, "Open"));
            monitoring.add("Detection took " + Formats.duration(b.detection()) + ": add or tune an alert on "
                    + report.service() + " that fires closer to impact start");
        }
        if (targets.response() != null) {
            if (!m.missedList().contains(SlaPolicy.RESPONSE)) {
                well.add("Response within SLA (" + Formats.duration(b.response()) + ", target ≤ "
                        + Formats.duration(targets.response()) + ")");
            } else {
                wrong.add(b.response() == null ? "No acknowledgement by a responder was recorded"
                        : "Response SLA missed: first responder engaged after " + Formats.duration(b.response())
                        + " (target ≤ " + Formats.duration(targets.response()) + ")");
                actions.add(new ActionItem("Review paging and escalation so " + report.severity()
                        + " incidents are acknowledged within " + Formats.duration(targets.response()), owner, itemsDue, "Open"));
            }
        }
        if (targets.resolution() != null) {
            if (!m.missedList().contains(SlaPolicy.RESOLUTION)) {
                well.add("Resolved within the " + report.severity() + " resolution target (" + report.mttr()
                        + ", target ≤ " + Formats.duration(targets.resolution()) + ")");
            } else {
                wrong.add("Resolution target missed: total MTTR " + report.mttr() + " (target ≤ "
                        + Formats.duration(targets.resolution()) + ")");
                actions.add(new ActionItem("Shorten time to recovery for " + report.service()
                        + " (runbook, automation, capacity)", owner, itemsDue, "Open"));
            }
        }
        List<MitigationUse> mitigations = s.mitigationList();
        for (MitigationUse u : mitigations) {
            String what = u.actionLabel() + (u.target() == null ? "" : " on " + u.target());
            if ("applied".equals(u.outcome())) {
                well.add("Mitigation worked: " + what);
            } else {
                wrong.add("Mitigation failed: " + what + (u.detail() == null ? "" : " (" + u.detail() + ")"));
                actions.add(new ActionItem("Find out why \"" + what + "\" failed and repair that mitigation path",
                        owner, itemsDue, "Open"));
            }
        }
        if (!report.runbooks().isEmpty()) well.add("Runbook followed: " + String.join(", ", report.runbooks()));
        if (s.escalations > 0) wrong.add("Escalations needed: " + s.escalations);
        if (!report.reopened().isEmpty()) {
            wrong.add("The incident came back after it was resolved: reopened " + report.reopened() + " ("
                    + String.join("; ", report.reopenings()) + ")");
            actions.add(new ActionItem("Find out why the incident came back after it was resolved (reopened "
                    + report.reopened() + ") and what would have shown recovery was incomplete", owner, itemsDue, "Open"));
        }

        actions.add(new ActionItem(report.rootCauseKnown() ? "Fix the root cause: " + report.rootCause()
                : "Establish the root cause", owner, itemsDue, "Open"));

        List<String> prevention = new ArrayList<>();
        if (report.rootCauseKnown()) prevention.add("Prevent a recurrence of: " + report.rootCause());

        return new PirView(s.incidentId, Formats.date(dueBy) + " (due by " + Formats.time(dueBy) + ")", owner,
                attendees.isEmpty() ? "TBD" : attendees, requirement.name(), summary, well, wrong, actions, prevention,
                monitoring);
    }
}
