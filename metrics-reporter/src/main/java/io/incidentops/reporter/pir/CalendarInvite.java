package io.incidentops.reporter.pir;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

/** The PIR meeting as an RFC 5545 calendar (ical4j): one VEVENT starting at the review's due time, in UTC. */
final class CalendarInvite {

    private CalendarInvite() {
    }

    static String of(String incidentId, String title, Instant start, Duration length, String description, Instant now) {
        VEvent event = new VEvent(start, start.plus(length), "Post-Incident Review: " + incidentId + " — " + title);
        event.add(new Uid("pir-" + incidentId + "@incidentops"));
        event.replace(new DtStamp(now));
        event.add(new Description(description));
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//IncidentOps//metrics-reporter//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(ImmutableMethod.PUBLISH);
        calendar.add(event);
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
