package io.incidentops.intake.alerts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.Map;

/**
 * The generic JSON alert ({@code POST /api/alerts}, {@code POST /api/incidents}, the {@code alerts} topic).
 *
 * @param severity    P0–P4, or PagerDuty's critical/error/warning/info; absent: the {@code severity} label, else P3
 * @param fingerprint dedup key; absent: a stable hash of service + summary
 * @param incidentId  the caller's own incident ID ({@code INC-YYYYMMDD-NNN})
 */
public record GenericAlert(
        @NotBlank @Size(max = 255) String service,
        @NotBlank @Size(max = 1024) String summary,
        @Size(max = 65536) String description,
        @Size(max = 32) String severity,
        @Size(max = 100) Map<@NotBlank @Size(max = 255) String, @Size(max = 4096) String> labels,
        Instant startsAt,
        @Size(max = 255) String fingerprint,
        @Size(max = 4096) String customerImpact,
        @Pattern(regexp = "INC-\\d{8}-\\d{3,9}", message = "must look like INC-YYYYMMDD-NNN") String incidentId) {
}
