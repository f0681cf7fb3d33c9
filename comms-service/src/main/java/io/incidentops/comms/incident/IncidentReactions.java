package io.incidentops.comms.incident;

import io.incidentops.comms.messages.Messages;
import io.incidentops.comms.notification.Audience;
import io.incidentops.comms.notification.Kind;
import io.incidentops.comms.notification.NotificationService;
import io.incidentops.comms.statuspage.PageIncident;
import io.incidentops.comms.statuspage.StatusPageService;
import io.incidentops.events.intake.IncidentDeclared;
import io.incidentops.events.intake.IncidentReopened;
import io.incidentops.events.intake.IncidentResolved;
import io.incidentops.events.intake.SeverityChanged;
import io.incidentops.events.intake.StatusChanged;
import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.Severity;
import io.incidentops.platform.messaging.PoisonRecordException;
import io.incidentops.platform.messaging.IncidentEventHandler;
import io.incidentops.platform.messaging.ReceivedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What comms does for each incident event (runs inside the consumer's transaction):
 * <ul>
 * <li>declared P0/P1: public incident "investigating" (seed step 3) + responders webhook; P2: stakeholders webhook;
 * P3/P4: responders webhook only (nothing public);</li>
 * <li>status IDENTIFIED/MITIGATING → "identified", MONITORING → "monitoring", back to INVESTIGATING → "investigating";</li>
 * <li>resolved: public incident "resolved" (seed step 8) + resolution notice to stakeholders, any severity;</li>
 * <li>severity raised to P0/P1 opens the public incident; any change moves its impact and component;</li>
 * <li>reopened: the public incident goes back to "investigating".</li>
 * </ul>
 */
@ApplicationScoped
public class IncidentReactions implements IncidentEventHandler {

    private static final Logger LOG = Logger.getLogger(IncidentReactions.class);

    @Inject
    StatusPageService statusPage;

    @Inject
    NotificationService notifications;

    @Inject
    Messages messages;

    @Inject
    Clock clock;

    @Override
    public void on(ReceivedEvent event) {
        if (event.data() instanceof IncidentDeclared d) {
            declared(d);
        } else if (event.data() instanceof StatusChanged s) {
            statusChanged(s);
        } else if (event.data() instanceof IncidentResolved r) {
            resolved(r);
        } else if (event.data() instanceof SeverityChanged s) {
            severityChanged(s);
        } else if (event.data() instanceof IncidentReopened r) {
            reopened(r);
        }
    }

    void declared(IncidentDeclared d) {
        if (d.severity() == null) {
            throw new PoisonRecordException("incident.declared " + d.incidentId() + " has no severity");
        }
        if (TrackedIncident.findById(d.incidentId()) != null) {
            LOG.infof("%s declared again: already known, nothing sent twice", d.incidentId());
            return;
        }
        TrackedIncident t = new TrackedIncident();
        t.incidentId = d.incidentId();
        t.title = d.title();
        t.description = d.description();
        t.service = d.service();
        t.incidentType = d.type() == null ? null : d.type().name();
        t.severity = d.severity().name();
        t.customerImpact = d.customerImpact();
        t.startedAt = d.startedAt() != null ? d.startedAt() : d.detectedAt();
        t.declaredAt = Instant.now(clock);
        t.persist();

        Severity severity = d.severity();
        if (severity.isHighSeverity()) {
            PageIncident page = openPublicIncident(t);
            notifications.webhook(t.incidentId, Audience.RESPONDERS, Kind.INITIAL, subject("declared", t),
                    messages.declaredNotice(t.incidentId, severity, d.type(), t.title, t.service, t.description, page.shortlink));
        } else if (severity == Severity.P2) {
            notifications.webhook(t.incidentId, Audience.STAKEHOLDERS, Kind.INITIAL, subject("declared", t),
                    messages.declaredNotice(t.incidentId, severity, d.type(), t.title, t.service, t.description, null));
        } else {
            notifications.webhook(t.incidentId, Audience.RESPONDERS, Kind.INITIAL, subject("declared", t),
                    messages.declaredNotice(t.incidentId, severity, d.type(), t.title, t.service, t.description, null));
        }
    }

    private PageIncident openPublicIncident(TrackedIncident t) {
        String service = serviceName(t);
        String title = messages.initialTitle(service, issue(t));
        String impact = firstNonBlank(t.customerImpact, t.description, t.title, "issues with " + service);
        return statusPage.open(t.incidentId, Severity.parse(t.severity), service, title, messages.initialBody(impact),
                t.startedAt);
    }

    void statusChanged(StatusChanged s) {
        if (s.current() == null) return;
        Optional<PageIncident> found = PageIncident.forIncident(s.incidentId()).filter(PageIncident::isOpen);
        if (found.isEmpty()) return;
        PageIncident page = found.get();
        switch (s.current()) {
            case IDENTIFIED:
            case MITIGATING:
                if (PageIncident.INVESTIGATING.equals(page.status)) {
                    statusPage.update(page, PageIncident.IDENTIFIED, messages.identifiedBody());
                }
                break;
            case MONITORING:
                if (!PageIncident.MONITORING.equals(page.status)) {
                    statusPage.update(page, PageIncident.MONITORING, messages.monitoringBody());
                }
                break;
            case INVESTIGATING:
                if (!PageIncident.INVESTIGATING.equals(page.status)) {
                    statusPage.update(page, PageIncident.INVESTIGATING, messages.investigatingBody());
                }
                break;
            default:
                // DECLARED adds nothing; RESOLVED arrives with incident.resolved and its root cause
                break;
        }
    }

    void resolved(IncidentResolved r) {
        TrackedIncident t = TrackedIncident.findById(r.incidentId());
        Instant resolvedAt = r.resolvedAt() != null ? r.resolvedAt() : Instant.now(clock);
        Instant startedAt = firstNonNull(r.startedAt(), t == null ? null : t.startedAt, r.detectedAt());
        Duration duration = startedAt == null ? null : Duration.between(startedAt, resolvedAt);
        String service = firstNonBlank(r.service(), t == null ? null : t.service, "Platform");
        String title = firstNonBlank(r.title(), t == null ? null : t.title, r.incidentId());
        Severity severity = r.severity() != null ? r.severity() : t == null ? null : Severity.parse(t.severity);
        if (t != null) {
            if (t.resolvedAt != null && t.resolvedAt.equals(resolvedAt)) return; // the same resolution, sent again
            t.resolvedAt = resolvedAt;
        }

        PageIncident.forIncident(r.incidentId()).filter(PageIncident::isOpen).ifPresent(page ->
                statusPage.resolve(page, messages.resolvedTitle(service),
                        messages.resolvedBody(service, r.rootCause(), duration), resolvedAt));
        notifications.webhook(r.incidentId(), Audience.STAKEHOLDERS, Kind.RESOLUTION,
                "[" + Messages.severityLabel(severity) + "] " + r.incidentId() + " resolved: " + title,
                messages.resolutionNotice(r.incidentId(), severity, title, service, duration, r.rootCause(), r.resolvedBy()));
    }

    void severityChanged(SeverityChanged s) {
        if (s.current() == null) return;
        TrackedIncident t = TrackedIncident.findById(s.incidentId());
        if (t != null) t.severity = s.current().name();
        Optional<PageIncident> page = PageIncident.forIncident(s.incidentId());
        if (page.isPresent()) {
            if (page.get().isOpen()) statusPage.changeSeverity(page.get(), s.current());
        } else if (s.current().isHighSeverity() && t != null && t.resolvedAt == null) {
            // escalated to P0/P1: customers hear about it now
            openPublicIncident(t);
        }
    }

    void reopened(IncidentReopened r) {
        TrackedIncident t = TrackedIncident.findById(r.incidentId());
        if (t != null) t.resolvedAt = null;
        PageIncident.forIncident(r.incidentId()).filter(p -> !p.isOpen()).ifPresent(page ->
                statusPage.reopen(page, t == null ? page.name : messages.initialTitle(serviceName(t), issue(t)),
                        messages.reopenedBody()));
    }

    private String subject(String what, TrackedIncident t) {
        return "[" + Messages.severityLabel(Severity.parse(t.severity)) + "] " + t.incidentId + " " + what + ": "
                + firstNonBlank(t.title, serviceName(t));
    }

    private static String serviceName(TrackedIncident t) {
        return firstNonBlank(t.service, "Platform");
    }

    /** The "issue" of "<service> experiencing <issue>": the incident title, else words for its type. */
    private static String issue(TrackedIncident t) {
        if (t.title != null && !t.title.isBlank()) return t.title.strip();
        IncidentType type = t.incidentType == null ? null : IncidentType.valueOf(t.incidentType);
        if (type == null) return "issues";
        switch (type) {
            case SERVICE_OUTAGE: return "an outage";
            case PERFORMANCE_DEGRADATION: return "degraded performance";
            case SECURITY_INCIDENT: return "a security issue";
            case DATA_LOSS: return "data issues";
            case THIRD_PARTY_FAILURE: return "issues with a third-party provider";
            case INFRASTRUCTURE_FAILURE: return "infrastructure issues";
            default: return "issues after a recent change";
        }
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v.strip();
        return null;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) if (v != null) return v;
        return null;
    }
}
