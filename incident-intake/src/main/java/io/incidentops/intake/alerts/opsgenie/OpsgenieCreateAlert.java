package io.incidentops.intake.alerts.opsgenie;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/**
 * Opsgenie Alert API "create alert" body ({@code POST /v2/alerts}; fields and limits from Opsgenie's Alert API docs,
 * docs.opsgenie.com/docs/alert-api, "Create Alert"; Alertmanager's {@code notify/opsgenie/opsgenie.go}
 * {@code opsGenieCreateMessage} sends the same). {@code responders}, {@code visibleTo}, {@code actions}, {@code user}
 * and {@code note} are accepted and bounded but not used: who is paged is our escalation policies' business.
 */
public record OpsgenieCreateAlert(
        @NotBlank(message = "Message can not be empty.") @Size(max = 130) String message,
        @Size(max = 512) String alias,
        @Size(max = 15000) String description,
        @Size(max = 50) List<Map<String, String>> responders,
        @Size(max = 50) List<Map<String, String>> visibleTo,
        @Size(max = 10) List<@Size(max = 50) String> actions,
        @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags,
        @Size(max = 100) Map<@NotBlank @Size(max = 255) String, @Size(max = 4096) String> details,
        @Size(max = 512) String entity,
        @Size(max = 100) String source,
        @Pattern(regexp = "P[1-5]", message = "should be one of P1, P2, P3, P4, P5") String priority,
        @Size(max = 100) String user,
        @Size(max = 25000) String note) {

    /** Opsgenie's limit on all details together. */
    public static final int MAX_DETAILS_CHARS = 8000;

    /** Whether the details (names and values) stay within Opsgenie's 8,000 characters in all. */
    public boolean detailsWithinLimit() {
        if (details == null) return true;
        long chars = 0;
        for (Map.Entry<String, String> e : details.entrySet()) {
            chars += (e.getKey() == null ? 0 : e.getKey().length()) + (e.getValue() == null ? 0 : e.getValue().length());
        }
        return chars <= MAX_DETAILS_CHARS;
    }
}
