package io.incidentops.intake.oncall.schedule;

import io.incidentops.intake.oncall.people.Validation;
import io.incidentops.platform.problem.ConflictException;
import io.incidentops.platform.problem.ResourceNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Shift swaps and "take this shift": both end in an override on the schedule, written in the same transaction as the
 * request's new state, so "who is on call" and paging follow at once. A request's row is locked while it is taken or
 * cancelled, so of two replicas taking at once one wins and the other answers 409.
 */
@ApplicationScoped
@Transactional
public class ShiftSwaps {

    /** What a caller asks for: who, and the window (ISO-8601 with offset). */
    public record Window(String user, String start, String end) {
    }

    @Inject
    Schedules schedules;

    @Inject
    Clock clock;

    public SwapRequest request(String scheduleId, Window in, String description) {
        OncallSchedule s = Schedules.loadForUpdate(scheduleId);
        Schedules.existingUser(in.user(), "swap_request.requester");
        Instant start = Validation.instant(in.start(), "swap_request.start");
        Instant end = window(start, Validation.instant(in.end(), "swap_request.end"), "swap_request.end");
        Validation.require(SwapRequest.count("scheduleId = ?1 and status = ?2", scheduleId, SwapRequest.OPEN) < 500,
                "swap_request", "at most 500 open per schedule");
        if (!s.onCallThroughout(in.user(), start, end)) {
            throw new ConflictException("user " + in.user() + " is not on call in schedule " + scheduleId
                    + " throughout " + start + " to " + end);
        }
        SwapRequest r = new SwapRequest();
        r.id = UUID.randomUUID();
        r.scheduleId = scheduleId;
        r.requester = in.user();
        r.start = start;
        r.end = end;
        r.description = description == null ? null : Validation.text(description, "swap_request.description", 500);
        r.status = SwapRequest.OPEN;
        r.createdAt = Instant.now(clock);
        r.updatedAt = r.createdAt;
        r.persist();
        return r;
    }

    /** The taker covers the request's window: an override, and the request shows who took it. */
    public SwapRequest take(String scheduleId, String requestId, String taker) {
        SwapRequest r = lock(scheduleId, requestId);
        Schedules.existingUser(taker, "user");
        Validation.require(!taker.equals(r.requester), "user", "must not be the requester");
        open(r);
        if (!r.end.isAfter(Instant.now(clock))) throw new ConflictException("swap request " + requestId + " has expired");
        ScheduleOverride o = schedules.addOverride(scheduleId,
                new ScheduleOverride(null, taker, r.start.toString(), r.end.toString()));
        r.status = SwapRequest.TAKEN;
        r.takenBy = taker;
        r.takenAt = Instant.now(clock);
        r.overrideId = o.id();
        r.updatedAt = r.takenAt;
        return r;
    }

    /** Only the requester cancels, and only while the request is open. */
    public SwapRequest cancel(String scheduleId, String requestId, String user) {
        SwapRequest r = lock(scheduleId, requestId);
        Validation.require(r.requester.equals(user), "user", "must be the requester");
        open(r);
        r.status = SwapRequest.CANCELLED;
        r.updatedAt = Instant.now(clock);
        return r;
    }

    /** "Take this shift" without a request: an override for a window in which someone else is on call throughout. */
    public ScheduleOverride takeShift(String scheduleId, Window in) {
        OncallSchedule s = Schedules.loadForUpdate(scheduleId);
        Schedules.existingUser(in.user(), "user");
        Instant start = Validation.instant(in.start(), "start");
        Instant end = window(start, Validation.instant(in.end(), "end"), "end");
        if (!s.othersOnCallThroughout(in.user(), start, end)) {
            throw new ConflictException("someone other than " + in.user() + " is not on call in schedule " + scheduleId
                    + " throughout " + start + " to " + end);
        }
        return schedules.addOverride(scheduleId, new ScheduleOverride(null, in.user(), start.toString(), end.toString()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public SwapRequest find(String scheduleId, String requestId) {
        SwapRequest r = SwapRequest.findById(uuid(requestId));
        if (r == null || !r.scheduleId.equals(scheduleId)) throw notFound(scheduleId, requestId);
        return r;
    }

    /** A schedule's requests, newest first; {@code status} null for all. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SwapRequest> list(String scheduleId, String status) {
        schedules.find(scheduleId).orElseThrow(() -> new ResourceNotFoundException("schedule " + scheduleId + " does not exist"));
        if (status == null) return SwapRequest.list("scheduleId = ?1 order by createdAt desc", scheduleId);
        Validation.require(List.of(SwapRequest.OPEN, SwapRequest.TAKEN, SwapRequest.CANCELLED).contains(status),
                "status", "must be open, taken or cancelled");
        return SwapRequest.list("scheduleId = ?1 and status = ?2 order by createdAt desc", scheduleId, status);
    }

    /** A future window of at most {@link Schedules#MAX_RENDERED}, checked as the final schedule is rendered. */
    private Instant window(Instant start, Instant end, String field) {
        Validation.require(end.isAfter(start), field, "must be after start");
        Validation.require(end.isAfter(Instant.now(clock)), field, "must be in the future");
        Validation.require(!end.isAfter(start.plus(Schedules.MAX_RENDERED)), field,
                "must be at most " + Schedules.MAX_RENDERED + " after start");
        return end;
    }

    private static void open(SwapRequest r) {
        if (!SwapRequest.OPEN.equals(r.status)) {
            throw new ConflictException("swap request " + r.id + " is " + r.status
                    + (r.takenBy == null ? "" : " (taken by " + r.takenBy + ")"));
        }
    }

    private static SwapRequest lock(String scheduleId, String requestId) {
        SwapRequest r = SwapRequest.findById(uuid(requestId), LockModeType.PESSIMISTIC_WRITE);
        if (r == null || !r.scheduleId.equals(scheduleId)) throw notFound(scheduleId, requestId);
        return r;
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ResourceNotFoundException("swap request " + id + " does not exist");
        }
    }

    private static ResourceNotFoundException notFound(String scheduleId, String requestId) {
        return new ResourceNotFoundException("swap request " + requestId + " of schedule " + scheduleId + " does not exist");
    }
}
