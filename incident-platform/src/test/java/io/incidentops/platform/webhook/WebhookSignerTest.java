package io.incidentops.platform.webhook;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSignerTest {

    @Test
    void signsLikeTheStandardWebhooksReferenceVector() {
        // the example of the Standard Webhooks specification and its reference libraries
        WebhookSigner signer = new WebhookSigner("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        assertThat(signer.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void anyChangeOfIdTimestampOrBodyChangesTheSignature() {
        WebhookSigner signer = new WebhookSigner("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        String base = signer.sign("msg_1", 1700000000L, "{}");

        assertThat(signer.sign("msg_2", 1700000000L, "{}")).isNotEqualTo(base);
        assertThat(signer.sign("msg_1", 1700000001L, "{}")).isNotEqualTo(base);
        assertThat(signer.sign("msg_1", 1700000000L, "{ }")).isNotEqualTo(base);
    }

    @Test
    void refusesSecretsWithoutPrefixOrBase64AndNeverEchoesThem() {
        assertThatThrownBy(() -> new WebhookSigner("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .hasMessageContaining("whsec_").hasMessageNotContaining("MfKQ9r8G");
        assertThatThrownBy(() -> new WebhookSigner("whsec_not*base64!"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("not*base64");
        assertThatThrownBy(() -> new WebhookSigner("whsec_c2hvcnQ=")).hasMessageContaining("16 bytes");
    }
}
