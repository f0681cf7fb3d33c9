package io.incidentops.reporter.messaging;

import io.incidentops.events.intake.IncidentReopened;
import io.incidentops.events.intake.IncidentResolved;
import io.incidentops.platform.messaging.IncidentEventHandler;
import io.incidentops.platform.messaging.ReceivedEvent;
import io.incidentops.reporter.resolution.ResolutionFlow;
import io.incidentops.reporter.timeline.IncidentSummary;
import io.incidentops.reporter.timeline.TimelineProjection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * The reporter's incident-events handler, inside the processor's transaction: every event goes on the timeline;
 * a resolution runs the resolution flow, a reopening takes the MTTR and documents back until the next resolution.
 */
@ApplicationScoped
public class IncidentReactions implements IncidentEventHandler {

    @Inject
    TimelineProjection timeline;

    @Inject
    ResolutionFlow resolution;

    @Override
    public void on(ReceivedEvent event) {
        Optional<IncidentSummary> summary = timeline.apply(event);
        if (summary.isEmpty()) return;
        if (event.data() instanceof IncidentResolved resolved) {
            resolution.resolved(summary.get(), resolved, event.time());
        } else if (event.data() instanceof IncidentReopened) {
            resolution.reopened(event.subject());
        }
    }
}
