package io.incidentops.intake.oncall.people;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Duration;

/**
 * When a person hears of a page of one urgency on one contact method: {@code startDelay} after the escalation step
 * reached them (ISO-8601, e.g. {@code PT0S} e-mail now, {@code PT2M} SMS after two minutes).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NotificationRule(String id, String urgency, String contactMethodId, String startDelay) {

    @com.fasterxml.jackson.annotation.JsonIgnore
    public Duration delay() {
        return Duration.parse(startDelay);
    }
}
