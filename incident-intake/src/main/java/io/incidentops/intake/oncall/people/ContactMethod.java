package io.incidentops.intake.oncall.people;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One way to reach a person ({@code type}: {@code email}, {@code sms} and {@code phone} in E.164, {@code slack} user id,
 * {@code push} ntfy topic, {@code teams} the name of a Teams webhook configured in comms; the rules are
 * {@code ContactAddress}'s). Comms delivers each of them.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContactMethod(String id, String type, String address, String label) {

    public static final String EMAIL = "email";

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmail() {
        return EMAIL.equals(type);
    }
}
