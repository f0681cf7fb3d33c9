package io.incidentops.intake.oncall.schedule;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.incidentops.intake.oncall.people.Ids;
import io.incidentops.intake.oncall.people.OncallUser;
import io.incidentops.intake.oncall.people.Validation;
import io.incidentops.platform.problem.ConflictException;
import io.incidentops.platform.problem.InvalidInputException;
import io.incidentops.platform.problem.ResourceNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Schedules and their overrides: validated writes, "who is on call at t". */
@ApplicationScoped
@Transactional
public class Schedules {

    /** What a caller may set on a schedule (the REST body's and the on-call file's shape). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ScheduleInput(String id, String name, String timeZone,
                                @JsonProperty("schedule_layers") List<RotationLayer> layers) {
    }

    /** The longest span rendered at once: a quarter. */
    public static final Duration MAX_RENDERED = Duration.ofDays(93);

    @Inject
    Clock clock;

    public OncallSchedule create(ScheduleInput in) {
        String id = Ids.orNew(in.id(), "schedule.id");
        if (OncallSchedule.findById(id) != null) throw new ConflictException("schedule " + id + " exists");
        OncallSchedule s = new OncallSchedule();
        s.id = id;
        s.createdAt = Instant.now(clock);
        apply(s, in);
        s.persist();
        return s;
    }

    public OncallSchedule replace(String id, ScheduleInput in) {
        OncallSchedule s = loadForUpdate(id);
        apply(s, in);
        return s;
    }

    public void delete(String id, List<String> usedBy) {
        OncallSchedule s = load(id);
        if (!usedBy.isEmpty()) {
            throw new ConflictException("schedule " + id + " is still used by " + String.join(", ", usedBy));
        }
        s.delete();
    }

    public ScheduleOverride addOverride(String scheduleId, ScheduleOverride in) {
        OncallSchedule s = loadForUpdate(scheduleId);
        Validation.require(in != null, "override", "is required");
        existingUser(in.user(), "override.user");
        Instant start = Validation.instant(in.start(), "override.start");
        Instant end = Validation.instant(in.end(), "override.end");
        Validation.require(end.isAfter(start), "override.end", "must be after start");
        Validation.require(s.overrides.size() < 500, "override", "at most 500 per schedule");
        ScheduleOverride o = new ScheduleOverride(Ids.orNew(null, "override.id"), in.user(), start.toString(), end.toString());
        List<ScheduleOverride> all = new ArrayList<>(s.overrides);
        all.add(o);
        s.overrides = all;
        s.updatedAt = Instant.now(clock);
        return o;
    }

