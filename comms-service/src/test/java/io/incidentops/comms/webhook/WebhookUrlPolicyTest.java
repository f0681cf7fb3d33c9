package io.incidentops.comms.webhook;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookUrlPolicyTest {

    private final WebhookUrlPolicy policy = new WebhookUrlPolicy("the.allow-list", List.of("localhost", " 127.0.0.1", "*.slack.com"));

    @Test
    void acceptsListedHostsAndSubdomainWildcards() {
        assertThat(policy.check("k", "http://127.0.0.1:8080/hook").getPort()).isEqualTo(8080);
        assertThat(policy.check("k", "https://LOCALHOST/x").getHost()).isEqualTo("LOCALHOST");
        assertThat(policy.check("k", "https://hooks.slack.com/services/T0/B0/XYZ").getHost()).isEqualTo("hooks.slack.com");
    }

    @Test
    void refusesOtherHostsSchemesAndTricks() {
        assertThatThrownBy(() -> policy.check("k", "http://169.254.169.254/latest/meta-data"))
                .hasMessageContaining("169.254.169.254").hasMessageContaining("the.allow-list");
        assertThatThrownBy(() -> policy.check("k", "http://localhost@evil.example/"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.check("k", "http://evilslack.com/")).hasMessageContaining("evilslack.com");
        assertThatThrownBy(() -> policy.check("k", "http://slack.com/")).hasMessageContaining("slack.com");
        assertThatThrownBy(() -> policy.check("k", "file:///etc/passwd")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> policy.check("k", "not a url")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyAllowListAllowsNothing() {
        assertThatThrownBy(() -> new WebhookUrlPolicy("the.allow-list", List.of()).check("k", "http://localhost/"))
                .hasMessageContaining("the.allow-list");
    }
}
