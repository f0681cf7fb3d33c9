package io.incidentops.intake.alerts.opsgenie;

import io.incidentops.platform.problem.InvalidInputException;
import jakarta.validation.constraints.Size;

/**
 * The body of Opsgenie's {@code close} and {@code acknowledge} alert actions (Alert API docs, "Close Alert",
 * "Acknowledge Alert"; Alertmanager's {@code opsGenieCloseMessage} sends {@code source}). All optional.
 */
public record OpsgenieAlertAction(
        @Size(max = 100) String user,
        @Size(max = 100) String source,
        @Size(max = 25000) String note) {

    /** The summary of the resolved notice a {@code close} records. */
    public static final String CLOSED_SUMMARY = "Closed via Opsgenie Alert API";

    /** Who acknowledged, as recorded on the incident: {@code opsgenie:<integration>}, and the user when given. */
    public String responder(String integration) {
        String caller = "opsgenie:" + integration;
        return user == null || user.isBlank() ? caller : caller + " (" + user.trim() + ")";
    }

    /**
     * The dedup key an action names: its identifier, read as an {@code alias} or an {@code id} (Opsgenie's default).
     * An alert's id is its alias here: we answer a create with no id of our own (Opsgenie's answer has none either;
     * Opsgenie too makes the id the alias of an alert created without one). {@code tiny} ids are never assigned, so
     * they are refused rather than silently matching nothing.
     */
    public static String dedupKey(String identifier, String identifierType) {
        if (identifierType == null || identifierType.equals("id") || identifierType.equals("alias")) {
            return identifier;
        }
        if (identifierType.equals("tiny")) {
            throw new InvalidInputException("identifierType", "tiny ids are not supported: identify the alert by its alias");
        }
        throw new InvalidInputException("identifierType", "should be one of id, alias, tiny");
    }
}
