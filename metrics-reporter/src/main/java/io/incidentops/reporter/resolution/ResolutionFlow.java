package io.incidentops.reporter.resolution;

import io.incidentops.events.intake.IncidentResolved;
import io.incidentops.reporter.document.DocumentStore;
import io.incidentops.reporter.mttr.MttrResult;
import io.incidentops.reporter.mttr.MttrService;
import io.incidentops.reporter.pir.PirService;
import io.incidentops.reporter.report.ReportService;
import io.incidentops.reporter.report.ReportView;
import io.incidentops.reporter.timeline.IncidentSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * What the reporter does when an incident is resolved, in this order: the MTTR breakdown and SLA result (seed step 9),
 * the incident report that shows them (step 10), then the post-incident review built on the report (step 11) when
 * the severity asks for one. All of it in the transaction of the {@code incident.resolved} event, so the stored
 * results and the events announcing the documents commit together. A reopening undoes it until the next resolution.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ResolutionFlow {

    @Inject
    MttrService mttr;

    @Inject
    ReportService reports;

    @Inject
    PirService reviews;

    @Inject
    DocumentStore documents;

    public void resolved(IncidentSummary summary, IncidentResolved event, Instant eventTime) {
        MttrResult result = mttr.computeOnResolution(summary, event, eventTime);
        ReportView report = reports.publish(summary, result);
        reviews.scheduleIfRequired(summary, result, report);
    }

    /**
     * A reopened incident is not resolved: its MTTR and documents are taken back until the next resolution computes
     * them again, from the same start (the summary keeps {@code startedAt}) to that resolution.
     */
    public void reopened(String incidentId) {
        mttr.forget(incidentId);
        documents.withdraw(incidentId);
    }
}
