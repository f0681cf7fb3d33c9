package io.incidentops.comms.paging;

import io.incidentops.events.intake.NotificationRequested;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The text of a page or update reminder on a channel other than e-mail, as Qute templates
 * ({@code templates/ChannelText/}): short, with the incident id, severity and title; the ack link is the only URL
 * (in an SMS; chat and push carry it as their button or click action). The title is alert text: cut to one short line
 * here, escaped by the voice template (TwiML is XML) and by the Slack sender (its control characters).
 */
@CheckedTemplate(basePath = "ChannelText")
public final class ChannelText {

    /** Title characters kept in an SMS: with the rest, the message stays under {@link #SMS_MAX}. */
    static final int SMS_TITLE = 100;
    /** Characters of one SMS text (two concatenated segments): pages, owner pages and approval notices alike. */
    public static final int SMS_MAX = 320;

    private ChannelText() {
    }

    public static native TemplateInstance chat(NotificationRequested page, String title, boolean reminder,
                                               WarRoomLink warRoom);

    public static native TemplateInstance sms(NotificationRequested page, String title, boolean reminder,
                                              WarRoomLink warRoom);

    public static native TemplateInstance voice(NotificationRequested page, String title, boolean reminder,
                                                WarRoomLink warRoom);

    /**
     * The body stored for this request's channel: TwiML for {@code phone}, an SMS for {@code sms}, else chat text; each
     * names the war room (null: none), an SMS only where it still fits (the ack link matters more).
     */
    static String of(NotificationRequested r, WarRoomLink warRoom) {
        boolean reminder = NotificationRequested.UPDATE_REMINDER.equals(r.purpose());
        String title = PageMail.oneLine(r.title() == null || r.title().isBlank() ? "Incident" : r.title());
        return switch (r.channel()) {
            case "sms" -> {
                String text = PageMail.oneLine(sms(r, cut(title, SMS_TITLE), reminder, warRoom).render());
                if (text.length() > SMS_MAX) text = PageMail.oneLine(sms(r, cut(title, SMS_TITLE), reminder, null).render());
                yield fitSms(text);
            }
            case "phone" -> voice(r, cut(title, SMS_TITLE), reminder, warRoom).render().strip();
            default -> chat(r, title, reminder, warRoom).render().strip();
        };
    }

    /** The text cut, where it must be, to what one SMS carries, an ellipsis saying so. */
    public static String fitSms(String text) {
        return text.length() > SMS_MAX ? text.substring(0, SMS_MAX - 1) + "…" : text;
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max - 1) + "…" : s;
    }
}
