package io.incidentops.comms.messages;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class MessagesTest {

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(Messages.duration(Duration.ofSeconds(20))).isEqualTo("under a minute");
        assertThat(Messages.duration(Duration.ofMinutes(42).plusSeconds(59))).isEqualTo("42 min");
        assertThat(Messages.duration(Duration.ofMinutes(72))).isEqualTo("1 h 12 min");
        assertThat(Messages.duration(Duration.ofHours(2))).isEqualTo("2 h");
        assertThat(Messages.duration(Duration.ofHours(26).plusMinutes(5))).isEqualTo("1 d 2 h 5 min");
        assertThat(Messages.duration(null)).isEqualTo("unknown");
    }

    @Test
    void clausesLoseTheirOwnFinalPeriodAndExtraSpaces() {
        assertThat(Messages.clause("  failed payments\n at checkout.. ")).isEqualTo("failed payments at checkout");
        assertThat(Messages.clause(null)).isEmpty();
    }
}
