package io.incidentops.platform.link;

import io.incidentops.platform.link.LinkTokens.Refusal;
import io.quarkus.runtime.LaunchMode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkTokensTest {

    private static final String KEY = "incidentops.test.links.signing-secret";
    private static final String SECRET = "test-only-link-tokens-secret-0123456789";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final LinkTokens tokens = tokens(SECRET, "svc-a", CLOCK);

    @Test
    void aSignedTokenGivesBackItsSubjectClaimsAndExpiry() {
        String token = tokens.sign("ack", "u-1", Map.of("incident", "INC-1", "decision", "APPROVE"), Duration.ofHours(1));

        LinkTokens.Verification v = tokens.verify(token, "ack");

        assertThat(v.refusal()).isNull();
        assertThat(v.valid()).hasValueSatisfying(c -> {
            assertThat(c.subject()).isEqualTo("u-1");
            assertThat(c.claims()).isEqualTo(Map.of("incident", "INC-1", "decision", "APPROVE"));
            assertThat(c.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        });
    }

    @Test
    void aTokenExpiresOnTheServicesClock() {
        String token = tokens.sign("ack", "u-1", Map.of(), NOW.plusSeconds(60));

        assertThat(tokens(SECRET, "svc-a", Clock.offset(CLOCK, Duration.ofSeconds(59))).verify(token, "ack").valid())
                .isPresent();
        assertThat(tokens(SECRET, "svc-a", Clock.offset(CLOCK, Duration.ofSeconds(60))).verify(token, "ack").refusal())
                .isEqualTo(Refusal.EXPIRED);
    }

    @Test
    void aTokenForOneUseOrOfAnotherServiceIsRefusedAsTheWrongUse() {
        String ack = tokens.sign("ack", "u-1", Map.of(), Duration.ofHours(1));

        assertThat(tokens.verify(ack, "decision").refusal()).isEqualTo(Refusal.WRONG_USE);
        assertThat(tokens(SECRET, "svc-b", CLOCK).verify(ack, "ack").refusal()).isEqualTo(Refusal.WRONG_USE);
    }

    @Test
    void anAlteredTokenOrOneSignedWithAnotherSecretIsForged() {
        String token = tokens.sign("ack", "u-1", Map.of("incident", "INC-1"), Duration.ofHours(1));
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("INC-1", "INC-2").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThat(tokens.verify(altered, "ack").refusal()).isEqualTo(Refusal.FORGED);
        assertThat(tokens("another-secret-of-at-least-32-characters", "svc-a", CLOCK).verify(token, "ack").refusal())
                .isEqualTo(Refusal.FORGED);
    }

    @Test
    void garbageAndUnsignedTokensAreRefused() {
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"iss\":\"svc-a\",\"aud\":\"ack\",\"sub\":\"u-1\",\"exp\":" + (NOW.getEpochSecond() + 60) + "}").getBytes())
                + ".";
        for (String bad : new String[]{null, "", "not-a-token", "a.b.c", unsigned, "x".repeat(3000)}) {
            LinkTokens.Verification v = tokens.verify(bad, "ack");
            assertThat(v.valid()).as(String.valueOf(bad)).isEmpty();
            assertThat(v.refusal()).as(String.valueOf(bad)).isNotNull();
        }
    }

    @Test
    void aShortSecretNeverStartsAndProductionNeedsOne() {
        assertThatThrownBy(() -> tokens("0123456789012345678901234567890", "svc-a", CLOCK))
                .hasMessageContaining(KEY).hasMessageContaining("at least 32").hasMessageNotContaining("0123456789");
        assertThatThrownBy(() -> LinkTokens.fromSecret(KEY, Optional.empty(), "svc-a", CLOCK, LaunchMode.NORMAL))
                .hasMessageContaining(KEY + " is not set");
        assertThatThrownBy(() -> LinkTokens.fromSecret(KEY, Optional.of(" "), "svc-a", CLOCK, LaunchMode.NORMAL))
                .hasMessageContaining(KEY + " is not set");
    }

    @Test
    void withoutASecretDevAndTestSignWithARandomKeyOfTheirOwn() {
        LinkTokens one = LinkTokens.fromSecret(KEY, Optional.empty(), "svc-a", CLOCK, LaunchMode.DEVELOPMENT);
        LinkTokens other = LinkTokens.fromSecret(KEY, Optional.empty(), "svc-a", CLOCK, LaunchMode.TEST);
        String token = one.sign("ack", "u-1", Map.of(), Duration.ofMinutes(5));

        assertThat(one.verify(token, "ack").valid()).isPresent();
        assertThat(other.verify(token, "ack").refusal()).isEqualTo(Refusal.FORGED);
    }

    private static LinkTokens tokens(String secret, String issuer, Clock clock) {
        return LinkTokens.fromSecret(KEY, Optional.of(secret), issuer, clock, LaunchMode.NORMAL);
    }
}
