package io.incidentops.executor.mitigation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSignerTest {

    @Test
    void reproducesTheStandardWebhooksReferenceVector() {
        // the test vector of the Standard Webhooks reference libraries
        WebhookSigner signer = new WebhookSigner("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(signer.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void anyChangeOfIdTimestampOrBodyChangesTheSignature() {
        WebhookSigner signer = new WebhookSigner("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        String reference = signer.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}");
        assertThat(signer.sign("msg_other", 1614265330, "{\"test\": 2432232314}")).isNotEqualTo(reference);
        assertThat(signer.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265331, "{\"test\": 2432232314}")).isNotEqualTo(reference);
        assertThat(signer.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232315}")).isNotEqualTo(reference);
    }

    @Test
    void malformedSecretsAreRefused() {
        assertThatThrownBy(() -> new WebhookSigner("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).hasMessageContaining("whsec_");
        assertThatThrownBy(() -> new WebhookSigner("whsec_not base64!")).hasMessageContaining("base64");
        assertThatThrownBy(() -> new WebhookSigner("whsec_c2hvcnQ=")).hasMessageContaining("16 bytes");
    }
}
