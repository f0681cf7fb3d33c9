package io.incidentops.intake.oncall.people;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One way to reach a person ({@code type}: {@code email}, {@code sms}, {@code phone}, {@code slack} user id,
 * {@code push} ntfy topic URL). Only e-mail is delivered today; the others are recorded so that later channels fit.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContactMethod(String id, String type, String address, String label) {

    public static final String EMAIL = "email";

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmail() {
        return EMAIL.equals(type);
    }
}
