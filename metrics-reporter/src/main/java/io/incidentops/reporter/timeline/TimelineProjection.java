package io.incidentops.reporter.timeline;

import io.incidentops.events.EventCodec;
import io.incidentops.events.IncidentEventData;
import io.incidentops.events.executor.DiagnosticsCollected;
import io.incidentops.events.executor.MitigationApplied;
import io.incidentops.events.executor.MitigationFailed;
import io.incidentops.events.executor.RecoveryVerified;
import io.incidentops.events.executor.RunbookCompleted;
import io.incidentops.events.executor.RunbookStarted;
import io.incidentops.events.intake.AlertActivity;
import io.incidentops.events.intake.AlertAttached;
import io.incidentops.events.intake.CommanderAssigned;
import io.incidentops.events.intake.IncidentAcknowledged;
import io.incidentops.events.intake.IncidentDeclared;
import io.incidentops.events.intake.IncidentEscalated;
import io.incidentops.events.intake.IncidentReopened;
import io.incidentops.events.intake.IncidentResolved;
import io.incidentops.events.intake.NotificationRequested;
import io.incidentops.events.intake.RespondersPaged;
import io.incidentops.events.intake.SeverityChanged;
import io.incidentops.events.intake.StatusChanged;
import io.incidentops.events.intake.WarRoomOpened;
import io.incidentops.events.model.GroupedAlert;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.Responder;
import io.incidentops.platform.messaging.ReceivedEvent;
import io.incidentops.platform.transaction.AfterCommit;
import io.incidentops.reporter.timeline.IncidentSummary.MitigationUse;
import io.incidentops.reporter.timeline.IncidentSummary.Person;
import io.incidentops.reporter.timeline.IncidentSummary.RunbookUse;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Folds every event into the timeline and the incident's summary. */
@ApplicationScoped
@Transactional
public class TimelineProjection {

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    @Inject
    AfterCommit afterCommit;

