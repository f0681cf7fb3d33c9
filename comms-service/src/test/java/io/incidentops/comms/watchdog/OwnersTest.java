package io.incidentops.comms.watchdog;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Owners are {@code <channel>:<address>} by the contract's address rules; a bad one stops the start. */
class OwnersTest {

    @Test
    void ownersAreParsedByTheContractsAddressRules() {
        assertThat(Owners.parse(List.of("email:ops@example.com", " push:incidentops-ops ", "sms:+4915112345678", "")))
                .containsExactly(new Owners.Owner("email", "ops@example.com"),
                        new Owners.Owner("push", "incidentops-ops"), new Owners.Owner("sms", "+4915112345678"));
    }

    @Test
    void aBadOwnerIsRefused() {
        assertThatThrownBy(() -> Owners.parse(List.of("sms:015112345678"))).hasMessageContaining("E.164");
        assertThatThrownBy(() -> Owners.parse(List.of("ops@example.com"))).hasMessageContaining("<channel>:<address>");
        assertThatThrownBy(() -> Owners.parse(List.of("phone:+4915112345678"))).hasMessageContaining("channel must be");
    }
}
