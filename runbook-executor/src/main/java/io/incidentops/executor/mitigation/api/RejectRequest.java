package io.incidentops.executor.mitigation.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/incidents/{id}/mitigations/{mid}/reject}: why the commander refuses the mitigation. */
public record RejectRequest(@NotBlank @Size(max = 2000) String reason) {
}