    public void deleteOverride(String scheduleId, String overrideId) {
        OncallSchedule s = loadForUpdate(scheduleId);
        List<ScheduleOverride> rest = s.overrides.stream().filter(o -> !o.id().equals(overrideId)).toList();
        if (rest.size() == s.overrides.size()) {
            throw new ResourceNotFoundException("override " + overrideId + " of schedule " + scheduleId + " does not exist");
        }
        s.overrides = new ArrayList<>(rest);
        s.updatedAt = Instant.now(clock);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<OncallSchedule> find(String id) {
        return OncallSchedule.findByIdOptional(id);
    }

    /** The final schedule over at most {@link #MAX_RENDERED} (who is on call when, overrides applied). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Shift> shifts(String id, Instant since, Instant until) {
        Validation.require(until.isAfter(since), "until", "must be after since");
        Validation.require(!until.isAfter(since.plus(MAX_RENDERED)), "until", "must be at most " + MAX_RENDERED + " after since");
        return load(id).shifts(since, until);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OncallSchedule> list() {
        return OncallSchedule.list("order by name, id");
    }

    /** Schedules naming the user in a layer, an override or an open swap request. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> usingUser(String userId) {
        List<String> openSwaps = SwapRequest.<SwapRequest>list("requester = ?1 and status = ?2", userId, SwapRequest.OPEN)
                .stream().map(r -> r.scheduleId).toList();
        return list().stream().filter(s -> s.layers.stream().anyMatch(l -> l.users().contains(userId))
                || s.overrides.stream().anyMatch(o -> o.user().equals(userId)) || openSwaps.contains(s.id))
                .map(s -> "schedule " + s.id).toList();
    }

    private void apply(OncallSchedule s, ScheduleInput in) {
        s.name = Validation.text(in.name(), "schedule.name", 100);
        s.timeZone = Validation.zone(in.timeZone(), "schedule.time_zone");
        List<RotationLayer> layers = in.layers();
        Validation.require(layers != null && !layers.isEmpty() && layers.size() <= 10, "schedule.layers",
                "must hold 1 to 10 rotation layers");
        List<RotationLayer> out = new ArrayList<>();
        for (int n = 0; n < layers.size(); n++) {
            out.add(layer(layers.get(n), "schedule.layers[" + n + "]"));
        }
        s.layers = out;
        s.updatedAt = Instant.now(clock);
    }

    private static RotationLayer layer(RotationLayer l, String field) {
        Validation.require(l != null, field, "is required");
        String name = l.name() == null ? null : Validation.text(l.name(), field + ".name", 100);
        try {
            LocalDate.parse(String.valueOf(l.start()));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field + ".start", "must be a date, e.g. 2026-03-02");
        }
        String handoff;
        try {
            handoff = LocalTime.parse(String.valueOf(l.handoffTime())).toString();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field + ".handoff_time", "must be a local time, e.g. 09:00");
        }
        Validation.require(l.rotationInterval() != null && Rotation.validInterval(l.rotationInterval()),
                field + ".rotation_interval", "must be whole days (P1D, P7D) or hours (PT12H)");
        Validation.require(l.users() != null && !l.users().isEmpty() && l.users().size() <= 50, field + ".users",
                "must name 1 to 50 users");
        for (int u = 0; u < l.users().size(); u++) {
            existingUser(l.users().get(u), field + ".users[" + u + "]");
        }
        List<Restriction> restrictions = l.restrictions();
        Validation.require(restrictions.size() <= 20, field + ".restrictions", "at most 20 per layer");
        List<Restriction> checked = new ArrayList<>();
        for (int r = 0; r < restrictions.size(); r++) {
            checked.add(restriction(restrictions.get(r), field + ".restrictions[" + r + "]"));
        }
        return new RotationLayer(name, l.start(), handoff, l.rotationInterval(), List.copyOf(l.users()), checked);
    }

    private static Restriction restriction(Restriction r, String field) {
        Validation.require(r != null, field, "is required");
        Validation.require(Restriction.DAILY.equals(r.type()) || Restriction.WEEKLY.equals(r.type()), field + ".type",
                "must be daily_restriction or weekly_restriction");
        String startTime;
        try {
            startTime = LocalTime.parse(String.valueOf(r.startTimeOfDay())).toString();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field + ".start_time_of_day", "must be a local time, e.g. 09:00:00");
        }
        Validation.require(r.durationSeconds() != null && r.durationSeconds() > 0
                        && r.durationSeconds() <= r.maxDuration().toSeconds(), field + ".duration_seconds",
                "must be 1 to " + r.maxDuration().toSeconds() + " for a " + r.type());
        Integer day = null;
        if (r.weekly()) {
            Validation.require(r.startDayOfWeek() != null && r.startDayOfWeek() >= 1 && r.startDayOfWeek() <= 7,
                    field + ".start_day_of_week", "must be 1 (Monday) to 7 (Sunday)");
            day = r.startDayOfWeek();
        }
        return new Restriction(r.type(), startTime, r.durationSeconds(), day);
    }

    static void existingUser(String id, String field) {
        Validation.require(id != null && OncallUser.findById(id) != null, field, "must name an existing user");
    }

    /**
     * The schedule, its row locked until commit: overrides are one JSON value, so two replicas adding at once would
     * otherwise each write their own list and lose the other's.
     */
    static OncallSchedule loadForUpdate(String id) {
        OncallSchedule s = OncallSchedule.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (s == null) throw new ResourceNotFoundException("schedule " + id + " does not exist");
        return s;
    }

    private static OncallSchedule load(String id) {
        return OncallSchedule.<OncallSchedule>findByIdOptional(id)
                .orElseThrow(() -> new ResourceNotFoundException("schedule " + id + " does not exist"));
    }
}
