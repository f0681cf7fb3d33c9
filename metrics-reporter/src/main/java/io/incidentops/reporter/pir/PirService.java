package io.incidentops.reporter.pir;

import io.incidentops.events.model.PirRequirement;
import io.incidentops.events.model.Severity;
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

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

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
        documents.writeFile("pir-" + id + ".ics", CalendarInvite.of(s.incidentId, report.title(), dueBy,
                config.pir().meetingDuration(), "Post-incident review (" + requirement + ") of " + s.incidentId
                        + ". Document: " + doc.location, now));

        outbox.publish(new PirScheduled(s.incidentId, requirement, dueBy, doc.location, now));
        return Optional.of(doc);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> markdown(String incidentId) {
        return documents.find(incidentId, ReportDocument.PIR).map(d -> d.content);
    }
}
