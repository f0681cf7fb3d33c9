package io.incidentops.reporter.pir;

import io.incidentops.events.model.Responder;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.CuType;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * The PIR meeting as an RFC 5545 / iTIP request (ical4j): {@code METHOD:REQUEST}, one VEVENT in UTC with the
 * organizer and every attendee asked to answer (RSVP). The UID is the incident's, so a later invite (after a
 * reopening, a higher SEQUENCE) updates the same meeting in people's calendars instead of adding one.
 */
final class CalendarInvite {

    private CalendarInvite() {
    }

    static String request(String incidentId, String title, ReviewSlot slot, int sequence, String description,
                          Responder organizer, List<Responder> attendees, Instant now) {
        VEvent event = new VEvent(slot.start(), slot.end(), "Post-Incident Review: " + incidentId + " — " + title);
        event.add(new Uid(uid(incidentId)));
        event.replace(new DtStamp(now));
        event.add(new Sequence(sequence));
        event.add(ImmutableStatus.VEVENT_CONFIRMED);
        event.add(new Description(description));
        event.add(new Organizer(mailto(organizer)).add(new Cn(organizer.name())));
        for (Responder a : attendees) {
            event.add(new Attendee(mailto(a)).add(new Cn(a.name())).add(CuType.INDIVIDUAL)
                    .add(Role.REQ_PARTICIPANT).add(PartStat.NEEDS_ACTION).add(Rsvp.TRUE));
        }
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//IncidentOps//metrics-reporter//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        // iTIP: a REQUEST needs attendees; with nobody to invite the file only publishes the meeting
        calendar.add(attendees.isEmpty() ? ImmutableMethod.PUBLISH : ImmutableMethod.REQUEST);
        calendar.add(event);
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(true).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static String uid(String incidentId) {
        return "pir-" + incidentId + "@incidentops";
    }

    private static URI mailto(Responder person) {
        return URI.create("mailto:" + person.contact());
    }
}
