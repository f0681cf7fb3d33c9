package io.incidentops.reporter.report;

import io.incidentops.events.intake.IncidentResolved;
import io.incidentops.events.model.Severity;
import io.incidentops.events.reporter.ReportPublished;
import io.incidentops.platform.outbox.Outbox;
import io.incidentops.reporter.mttr.MttrResult;
import io.incidentops.reporter.mttr.MttrService;
import io.incidentops.reporter.mttr.SlaPolicy;
import io.incidentops.reporter.pir.PirService;
import io.incidentops.reporter.support.Formats;
import io.incidentops.reporter.timeline.IncidentSummary;
import io.incidentops.reporter.timeline.TimelineEntry;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * On resolution: MTTR (step 9), the incident report (step 10) and the PIR (step 11), in the transaction of the event.
 * Files are written before the commit; they are idempotent (same name, atomic replace), so a rolled-back and retried
 * event just writes them again, and the events announcing them commit with the database state.
 */
@ApplicationScoped
@Transactional
public class ReportService {

    @Inject
    MttrService mttr;

    @Inject
    SlaPolicy sla;

    @Inject
    PirService pir;

    @Inject
    ReportFiles files;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    public void onResolved(IncidentSummary summary, IncidentResolved resolved, Instant eventTime) {
        MttrResult result = mttr.computeOnResolution(summary, resolved, eventTime);
        Severity severity = severity(result);
        SlaPolicy.Targets targets = sla.targets(severity);
        Instant now = Instant.now(clock);
        ReportView view = ReportView.of(summary, result, TimelineEntry.forIncident(summary.incidentId), targets, now);
        String markdown = ReportRenderer.Templates.incidentReport(view).render();
        Path path = files.write("incident-" + ReportFiles.safe(summary.incidentId) + "-"
                + Formats.date(result.resolvedAt) + ".md", markdown);

        ReportDocument doc = ReportDocument.find(summary.incidentId, ReportDocument.INCIDENT_REPORT).orElseGet(ReportDocument::new);
        boolean isNew = doc.incidentId == null;
        doc.incidentId = summary.incidentId;
        doc.kind = ReportDocument.INCIDENT_REPORT;
        doc.location = path.toString();
        doc.content = markdown;
        doc.renderedAt = now;
        if (isNew) doc.persist();
        outbox.publish(new ReportPublished(summary.incidentId, path.toString(), "markdown", now));
        registry.counter("incidentops.reporter.documents", "kind", ReportDocument.INCIDENT_REPORT).increment();

        pir.schedule(summary, result, view, targets, severity);
    }

    /** The stored Markdown report, as written to the file. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> markdown(String incidentId) {
        return ReportDocument.find(incidentId, ReportDocument.INCIDENT_REPORT).map(d -> d.content);
    }

    /** The same report as HTML, rendered from the current state (Qute escapes all text). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> html(String incidentId) {
        Optional<ReportDocument> doc = ReportDocument.find(incidentId, ReportDocument.INCIDENT_REPORT);
        Optional<IncidentSummary> summary = IncidentSummary.find(incidentId);
        Optional<MttrResult> result = MttrResult.find(incidentId);
        if (doc.isEmpty() || summary.isEmpty() || result.isEmpty()) return Optional.empty();
        ReportView view = ReportView.of(summary.get(), result.get(), TimelineEntry.forIncident(incidentId),
                sla.targets(severity(result.get())), doc.get().renderedAt);
        return Optional.of(ReportRenderer.Templates.incidentReportHtml(view).render());
    }

    private static Severity severity(MttrResult result) {
        return result.severity == null ? null : Severity.valueOf(result.severity);
    }
}
