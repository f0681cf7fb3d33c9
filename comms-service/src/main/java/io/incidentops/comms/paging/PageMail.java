package io.incidentops.comms.paging;

import io.incidentops.events.intake.NotificationRequested;
import io.incidentops.events.model.Responder;
import io.incidentops.events.reporter.PirInviteRequested;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The e-mails of pages, update reminders and PIR invites, as plain-text Qute templates ({@code templates/PageMail/}):
 * the title is alert text, so it is cut to one line; it only ever goes into a text/plain mail to the people involved.
 * Pages and reminders name the incident's war room when there is one.
 */
@CheckedTemplate(basePath = "PageMail")
public final class PageMail {

    private PageMail() {
    }

    public static native TemplateInstance subject(NotificationRequested page);

    public static native TemplateInstance body(NotificationRequested page, WarRoomLink warRoom);

    public static native TemplateInstance reminderSubject(NotificationRequested reminder);

    public static native TemplateInstance reminderBody(NotificationRequested reminder, WarRoomLink warRoom);

    public static native TemplateInstance inviteBody(PirInviteRequested invite, Responder attendee);

    public static String subjectOf(NotificationRequested page) {
        return oneLine(subject(page).render());
    }

    public static String reminderSubjectOf(NotificationRequested reminder) {
        return oneLine(reminderSubject(reminder).render());
    }

    /** A subject quotes alert text: one line, at most 200 characters. */
    public static String oneLine(String text) {
        String s = text == null ? "" : text.strip().replaceAll("[\\r\\n\\t]+", " ");
        return s.length() > 200 ? s.substring(0, 199) + "…" : s;
    }
}
