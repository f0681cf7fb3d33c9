package io.incidentops.intake.oncall;

import io.incidentops.events.model.Responder;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RosterTest {

    @Test
    void parsesNameAndContact() {
        assertThat(Roster.person(Optional.of("Aiko Tanaka <aiko@example.com>"), "on-call"))
                .contains(new Responder("Aiko Tanaka", "on-call", "aiko@example.com"));
        assertThat(Roster.person(Optional.of("  Ops Bot "), "primary")).contains(new Responder("Ops Bot", "primary", null));
        assertThat(Roster.person(Optional.of(" "), "primary")).isEmpty();
    }
}
