package io.incidentops.comms.warroom;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Channel names as Slack accepts them: lower case, {@code [a-z0-9-_]}, at most 80 characters. */
class SlackNamesTest {

    @Test
    void intakesChannelNameBecomesASlackName() {
        assertThat(SlackNames.channel("#incident-inc-20261126-001", "INC-20261126-001"))
                .isEqualTo("incident-inc-20261126-001");
        assertThat(SlackNames.channel("  ##War Room.INC_7 ü", "INC-7")).isEqualTo("war-room-inc_7--");
    }

    @Test
    void nothingLeftFallsBackToTheIncidentId() {
        assertThat(SlackNames.channel("#", "INC-20261126-001")).isEqualTo("incident-inc-20261126-001");
        assertThat(SlackNames.channel(null, "INC-20261126-001")).isEqualTo("incident-inc-20261126-001");
    }

    @Test
    void cutToEightyCharacters() {
        String name = SlackNames.channel("#incident-" + "x".repeat(100), "INC-1");
        assertThat(name).hasSize(80).matches("[a-z0-9_-]+");
    }

    @Test
    void onlyUserIdsAreInvitedAndLinksFollowTheWorkspace() {
        assertThat(SlackNames.isUser("U0123ABCD")).isTrue();
        assertThat(SlackNames.isUser("W0123ABCD")).isTrue();
        assertThat(SlackNames.isUser("C0123ABCD")).isFalse();
        assertThat(SlackNames.isUser("u0123abcd")).isFalse();
        assertThat(SlackNames.link("C0INC1", Optional.empty())).isEqualTo("https://slack.com/app_redirect?channel=C0INC1");
        assertThat(SlackNames.link("C0INC1", Optional.of("https://acme.slack.com/")))
                .isEqualTo("https://acme.slack.com/archives/C0INC1");
    }
}
