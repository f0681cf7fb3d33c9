package io.incidentops.reporter.timeline.messaging;

import io.incidentops.events.intake.IncidentReopened;
import io.incidentops.events.intake.IncidentResolved;
import io.incidentops.platform.messaging.IncidentEventHandler;
import io.incidentops.platform.messaging.ReceivedEvent;
import io.incidentops.reporter.mttr.MttrService;
import io.incidentops.reporter.report.ReportService;
import io.incidentops.reporter.timeline.IncidentSummary;
import io.incidentops.reporter.timeline.TimelineProjection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/** Runs inside the processor's transaction: every event goes on the timeline; resolution triggers MTTR and documents. */
@ApplicationScoped
public class IncidentReactions implements IncidentEventHandler {

    @Inject
    TimelineProjection projection;

    @Inject
    ReportService reports;

    @Inject
    MttrService mttr;

    @Override
    public void on(ReceivedEvent event) {
        Optional<IncidentSummary> summary = projection.apply(event);
        if (summary.isEmpty()) return;
        if (event.data() instanceof IncidentResolved resolved) {
            reports.onResolved(summary.get(), resolved, event.time());
        } else if (event.data() instanceof IncidentReopened) {
            mttr.forget(event.subject());
        }
    }
}
