package io.incidentops.intake.oncall.silence;

import io.incidentops.events.intake.PagingSuppressed;
import io.incidentops.intake.oncall.people.Validation;
import io.incidentops.platform.problem.ConflictException;
import io.incidentops.platform.problem.InvalidInputException;
import io.incidentops.platform.outbox.Outbox;
import io.incidentops.platform.problem.ResourceNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import io.incidentops.platform.transaction.Exists;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Silences and maintenance windows: validated writes with their audit trail, and which of them keeps an incident's
 * escalation from paging now.
 */
@ApplicationScoped
@Transactional
public class Silences {

    static final int MAX_MATCHERS = 32;
    static final int MAX_TEXT = 1024;

    /** A caller's silence, in Alertmanager's terms; {@code recurrence} makes it a maintenance window. */
    public record SilenceInput(List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
                               String comment, Recurrence recurrence) {
    }

    /** Paging is held back by {@code silenceIds} until {@code until}, when the step is tried again. */
    public record Suppressed(List<UUID> silenceIds, Instant until) {
    }

    /** Fired (synchronously, in the expiring transaction) when a silence is expired before its end. */
    public record Expired(UUID silenceId, Instant at) {
    }

    @Inject
    Clock clock;

    @Inject
    IncidentLabels incidentLabels;

    @Inject
    Event<Expired> expired;

    @Inject
    Outbox outbox;

    @Inject
    TransactionSynchronizationRegistry transactions;

    public Silence create(SilenceInput in, String actor) {
        if (in == null) throw new InvalidInputException("body", "is required");
        Instant now = Instant.now(clock);
        Silence s = new Silence();
        s.id = UUID.randomUUID();
        s.matchers = matchers(in.matchers());
        if (in.startsAt() == null) throw new InvalidInputException("startsAt", "is required");
        if (in.endsAt() == null) throw new InvalidInputException("endsAt", "is required");
        Validation.require(in.endsAt().isAfter(in.startsAt()), "endsAt", "must be after startsAt");
        Validation.require(in.endsAt().isAfter(now), "endsAt", "must be in the future");
        // as Alertmanager: a start in the past means now
        s.startsAt = in.startsAt().isBefore(now) ? now : in.startsAt();
        s.endsAt = in.endsAt();
        s.recurrence = in.recurrence() == null ? null : Recurrence.valid(in.recurrence());
        s.createdBy = Validation.text(in.createdBy(), "createdBy", 255);
        s.comment = Validation.text(in.comment(), "comment", MAX_TEXT);
        s.createdAt = now;
        s.updatedAt = now;
        s.persist();
        SilenceAudit.of(s.id, SilenceAudit.CREATED, actor, now, s.comment).persist();
        return s;
    }

