package io.incidentops.executor.vendor;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Statuspage v2 summary.json as Statuspage serves it (src/test/resources/statuspage). */
class StatuspageSummaryTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void theOverallIndicatorWithoutWatchedComponents() throws IOException {
        VendorStatus payments = parse("payments-major-outage.json", List.of());
        assertThat(payments.state()).isEqualTo(VendorState.DOWN);
        assertThat(payments.page()).isEqualTo("Payments Provider");
        assertThat(payments.description()).isEqualTo("Partial System Outage");
        assertThat(payments.incidents()).as("resolved incidents are not active").singleElement().satisfies(i -> {
            assertThat(i.name()).isEqualTo("Elevated API errors");
            assertThat(i.status()).isEqualTo("identified");
            assertThat(i.impact()).isEqualTo("major");
            assertThat(i.shortlink()).isEqualTo("https://stspg.io/x7r2k9");
            assertThat(i.updatedAt()).isEqualTo(Instant.parse("2026-12-01T09:58:12.064Z"));
        });
        assertThat(parse("code-host-operational.json", List.of()).state()).isEqualTo(VendorState.DEGRADED);
    }

    @Test
    void watchedComponentsDecideAndTheWorstWins() throws IOException {
        assertThat(parse("code-host-operational.json", List.of("git operations")).state()).isEqualTo(VendorState.UP);
        VendorStatus both = parse("code-host-operational.json", List.of("Git Operations", "Actions"));
        assertThat(both.state()).isEqualTo(VendorState.DEGRADED);
        assertThat(both.description()).isEqualTo("Git Operations operational, Actions degraded_performance");
        assertThat(parse("payments-major-outage.json", List.of("Dashboard", "API")).state()).isEqualTo(VendorState.DOWN);
        VendorStatus missing = parse("payments-major-outage.json", List.of("Payouts"));
        assertThat(missing.state()).isEqualTo(VendorState.UNKNOWN);
        assertThat(missing.error()).isEqualTo("none of the components [Payouts] is on the page");
    }

    @Test
    void whatIsNotASummaryIsUnknownNeverDown() {
        VendorStatus html = StatuspageSummary.parse("x", "u", "<html>".getBytes(StandardCharsets.UTF_8), List.of(), NOW);
        assertThat(html.state()).isEqualTo(VendorState.UNKNOWN);
        assertThat(html.line()).isEqualTo("x UNKNOWN (not a Statuspage summary.json)");
        assertThat(StatuspageSummary.parse("x", "u", "{\"page\":{}}".getBytes(StandardCharsets.UTF_8), List.of(), NOW).state())
                .isEqualTo(VendorState.UNKNOWN);
    }

    private static VendorStatus parse(String file, List<String> components) throws IOException {
        try (InputStream in = StatuspageSummaryTest.class.getClassLoader().getResourceAsStream("statuspage/" + file)) {
            return StatuspageSummary.parse("dep", "https://status.example/api/v2/summary.json", in.readAllBytes(),
                    components, NOW);
        }
    }
}
