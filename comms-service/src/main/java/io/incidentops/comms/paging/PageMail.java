package io.incidentops.comms.paging;

import io.incidentops.events.intake.NotificationRequested;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The page's e-mail, as plain-text Qute templates ({@code templates/PageMail/}): the title is alert text, so it is
 * cut to one line; it only ever goes into a text/plain mail to the people paged.
 */
@CheckedTemplate(basePath = "PageMail")
public final class PageMail {

    private PageMail() {
    }

    public static native TemplateInstance subject(NotificationRequested page);

    public static native TemplateInstance body(NotificationRequested page);

    public static String subjectOf(NotificationRequested page) {
        String s = subject(page).render().strip().replaceAll("[\\r\\n\\t]+", " ");
        return s.length() > 200 ? s.substring(0, 199) + "…" : s;
    }
}
