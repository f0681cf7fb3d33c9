package io.incidentops.intake.oncall.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.incidentops.intake.oncall.people.ContactMethod;
import io.incidentops.intake.oncall.people.NotificationRule;
import io.incidentops.intake.oncall.people.OncallUser;
import io.incidentops.intake.oncall.policy.EscalationPolicy;
import io.incidentops.intake.oncall.policy.EscalationRule;
import io.incidentops.intake.oncall.policy.OncallService;
import io.incidentops.intake.oncall.schedule.OncallSchedule;
import io.incidentops.intake.oncall.schedule.RotationLayer;
import io.incidentops.intake.oncall.schedule.ScheduleOverride;
import io.incidentops.intake.oncall.schedule.SwapRequest;

import java.time.Instant;
import java.util.List;

/**
 * Request and response bodies, shaped after PagerDuty REST API v2: one resource wrapped in its singular name
 * ({@code {"user": {...}}}), lists in the plural with {@code limit/offset/more/total}, snake_case fields, except that
 * durations are ISO-8601 ({@code escalation_delay: "PT5M"}) where PagerDuty counts minutes.
 */
public final class OncallViews {

    private OncallViews() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record User(String id, String type, String name, String email, String timeZone,
                       List<ContactMethod> contactMethods, List<NotificationRule> notificationRules) {
        static User of(OncallUser u) {
            return new User(u.id, "user", u.name, u.email, u.timeZone, u.contactMethods, u.notificationRules);
        }
    }

    public record UserBody(User user) {
    }

    public record Users(List<User> users, int limit, int offset, boolean more, int total) {
        Users(Window<User> w) {
            this(w.items(), w.limit(), w.offset(), w.more(), w.total());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Schedule(String id, String type, String name, String timeZone, List<RotationLayer> scheduleLayers,
                           List<ScheduleOverride> overrides) {
        static Schedule of(OncallSchedule s) {
            return new Schedule(s.id, "schedule", s.name, s.timeZone, s.layers, s.overrides);
        }
    }

    public record ScheduleBody(Schedule schedule) {
    }

    public record Schedules(List<Schedule> schedules, int limit, int offset, boolean more, int total) {
        Schedules(Window<Schedule> w) {
            this(w.items(), w.limit(), w.offset(), w.more(), w.total());
        }
    }

    public record OverrideBody(ScheduleOverride override) {
    }

    /** A swap request as shown: {@code taken_by}, {@code taken_at} and {@code override_id} once taken. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SwapRequestView(String id, String type, String scheduleId, String requester, Instant start,
                                  Instant end, String description, String status, String takenBy, Instant takenAt,
                                  String overrideId, Instant createdAt) {
        static SwapRequestView of(SwapRequest r) {
            return new SwapRequestView(r.id.toString(), "swap_request", r.scheduleId, r.requester, r.start, r.end,
                    r.description, r.status, r.takenBy, r.takenAt, r.overrideId, r.createdAt);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SwapRequestBody(SwapRequestView swapRequest) {
    }

    /** What a caller sends: {@code {"swap_request": {"requester", "start", "end", "description"?}}}. */
    public record NewSwapRequest(String requester, String start, String end, String description) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record NewSwapRequestBody(NewSwapRequest swapRequest) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SwapRequests(List<SwapRequestView> swapRequests) {
    }

    /** Who takes or cancels: {@code {"user": "<user id>"}}. */
    public record Actor(String user) {
    }

    /** One entry of a rendered final schedule (PagerDuty's {@code rendered_schedule_entries}). */
    public record ShiftEntry(Ref user, Instant start, Instant end) {
    }

    public record Shifts(List<ShiftEntry> shifts, Instant since, Instant until) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Policy(String id, String type, String name, List<EscalationRule> escalationRules, Integer numLoops) {
        static Policy of(EscalationPolicy p) {
            return new Policy(p.id, "escalation_policy", p.name, p.rules, p.numLoops);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PolicyBody(Policy escalationPolicy) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Policies(List<Policy> escalationPolicies, int limit, int offset, boolean more, int total) {
        Policies(Window<Policy> w) {
            this(w.items(), w.limit(), w.offset(), w.more(), w.total());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Service(String id, String type, String name, String escalationPolicyId) {
        static Service of(OncallService s) {
            return new Service(s.name, "service", s.name, s.escalationPolicyId);
        }
    }

    public record ServiceBody(Service service) {
    }

    public record Services(List<Service> services, int limit, int offset, boolean more, int total) {
        Services(Window<Service> w) {
            this(w.items(), w.limit(), w.offset(), w.more(), w.total());
        }
    }

    public record Ref(String id, String type, String summary) {
        /** A user reference summarised by the user's name (the id if the user is gone). */
        static Ref user(io.incidentops.intake.oncall.people.Users users, String userId) {
            return new Ref(userId, "user_reference", users.find(userId).map(u -> u.name).orElse(userId));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Oncall(Ref user, Ref schedule, Instant start, Instant end) {
    }

    public record Oncalls(List<Oncall> oncalls, int limit, int offset, boolean more, int total) {
    }

    /** One page of a list and PagerDuty's classic pagination fields (limit, offset, more, total). */
    record Window<T>(List<T> items, int limit, int offset, boolean more, int total) {
        static <T> Window<T> of(List<T> all, int offset, int limit) {
            return new Window<>(all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit)), limit,
                    offset, offset + limit < all.size(), all.size());
        }
    }
}
