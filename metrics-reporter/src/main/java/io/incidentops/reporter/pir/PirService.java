package io.incidentops.reporter.pir;

import io.incidentops.events.model.PirRequirement;
import io.incidentops.events.model.Severity;
import io.incidentops.events.reporter.PirScheduled;
import io.incidentops.platform.outbox.Outbox;
import io.incidentops.reporter.config.ReporterConfig;
import io.incidentops.reporter.mttr.MttrResult;
import io.incidentops.reporter.mttr.SlaPolicy;
import io.incidentops.reporter.report.ReportDocument;
import io.incidentops.reporter.report.ReportFiles;
import io.incidentops.reporter.report.ReportView;
import io.incidentops.reporter.support.Formats;
import io.incidentops.reporter.timeline.IncidentSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Seed step 11: P0/P1 REQUIRED within 48 h of resolution, P2 RECOMMENDED within a week, P3/P4 OPTIONAL (no document).
 * Writes the PIR document and a calendar invite for the review, then announces {@code pir.scheduled}.
 */
@ApplicationScoped
@Transactional
public class PirService {

    @Inject
    ReportFiles files;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    ReporterConfig config;

    @Inject
    MeterRegistry registry;

    public Optional<ReportDocument> schedule(IncidentSummary s, MttrResult m, ReportView report, SlaPolicy.Targets targets,
                                             Severity severity) {
        PirRequirement requirement = severity == null ? PirRequirement.OPTIONAL : severity.pirRequirement();
        if (requirement.within().isEmpty()) {
            return Optional.empty();
        }
        Instant now = Instant.now(clock);
        Instant dueBy = m.resolvedAt.plus(requirement.within().get());
        PirView view = PirView.of(s, m, report, targets, requirement, dueBy, config.pir());
        String markdown = PirRenderer.Templates.pir(view).render();
        String id = ReportFiles.safe(s.incidentId);
        Path document = files.write("pir-" + id + "-" + Formats.date(m.resolvedAt) + ".md", markdown);
        files.write("pir-" + id + ".ics", CalendarInvite.of(s.incidentId, report.title(), dueBy,
                config.pir().meetingDuration(), "Post-incident review (" + requirement + ") of " + s.incidentId
                        + ". Document: " + document, now));

        ReportDocument doc = ReportDocument.find(s.incidentId, ReportDocument.PIR).orElseGet(ReportDocument::new);
        boolean isNew = doc.incidentId == null;
        doc.incidentId = s.incidentId;
        doc.kind = ReportDocument.PIR;
        doc.location = document.toString();
        doc.content = markdown;
        doc.requirement = requirement.name();
        doc.dueBy = dueBy;
        doc.renderedAt = now;
        if (isNew) doc.persist();

        outbox.publish(new PirScheduled(s.incidentId, requirement, dueBy, document.toString(), now));
        registry.counter("incidentops.reporter.documents", "kind", ReportDocument.PIR).increment();
        return Optional.of(doc);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> markdown(String incidentId) {
        return ReportDocument.find(incidentId, ReportDocument.PIR).map(d -> d.content);
    }
}