    /** Records the event; returns the incident's summary, or empty when this event ID was already on the timeline. */
    public Optional<IncidentSummary> apply(ReceivedEvent event) {
        if (TimelineEntry.exists(event.id())) {
            return Optional.empty(); // the inbox already stops redeliveries; this guards a replayed inbox
        }
        EventFacts facts = EventFacts.of(event);
        TimelineEntry entry = new TimelineEntry();
        entry.incidentId = event.subject();
        entry.eventId = event.id();
        entry.type = event.type().shortName();
        entry.source = event.source();
        entry.occurredAt = facts.occurredAt();
        entry.receivedAt = Instant.now(clock);
        entry.description = facts.description();
        entry.data = EventCodec.encode(event.data());
        entry.persist();

        IncidentSummary summary = IncidentSummary.find(event.subject()).orElseGet(() -> {
            IncidentSummary created = new IncidentSummary();
            created.incidentId = event.subject();
            created.updatedAt = Instant.now(clock);
            created.persist();
            return created;
        });
        fold(summary, event.data());
        summary.updatedAt = Instant.now(clock);

        String type = entry.type;
        afterCommit.run(() -> registry.counter("incidentops.reporter.timeline.events", "type", type).increment());
        return Optional.of(summary);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TimelineEntry> timeline(String incidentId) {
        return TimelineEntry.forIncident(incidentId);
    }

    private static void fold(IncidentSummary s, IncidentEventData d) {
        if (d instanceof IncidentDeclared e) {
            s.title = keep(e.title(), s.title);
            s.description = keep(e.description(), s.description);
            s.service = keep(e.service(), s.service);
            s.severity = keep(e.severity(), s.severity);
            s.type = keep(e.type(), s.type);
            s.status = keep(e.status(), s.status == null ? IncidentStatus.DECLARED : s.status);
            s.alertSource = keep(e.source(), s.alertSource);
            s.customerImpact = keep(e.customerImpact(), s.customerImpact);
            s.startedAt = keep(e.startedAt(), s.startedAt);
            s.detectedAt = keep(e.detectedAt(), s.detectedAt);
            s.affectedUsers = keep(label(e.labels(), "affected_users", "affectedUsers"), s.affectedUsers);
        } else if (d instanceof AlertActivity e) {
            s.alertSource = keep(s.alertSource, e.changed().stream().map(GroupedAlert::source).filter(Objects::nonNull)
                    .findFirst().orElse(null));
        } else if (d instanceof AlertAttached e) {
            s.alertSource = keep(s.alertSource, e.source());
        } else if (d instanceof SeverityChanged e) {
            s.severity = keep(e.current(), s.severity);
        } else if (d instanceof IncidentEscalated e) {
            s.escalations++;
            s.severity = keep(s.severity, e.severity());
        } else if (d instanceof RespondersPaged e) {
            if (e.responders() != null) e.responders().forEach(r -> addPerson(s, r));
            s.severity = keep(s.severity, e.severity());
        } else if (d instanceof CommanderAssigned e) {
            if (e.commander() != null) {
                s.commander = e.commander().name();
                addPerson(s, e.commander());
            }
        } else if (d instanceof NotificationRequested e) {
            // people paged by e-mail are invited to the review with the roster's responders
            if (NotificationRequested.PAGE.equals(e.purpose()) && "email".equals(e.channel()) && e.address() != null) {
                addPerson(s, new Responder(e.userName() != null ? e.userName() : String.valueOf(e.userId()), "paged",
                        e.address()));
            }
        } else if (d instanceof WarRoomOpened e) {
            s.warRoom = keep(e.channel(), s.warRoom);
        } else if (d instanceof IncidentAcknowledged e) {
            if (s.acknowledgedAt == null || (e.acknowledgedAt() != null && e.acknowledgedAt().isBefore(s.acknowledgedAt))) {
                s.acknowledgedAt = e.acknowledgedAt(); // the first responder engaged ends the response phase
                s.acknowledgedBy = e.responder();
            }
        } else if (d instanceof StatusChanged e) {
            s.status = keep(e.current(), s.status);
        } else if (d instanceof IncidentResolved e) {
            s.status = IncidentStatus.RESOLVED;
            s.rootCause = keep(e.rootCause(), s.rootCause);
            s.title = keep(s.title, e.title());
            s.service = keep(s.service, e.service());
            s.severity = keep(e.severity(), s.severity);
            s.type = keep(s.type, e.type());
            s.startedAt = keep(s.startedAt, e.startedAt());
            s.detectedAt = keep(s.detectedAt, e.detectedAt());
            s.acknowledgedAt = keep(s.acknowledgedAt, e.acknowledgedAt());
            s.mitigatedAt = keep(e.mitigatedAt(), s.mitigatedAt);
            s.resolvedAt = keep(e.resolvedAt(), s.resolvedAt);
        } else if (d instanceof IncidentReopened) {
            s.status = IncidentStatus.INVESTIGATING;
            s.resolvedAt = null;
            s.recoveredAt = null;
        } else if (d instanceof DiagnosticsCollected e) {
            s.errorRate = keep(e.errorRate(), s.errorRate);
            s.latency = keep(e.latency(), s.latency);
            s.changes = keep(ChangesText.of(e.recentDeployments()), s.changes);
            s.thirdParty = keep(e.thirdParty(), s.thirdParty);
        } else if (d instanceof RunbookStarted e) {
            List<RunbookUse> runbooks = s.runbookList();
            runbooks.add(new RunbookUse(e.runId(), e.runbook(), e.runbookVersion(), "started"));
            s.runbookList(runbooks);
        } else if (d instanceof RunbookCompleted e) {
            List<RunbookUse> runbooks = s.runbookList();
            runbooks.replaceAll(r -> r.runId() != null && r.runId().equals(e.runId())
                    ? new RunbookUse(r.runId(), r.name(), r.version(), e.outcome()) : r);
            s.runbookList(runbooks);
        } else if (d instanceof MitigationApplied e) {
            // the latest applied mitigation is the one that worked (an earlier one may have been followed by recovery.failed)
            s.mitigatedAt = e.appliedAt() != null ? e.appliedAt() : s.mitigatedAt;
            addMitigation(s, new MitigationUse(e.mitigationId(), name(e.action()), EventFacts.label(e.action()),
                    e.target(), e.detail(), "applied", e.appliedAt()));
        } else if (d instanceof MitigationFailed e) {
            addMitigation(s, new MitigationUse(e.mitigationId(), name(e.action()), EventFacts.label(e.action()),
                    e.target(), e.reason(), "failed", e.failedAt()));
        } else if (d instanceof RecoveryVerified e) {
            s.recoveredAt = keep(e.verifiedAt(), s.recoveredAt);
        }
    }

    private static void addPerson(IncidentSummary s, Responder r) {
        List<Person> people = s.responderList();
        boolean known = people.stream().anyMatch(p -> p.name().equals(r.name()) && p.role().equals(r.role()));
        if (!known) {
            people.add(new Person(r.name(), r.role(), r.contact()));
            s.responderList(people);
        }
    }

    private static void addMitigation(IncidentSummary s, MitigationUse use) {
        List<MitigationUse> list = s.mitigationList();
        list.add(use);
        s.mitigationList(list);
    }

    private static String label(Map<String, String> labels, String... keys) {
        if (labels == null) return null;
        for (String k : keys) {
            if (labels.get(k) != null) return labels.get(k);
        }
        return null;
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static <T> T keep(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }
}
