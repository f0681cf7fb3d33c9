package io.incidentops.reporter.pir;

import io.incidentops.events.model.PirRequirement;
import io.incidentops.events.model.Severity;
import io.incidentops.events.model.Responder;
import io.incidentops.events.reporter.PirInviteRequested;
import io.incidentops.events.reporter.PirScheduled;
import io.incidentops.platform.outbox.Outbox;
import io.incidentops.reporter.config.ReporterConfig;
import io.incidentops.reporter.document.DocumentStore;
import io.incidentops.reporter.document.ReportDocument;
import io.incidentops.reporter.document.ReportFiles;
import io.incidentops.reporter.mttr.MttrResult;
import io.incidentops.reporter.mttr.SlaPolicy;
import io.incidentops.reporter.report.ReportView;
import io.incidentops.reporter.support.Formats;
import io.incidentops.reporter.timeline.IncidentSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Seed step 11: P0/P1 REQUIRED within 48 h of resolution, P2 RECOMMENDED within a week, P3/P4 OPTIONAL (no document).
 * Writes the PIR document, built on the incident report, and a calendar invite for the review, then announces
 * {@code pir.scheduled}.
 */
@ApplicationScoped
@Transactional
public class PirService {

    @Inject
    DocumentStore documents;

    @Inject
    SlaPolicy sla;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    ReporterConfig config;

    /** Schedules the review when the severity asks for one; empty when it does not. */
    public Optional<ReportDocument> scheduleIfRequired(IncidentSummary s, MttrResult m, ReportView report) {
        Severity severity = m.severity;
        PirRequirement requirement = severity == null ? PirRequirement.OPTIONAL : severity.pirRequirement();
        if (requirement.within().isEmpty()) {
            return Optional.empty();
        }
        Instant now = Instant.now(clock);
        Instant dueBy = m.resolvedAt.plus(requirement.within().get());
        PirView view = PirView.of(s, m, report, sla.targets(severity), requirement, dueBy, config.pir());
        String markdown = PirRenderer.Templates.pir(view).render();
        String id = ReportFiles.safe(s.incidentId);
        ReportDocument doc = documents.save(s.incidentId, ReportDocument.PIR,
                "pir-" + id + "-" + Formats.date(m.resolvedAt) + ".md", markdown, now);
        doc.requirement = requirement;
        doc.dueBy = dueBy;
        outbox.publish(new PirScheduled(s.incidentId, requirement, dueBy, doc.location, now));
        invite(s, report, requirement, m.resolvedAt, dueBy, now);
        return Optional.of(doc);
    }

    /**
     * The review's calendar invite: stored and written as {@code pir-<id>.ics}, and, when anyone can be mailed,
     * announced as {@code pir.invite-requested} for comms to deliver (comms delivers every message; the reporter only
     * knows who took part). A re-resolution after a reopening sends the same meeting again with a higher SEQUENCE.
     */
    private void invite(IncidentSummary s, ReportView report, PirRequirement requirement, Instant resolvedAt,
                        Instant dueBy, Instant now) {
        ReporterConfig.Pir pir = config.pir();
        ReviewSlot slot = ReviewSlot.before(dueBy, pir.meetingDuration(), resolvedAt, pir.timeZone(), pir.workdayStart(),
                pir.workdayEnd());
        Responder organizer = ReviewAttendees.organizer(pir.organizer());
        List<Responder> attendees = ReviewAttendees.of(s);
        int sequence = report.reopenings().size();
        String title = report.title().replaceAll("[\\r\\n\\t]+", " ");
        String subject = "Post-Incident Review: " + s.incidentId + " — " + title;
        String description = "Post-incident review (" + requirement + ", due by " + Formats.time(dueBy) + ") of "
                + s.incidentId + ": " + title + ". The pre-filled PIR: GET /api/incidents/" + s.incidentId
                + "/pir on the reporter.";
        String calendar = CalendarInvite.request(s.incidentId, title, slot, sequence, description, organizer,
                attendees, now);
        documents.save(s.incidentId, ReportDocument.PIR_INVITE, "pir-" + ReportFiles.safe(s.incidentId) + ".ics",
                calendar, now);
        if (attendees.isEmpty()) {
            return;
        }
        String inviteId = UUID.nameUUIDFromBytes(("pir-invite/" + s.incidentId + "/" + sequence)
                .getBytes(StandardCharsets.UTF_8)).toString();
        outbox.publish(new PirInviteRequested(s.incidentId, inviteId, sequence, subject, description, organizer,
                attendees, slot.start(), slot.end(), dueBy, calendar, now));
    }

    /** The invite as {@code text/calendar}, while the PIR stands (not after a reopening). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> calendar(String incidentId) {
        return documents.find(incidentId, ReportDocument.PIR_INVITE).map(d -> d.content);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> markdown(String incidentId) {
        return documents.find(incidentId, ReportDocument.PIR).map(d -> d.content);
    }
}
