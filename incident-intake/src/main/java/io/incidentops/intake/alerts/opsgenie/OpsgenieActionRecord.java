package io.incidentops.intake.alerts.opsgenie;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An Opsgenie close or acknowledge as an {@code alerts} topic record, where there is no URL to name the action and
 * the alert: {@code {"action": "close"|"acknowledge", "identifier": "...", "identifierType": "alias"|"id", "user",
 * "source", "note"}} (the URL's parts as fields, the body's as they are).
 */
public record OpsgenieActionRecord(
        @NotNull @Pattern(regexp = "close|acknowledge") String action,
        @NotBlank @Size(max = 512) String identifier,
        String identifierType,
        @Size(max = 100) String user,
        @Size(max = 100) String source,
        @Size(max = 25000) String note) {

    public boolean closes() {
        return "close".equals(action);
    }

    public OpsgenieAlertAction body() {
        return new OpsgenieAlertAction(user, source, note);
    }
}
