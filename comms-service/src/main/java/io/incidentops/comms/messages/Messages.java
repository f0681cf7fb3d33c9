package io.incidentops.comms.messages;

import io.incidentops.comms.config.CommsConfig;
import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.PirRequirement;
import io.incidentops.events.model.Severity;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * Every message comms sends, worded as the incident-response runbook words them (seed steps 3 and 8). Bodies are
 * plain-text Qute templates under {@code templates/Messages/}; this class only prepares their values.
 */
@ApplicationScoped
public class Messages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance initialTitle(String service, String issue);

        static native TemplateInstance initialBody(String impact, String nextUpdate);

        static native TemplateInstance identifiedBody(String nextUpdate);

        static native TemplateInstance monitoringBody();

        static native TemplateInstance investigatingBody(String nextUpdate);

        static native TemplateInstance reopenedBody(String nextUpdate);

        static native TemplateInstance resolvedTitle(String service);

        static native TemplateInstance resolvedBody(String service, String rootCause, String duration);

        static native TemplateInstance declaredNotice(String severity, String incidentId, String title, String service,
                                                      String type, String impact, String responseTarget,
                                                      String description, String statusPage);

        static native TemplateInstance resolutionNotice(String severity, String incidentId, String title, String service,
                                                        String duration, String rootCause, String resolvedBy, String pir);
    }

    @Inject
    CommsConfig config;

    public String initialTitle(String service, String issue) {
        return render(Templates.initialTitle(service, issue));
    }

    /** "We are investigating reports of ..." with the customer impact (or the summary) as one clause. */
    public String initialBody(String impact) {
        return render(Templates.initialBody(clause(impact), nextUpdate()));
    }

    public String identifiedBody() {
        return render(Templates.identifiedBody(nextUpdate()));
    }

    public String monitoringBody() {
        return render(Templates.monitoringBody());
    }

    public String investigatingBody() {
        return render(Templates.investigatingBody(nextUpdate()));
    }

    public String reopenedBody() {
        return render(Templates.reopenedBody(nextUpdate()));
    }

    public String resolvedTitle(String service) {
        return render(Templates.resolvedTitle(service));
    }

    public String resolvedBody(String service, String rootCause, Duration duration) {
        return render(Templates.resolvedBody(service, rootCauseClause(rootCause), duration(duration)));
    }

    public String declaredNotice(String incidentId, Severity severity, IncidentType type, String title, String service,
                                 String description, String statusPageLink) {
        return render(Templates.declaredNotice(severityLabel(severity), incidentId, orDash(title), orDash(service),
                type == null ? "Unclassified" : type.label(), severity.description(), severity.responseTargetText(),
                blankToNull(description), statusPageLink));
    }

    public String resolutionNotice(String incidentId, Severity severity, String title, String service, Duration duration,
                                   String rootCause, String resolvedBy) {
        PirRequirement pir = severity == null ? PirRequirement.OPTIONAL : severity.pirRequirement();
        return render(Templates.resolutionNotice(severityLabel(severity), incidentId, orDash(title), orDash(service),
                duration(duration), rootCauseClause(rootCause), blankToNull(resolvedBy), pirText(pir)));
    }

    public static String severityLabel(Severity severity) {
        return severity == null ? "P?" : severity.name() + " " + severity.label();
    }

    /** "30 minutes", "1 hour", "90 seconds": the promise in "Next update in ...". */
    String nextUpdate() {
        Duration d = config.updateInterval();
        if (d.toSeconds() % 3600 == 0 && d.toHours() > 0) return plural(d.toHours(), "hour");
        if (d.toSeconds() % 60 == 0 && d.toMinutes() > 0) return plural(d.toMinutes(), "minute");
        return plural(Math.max(1, d.toSeconds()), "second");
    }

    /** Incident length as people read it: "1 h 12 min", "42 min", "under a minute". */
    public static String duration(Duration d) {
        if (d == null || d.isNegative()) return "unknown";
        long minutes = d.toMinutes();
        if (minutes == 0) return "under a minute";
        if (minutes < 60) return minutes + " min";
        long days = d.toDays();
        long hours = d.toHours() % 24;
        String h = (days > 0 ? days + " d " : "") + hours + " h";
        return minutes % 60 == 0 ? h : h + " " + (minutes % 60) + " min";
    }

    private static String pirText(PirRequirement pir) {
        switch (pir) {
            case REQUIRED: return "required within 48 hours";
            case RECOMMENDED: return "recommended within 1 week";
            default: return "optional";
        }
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    /** Text that goes inside a sentence: trimmed, without its own final period. */
    static String clause(String text) {
        String t = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        while (t.endsWith(".")) t = t.substring(0, t.length() - 1).strip();
        return t;
    }

    private static String rootCauseClause(String rootCause) {
        String c = clause(rootCause);
        return c.isEmpty() ? "under investigation; a post-incident review will follow" : c;
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "-" : s.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String render(TemplateInstance template) {
        return template.render().strip();
    }
}
