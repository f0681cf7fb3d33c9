package io.incidentops.intake.incident.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the incident endpoints. */
public final class IncidentRequests {

    private IncidentRequests() {
    }

    /** Optional body of acknowledge: who engaged (default: the caller's name). */
    public record Acknowledge(@Size(max = 255) String responder) {
    }

    /** {@code severity}: P0..P4. */
    public record ChangeSeverity(@NotBlank @Size(max = 8) String severity, @Size(max = 4096) String reason) {
    }

    public record Resolve(@NotBlank @Size(max = 8192) String rootCause) {
    }

    public record Reopen(@NotBlank @Size(max = 4096) String reason) {
    }

    /** {@code commander}: the id of a user of the directory ({@code /api/users}). */
    public record AssignCommander(@NotBlank @Size(max = 255) String commander) {
    }

    /** {@code responder}: the id of a user of the directory, paged at once. */
    public record AddResponder(@NotBlank @Size(max = 255) String responder) {
    }

    /** {@code status}: IDENTIFIED or MITIGATING; {@code rootCause} optional (the cause found, kept for resolution). */
    public record ReportStatus(@NotNull @Size(max = 32) String status, @Size(max = 4096) String note,
                               @Size(max = 8192) String rootCause) {
    }

    public record Page<T>(java.util.List<T> items, int page, int size, long total) {
    }
}
