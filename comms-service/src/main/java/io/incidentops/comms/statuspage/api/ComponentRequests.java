package io.incidentops.comms.statuspage.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Bodies of {@code /api/components}. Names are shown to customers: one line of printable text. */
public final class ComponentRequests {

    static final String ONE_LINE = "[^\\p{Cntrl}]*";
    static final String ONE_LINE_MESSAGE = "must be one line without control characters";

    private ComponentRequests() {
    }

    /** {@code services}: internal service names (the alerts' {@code service} label), matched without case. */
    public record Create(@NotBlank @Size(max = 100) @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String name,
                         @Size(max = 500) @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String description,
                         @Size(max = 100) List<@NotBlank @Size(max = 200) String> services) {
    }

    /** Rename and/or describe; a missing field stays as it is, an empty description clears it. */
    public record Update(@Size(min = 1, max = 100) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
                         @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String name,
                         @Size(max = 500) @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String description) {
    }

    public record Services(@NotNull @Size(max = 100) List<@NotBlank @Size(max = 200) String> services) {
    }
}