    /** Ends it now (an expired one: 409); escalation steps it held back are tried at once. */
    public Silence expire(UUID id, String actor) {
        Silence s = load(id);
        Instant now = Instant.now(clock);
        if (!s.endsAt.isAfter(now)) throw new ConflictException("silence " + id + " has expired already");
        if (s.startsAt.isAfter(now)) s.startsAt = now; // a pending one never starts, as in Alertmanager
        s.endsAt = now;
        s.expiredAt = now;
        s.expiredBy = actor;
        s.updatedAt = now;
        SilenceAudit.of(s.id, SilenceAudit.EXPIRED, actor, now, null).persist();
        expired.fire(new Expired(s.id, now));
        return s;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Silence> find(UUID id) {
        return Silence.findByIdOptional(id);
    }

    /** Newest first; {@code state} null for all of them. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Silence> list(String state) {
        Instant now = Instant.now(clock);
        List<Silence> all = Silence.list("order by createdAt desc, id");
        return state == null ? all : all.stream().filter(s -> s.state(now).equals(state)).toList();
    }

    /** The audit trail, newest first: of one silence, or of all ({@code silenceId} null). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SilenceAudit> audit(UUID silenceId, int offset, int limit) {
        var query = silenceId == null ? SilenceAudit.find("order by at desc, id")
                : SilenceAudit.find("silenceId = ?1 order by at desc, id", silenceId);
        return query.range(offset, offset + limit - 1).list();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long auditSize(UUID silenceId) {
        return silenceId == null ? SilenceAudit.count() : SilenceAudit.count("silenceId", silenceId);
    }

    /** Each time an incident's paging was held back, oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PagingSuppression> suppressionsOf(String incidentId) {
        return PagingSuppression.list("incidentId = ?1 order by suppressedAt, id", incidentId);
    }

    /** Whether one of these suppressions still holds paging back: its wait is not over and its silence still active. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean heldBack(List<PagingSuppression> suppressions, Instant now) {
        return suppressions.stream().filter(p -> p.until.isAfter(now)).map(p -> Silence.<Silence>findById(p.silenceId))
                .anyMatch(s -> s != null && s.activeUntil(now).isPresent());
    }

    /**
     * Whether paging an incident is held back at {@code now}: when every label set of the incident (its firing
     * alerts) is matched by an active silence. It is tried again at the earliest end among the silences used (each
     * alert's longest-running match), so paging resumes when the first of them stops covering an alert.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Suppressed> suppressing(String incidentId, Instant now) {
        List<Silence> active = active(now);
        return active.isEmpty() ? Optional.empty() : suppressing(active, incidentLabels.of(incidentId), now);
    }

    /**
     * The same for an incident declared in the caller's transaction and not yet written: its one label set is its
     * first alert's labels, with the incident's service and team where the alert has none.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Suppressed> suppressing(Map<String, String> firstAlertLabels, String service, String team,
            Instant now) {
        List<Silence> active = active(now);
        return active.isEmpty() ? Optional.empty()
                : suppressing(active, List.of(IncidentLabels.withIncident(firstAlertLabels, service, team)), now);
    }

    /**
     * The silences active at {@code now}. The ones not ended are read once per transaction (a writer transaction that
     * declares many incidents asks once per declaration, a few milliseconds apart) and filtered here for each time.
     */
    private List<Silence> active(Instant now) {
        NotEnded read = (NotEnded) transactions.getResource(NotEnded.class);
        if (read == null || now.isBefore(read.at())) {
            read = new NotEnded(now, Silence.list("endsAt > ?1", now));
            transactions.putResource(NotEnded.class, read);
        }
        return read.silences().stream().filter(s -> s.activeUntil(now).isPresent()).toList();
    }

    /** The silences whose end is after {@code at}, as this transaction read them. */
    private record NotEnded(Instant at, List<Silence> silences) {
    }

    private static Optional<Suppressed> suppressing(List<Silence> active, List<Map<String, String>> labelSets,
            Instant now) {
        List<UUID> used = new ArrayList<>();
        Instant until = null;
        for (Map<String, String> labels : labelSets) {
            Optional<Silence> best = active.stream().filter(s -> s.matches(labels))
                    .max(Comparator.comparing((Silence s) -> s.activeUntil(now).orElseThrow()));
            if (best.isEmpty()) return Optional.empty();
            Instant end = best.get().activeUntil(now).orElseThrow();
            if (!used.contains(best.get().id)) used.add(best.get().id);
            until = until == null || end.isBefore(until) ? end : until;
        }
        return until == null ? Optional.empty() : Optional.of(new Suppressed(used, until));
    }

    /** Whether a silence held this escalation step back at some point (it pages late, and says so when it does). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean heldBack(UUID stepId) {
        return Exists.row(PagingSuppression.getEntityManager(), PagingSuppression.class, "paging_suppression",
                "step_id", stepId);
    }

    /**
     * Records that a step paged nobody, one line per silence, and announces it ({@code incident.paging-suppressed}):
     * the timeline must say why nobody was woken.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordSuppressed(String incidentId, UUID stepId, Suppressed s, Instant now) {
        List<PagingSuppressed.Silence> named = new ArrayList<>();
        for (UUID silenceId : s.silenceIds()) {
            Silence silence = Silence.findById(silenceId);
            named.add(new PagingSuppressed.Silence(silenceId.toString(), silence == null ? null : silence.comment,
                    silence == null ? null : silence.createdBy));
            PagingSuppression p = new PagingSuppression();
            p.id = UUID.randomUUID();
            p.incidentId = incidentId;
            p.stepId = stepId;
            p.silenceId = silenceId;
            p.suppressedAt = now;
            p.until = s.until();
            p.persist();
        }
        outbox.publish(new PagingSuppressed(incidentId, stepId.toString(), named, s.until(), now));
    }

    private static List<Matcher> matchers(List<Matcher> in) {
        if (in == null || in.isEmpty()) throw new InvalidInputException("matchers", "must hold at least one matcher");
        if (in.size() > MAX_MATCHERS) throw new InvalidInputException("matchers", "must hold at most " + MAX_MATCHERS + " matchers");
        List<Matcher> out = new ArrayList<>();
        for (int n = 0; n < in.size(); n++) {
            out.add(Matcher.valid(in.get(n), "matchers[" + n + "]"));
        }
        // Alertmanager's rule: a silence made only of matchers that an alert without labels satisfies silences everything
        Validation.require(!out.stream().allMatch(Matcher::matchesEmpty), "matchers",
                "at least one matcher must not match the empty value (it would silence every alert)");
        return out;
    }

    private static Silence load(UUID id) {
        return Silence.<Silence>findByIdOptional(id)
                .orElseThrow(() -> new ResourceNotFoundException("silence " + id + " does not exist"));
    }
}
