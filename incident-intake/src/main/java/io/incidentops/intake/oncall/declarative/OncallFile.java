package io.incidentops.intake.oncall.declarative;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.incidentops.intake.oncall.people.Users;
import io.incidentops.intake.oncall.policy.Policies;
import io.incidentops.intake.oncall.schedule.Schedules;

import java.util.List;

/**
 * The declarative on-call file: each entry in the shape its REST resource takes ({@code POST /api/users} ...,
 * without the wrapping name), so what works through the API works in the file and back.
 *
 * <pre>
 * users:
 *   - id: ann
 *     name: Ann Example
 *     email: ann@example.com
 *     notification_rules: [{urgency: high, contact_method_id: email, start_delay: PT0S}]
 * schedules:
 *   - id: primary
 *     name: Primary
 *     time_zone: Europe/Berlin
 *     schedule_layers: [{start: "2026-01-05", handoff_time: "09:00", rotation_interval: P7D, users: [ann]}]
 * escalation_policies:
 *   - id: checkout-policy
 *     name: Checkout
 *     escalation_rules: [{escalation_delay: PT10M, targets: [{type: schedule, id: primary}]}]
 * services:
 *   - name: checkout
 *     escalation_policy_id: checkout-policy
 * </pre>
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OncallFile(List<Users.UserInput> users, List<Schedules.ScheduleInput> schedules,
                         List<Policies.PolicyInput> escalationPolicies, List<Service> services) {

    /** A service (as alerts name it) and the policy that pages for it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Service(String name, String escalationPolicyId) {
    }

    static <T> List<T> orEmpty(List<T> entries) {
        return entries == null ? List.of() : entries;
    }
}
