package io.incidentops.reporter.timeline;

import io.incidentops.events.EventCodec;
import io.incidentops.events.EventType;
import io.incidentops.events.intake.AlertActivity;
import io.incidentops.events.intake.AlertsResolved;

import java.util.List;

/**
 * How many distinct alerts and deliveries an incident grouped, from the alert events on its timeline: the declaring
 * alert (one alert, one delivery), plus each {@code incident.alert-activity}'s deliveries and new alerts, plus one
 * delivery per {@code incident.alert-attached} of the records written before intake summarised repeats. An
 * {@code incident.alerts-resolved} names intake's own count of distinct alerts, which the sum never goes below.
 */
public record AlertTally(int alerts, long deliveries) {

    static final String ACTIVITY = EventType.INCIDENT_ALERT_ACTIVITY.shortName();
    static final String ALL_RESOLVED = EventType.INCIDENT_ALERTS_RESOLVED.shortName();
    static final String ATTACHED = EventType.INCIDENT_ALERT_ATTACHED.shortName();

    public static AlertTally of(List<TimelineEntry> entries) {
        int alerts = 1;
        int counted = 0;
        long deliveries = 1;
        for (TimelineEntry e : entries) {
            if (ACTIVITY.equals(e.type)) {
                AlertActivity a = EventCodec.decode(AlertActivity.class, e.data);
                alerts += Math.max(0, a.newAlerts());
                deliveries += Math.max(0, a.deliveries());
            } else if (ATTACHED.equals(e.type)) {
                deliveries++;
            } else if (ALL_RESOLVED.equals(e.type)) {
                counted = Math.max(counted, EventCodec.decode(AlertsResolved.class, e.data).alerts());
            }
        }
        return new AlertTally(Math.max(alerts, counted), deliveries);
    }

    /** "4 distinct alerts and 17 deliveries grouped into this incident." */
    public String text() {
        return alerts + (alerts == 1 ? " distinct alert" : " distinct alerts") + " and " + deliveries
                + (deliveries == 1 ? " delivery" : " deliveries") + " grouped into this incident.";
    }
}
