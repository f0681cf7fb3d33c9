package io.incidentops.reporter.report;

import io.incidentops.events.reporter.ReportPublished;
import io.incidentops.platform.outbox.Outbox;
import io.incidentops.reporter.document.DocumentStore;
import io.incidentops.reporter.document.ReportDocument;
import io.incidentops.reporter.document.ReportFiles;
import io.incidentops.reporter.mttr.MttrResult;
import io.incidentops.reporter.mttr.SlaPolicy;
import io.incidentops.reporter.support.Formats;
import io.incidentops.reporter.timeline.IncidentSummary;
import io.incidentops.reporter.timeline.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The incident report (seed step 10) of a resolved incident, rendered from its summary, timeline and MTTR; written
 * and announced ({@code report.published}) in the transaction of the resolution.
 */
@ApplicationScoped
@Transactional
public class ReportService {

    @Inject
    SlaPolicy sla;

    @Inject
    DocumentStore documents;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    /** Renders, writes and announces the report; returns what it shows, for the documents built on it (the PIR). */
    public ReportView publish(IncidentSummary summary, MttrResult mttr) {
        Instant now = Instant.now(clock);
        ReportView view = ReportView.of(summary, mttr, TimelineEntry.forIncident(summary.incidentId),
                sla.targets(mttr.severity), now);
        String markdown = ReportRenderer.Templates.incidentReport(view).render();
        ReportDocument doc = documents.save(summary.incidentId, ReportDocument.INCIDENT_REPORT,
                "incident-" + ReportFiles.safe(summary.incidentId) + "-" + Formats.date(mttr.resolvedAt) + ".md",
                markdown, now);
        outbox.publish(new ReportPublished(summary.incidentId, doc.location, "markdown", now));
        return view;
    }

    /** The stored Markdown report, as written to the file. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> markdown(String incidentId) {
        return documents.find(incidentId, ReportDocument.INCIDENT_REPORT).map(d -> d.content);
    }

    /** The same report as HTML, rendered from the current state (Qute escapes all text). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> html(String incidentId) {
        Optional<ReportDocument> doc = documents.find(incidentId, ReportDocument.INCIDENT_REPORT);
        Optional<IncidentSummary> summary = IncidentSummary.find(incidentId);
        Optional<MttrResult> result = MttrResult.find(incidentId);
        if (doc.isEmpty() || summary.isEmpty() || result.isEmpty()) return Optional.empty();
        ReportView view = ReportView.of(summary.get(), result.get(), TimelineEntry.forIncident(incidentId),
                sla.targets(result.get().severity), doc.get().renderedAt);
        return Optional.of(ReportRenderer.Templates.incidentReportHtml(view).render());
    }
}
