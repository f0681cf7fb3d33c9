package io.incidentops.events.reporter;

import io.incidentops.events.IncidentEventData;
import io.incidentops.events.model.Responder;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The reporter asks comms to deliver the post-incident review's calendar invite: an RFC 5545 {@code calendar} with
 * {@code METHOD:REQUEST} (organizer, every attendee with RSVP, the proposed slot {@code start}..{@code end} before
 * {@code dueBy}). {@code attendees} are the people to mail, {@code contact} being an e-mail address, as the reporter
 * learnt them from intake's events (commander, responders paged, people paged by e-mail). {@code inviteId} is the same
 * for every delivery of this invite (derived from the incident and {@code sequence}, the calendar's {@code SEQUENCE}:
 * 0, then one more per re-resolution after a reopening), so comms mails each attendee once however often it arrives.
 */
public record PirInviteRequested(String incidentId, String inviteId, int sequence, String subject, String body,
        Responder organizer, List<Responder> attendees, Instant start, Instant end, Instant dueBy, String calendar,
        Instant requestedAt) implements IncidentEventData {
    public PirInviteRequested {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(inviteId, "inviteId");
        attendees = attendees == null ? List.of() : List.copyOf(attendees);
    }
}
