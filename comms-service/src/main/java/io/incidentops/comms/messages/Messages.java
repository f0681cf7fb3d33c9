package io.incidentops.comms.messages;

import io.incidentops.comms.incident.FailedRecovery;
import io.incidentops.comms.incident.Reopening;
import io.incidentops.comms.incident.Resolution;
import io.incidentops.comms.incident.TrackedIncident;
import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.PirRequirement;
import io.incidentops.events.model.Severity;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Every message comms sends, worded as the incident-response runbook words them (seed steps 3 and 8). Titles,
 * subjects and bodies are plain-text Qute templates under {@code templates/Messages/}; this class only picks and
 * prepares their values (what to say when a field is missing, how a duration or an incident type reads).
 */
@ApplicationScoped
public class Messages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance initialTitle(String component, String issue);

        static native TemplateInstance initialBody(String component, String issue, String nextUpdate);

        static native TemplateInstance identifiedBody(String nextUpdate);

        static native TemplateInstance monitoringBody();

        static native TemplateInstance investigatingBody(String nextUpdate);

        static native TemplateInstance reopenedBody(String nextUpdate);

        static native TemplateInstance alertsClearedBody();

        static native TemplateInstance recoveryFailedBody(String nextUpdate);

        static native TemplateInstance recoveryFailedSubject(String severity, String incidentId, String reason);

        static native TemplateInstance recoveryFailedNotice(String severity, String incidentId, String reason,
                                                            String title, String service, String commander,
                                                            String statusPage);

        static native TemplateInstance commanderBody(String text);

        static native TemplateInstance resolvedTitle(String component);

        static native TemplateInstance resolvedBody(String component, String duration);

        static native TemplateInstance declaredSubject(String severity, String incidentId, String title);

        static native TemplateInstance declaredNotice(String severity, String incidentId, String title, String service,
                                                      String type, String impact, String responseTarget,
                                                      String description, String customerImpact,
                                                      String statusPage);

        static native TemplateInstance resolutionSubject(String severity, String incidentId, String title);

        static native TemplateInstance resolutionNotice(String severity, String incidentId, String title, String service,
                                                        String duration, String rootCause, String resolvedBy, String pir);

        static native TemplateInstance reopenedSubject(String severity, String incidentId, String reason);

        static native TemplateInstance reopenedNotice(String severity, String incidentId, String reason, String title,
                                                      String service, String statusPage);
    }

    /*
     * Public text (titles and bodies of the status page) is made only of the public component's name, chosen by an
     * operator, and Statuspage's words for the impact: never an alert's summary, description, labels or URLs, nor a
     * root cause written for responders. Internal notices further down carry those.
     */

    /**
     * "<component> experiencing <issue>": the public incident's title while it is open.
     *
     * @param component the public component's name; null when the incident is shown against none
     * @param issue     the customer-impact words ("a partial outage")
     */
    public String initialTitle(String component, String issue) {
        return render(Templates.initialTitle(component, issue));
    }

    /** "We are investigating reports of <issue> affecting <component>..." */
    public String initialBody(String component, String issue, Duration nextUpdate) {
        return render(Templates.initialBody(component, issue, nextUpdate(nextUpdate)));
    }

    public String identifiedBody(Duration nextUpdate) {
        return render(Templates.identifiedBody(nextUpdate(nextUpdate)));
    }

    public String monitoringBody() {
        return render(Templates.monitoringBody());
    }

    public String investigatingBody(Duration nextUpdate) {
        return render(Templates.investigatingBody(nextUpdate(nextUpdate)));
    }

    /** "This issue has returned...": the public update of a reopened incident, back to investigating. */
    public String reopenedBody(Duration nextUpdate) {
        return render(Templates.reopenedBody(nextUpdate(nextUpdate)));
    }

    /** Every alert resolved at its source: what customers are told while recovery is being verified. */
    public String alertsClearedBody() {
        return render(Templates.alertsClearedBody());
    }

    /**
     * A fix that did not hold ({@code recovery.failed}): customers were told "a fix has been implemented", now that the
     * investigation continues. The executor's reason is for responders and never appears here.
     */
    public String recoveryFailedBody(Duration nextUpdate) {
        return render(Templates.recoveryFailedBody(nextUpdate(nextUpdate)));
    }

    public String recoveryFailedSubject(FailedRecovery failed) {
        return render(Templates.recoveryFailedSubject(severityLabel(failed.severity()), failed.incidentId(),
                orElse(clause(failed.reason()), "no reason given")));
    }

    /** The internal notice of a failed recovery, addressed to the commander when one is known. */
    public String recoveryFailedNotice(FailedRecovery failed, String statusPageLink) {
        TrackedIncident incident = failed.incident();
        return render(Templates.recoveryFailedNotice(severityLabel(failed.severity()), failed.incidentId(),
                orElse(clause(failed.reason()), "no reason given"), orDash(incident == null ? null : incident.title),
                incident == null ? "-" : incident.serviceName(), failed.commander().orElse(null), statusPageLink));
    }

    /** A commander's own words, as customers read them. */
    public String commanderBody(String text) {
        return render(Templates.commanderBody(text.replace("\r\n", "\n").strip()));
    }

    /** "<component> issue resolved": the public incident's title once resolved (seed step 8). */
    public String resolvedTitle(String component) {
        return render(Templates.resolvedTitle(component));
    }

    /**
     * Seed step 8 without its root cause: that is written for responders (it may name hosts, deploys, people) and
     * goes to the internal resolution notice; a commander tells customers the cause in their own update.
     */
    public String resolvedBody(String component, Resolution resolution) {
        return render(Templates.resolvedBody(component, duration(resolution.duration())));
    }

    public String declaredSubject(TrackedIncident incident) {
        return render(Templates.declaredSubject(severityLabel(incident.severity), incident.incidentId,
                orElse(incident.title, incident.serviceName())));
    }

    /** The internal notice of a new incident; the status-page link only when the incident is public. */
    public String declaredNotice(TrackedIncident incident, String statusPageLink) {
        Severity severity = incident.severity;
        IncidentType type = incident.incidentType;
        return render(Templates.declaredNotice(severityLabel(severity), incident.incidentId, orDash(incident.title),
                orDash(incident.service), type == null ? "Unclassified" : type.label(), severity.description(),
                severity.responseTargetText(), blankToNull(incident.description),
                blankToNull(incident.customerImpact), statusPageLink));
    }

    public String resolutionSubject(Resolution resolution) {
        return render(Templates.resolutionSubject(severityLabel(resolution.severity()), resolution.incidentId(),
                resolution.title()));
    }

    public String resolutionNotice(Resolution resolution) {
        Severity severity = resolution.severity();
        PirRequirement pir = severity == null ? PirRequirement.OPTIONAL : severity.pirRequirement();
        return render(Templates.resolutionNotice(severityLabel(severity), resolution.incidentId(),
                orDash(resolution.title()), orDash(resolution.service()), duration(resolution.duration()),
                rootCauseClause(resolution.rootCause()), blankToNull(resolution.resolvedBy()), pirText(pir)));
    }

    public String reopenedSubject(Reopening reopening) {
        return render(Templates.reopenedSubject(severityLabel(reopening.severity()), reopening.incidentId(),
                reason(reopening)));
    }

    /** The internal notice of a reopened incident: "reopened: <reason>"; the status-page link when it is public. */
    public String reopenedNotice(Reopening reopening, String statusPageLink) {
        TrackedIncident incident = reopening.incident();
        return render(Templates.reopenedNotice(severityLabel(reopening.severity()), reopening.incidentId(),
                reason(reopening), orDash(incident == null ? null : incident.title),
                incident == null ? "-" : incident.serviceName(), statusPageLink));
    }

    private static String reason(Reopening reopening) {
        return orElse(clause(reopening.reason()), "no reason given");
    }

    static String severityLabel(Severity severity) {
        return severity == null ? "P?" : severity.name() + " " + severity.label();
    }

    /** "30 minutes", "1 hour", "90 seconds": the promise in "Next update in ...", the incident's real interval. */
    static String nextUpdate(Duration d) {
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
        return orElse(s, "-");
    }

    /** The text, stripped; the fallback when there is none. */
    private static String orElse(String text, String fallback) {
        return text == null || text.isBlank() ? fallback : text.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String render(TemplateInstance template) {
        return template.render().strip();
    }
}
