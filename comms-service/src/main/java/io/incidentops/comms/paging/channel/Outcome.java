package io.incidentops.comms.paging.channel;

import java.time.Duration;

/**
 * What one attempt came to. {@code provider} names who sent it (or last refused it), {@code providerId} is the id the
 * provider gave the message (Slack's ts, ntfy's id, Twilio's sid); {@code retryAfter} is the provider's own wait
 * (Retry-After), null when it named none.
 */
public record Outcome(Result result, String provider, String providerId, String error, Duration retryAfter) {

    public enum Result { SENT, RETRY, FAILED }

    public static Outcome sent(String provider, String providerId) {
        return new Outcome(Result.SENT, provider, providerId, null, null);
    }

    /** Worth trying again later (the provider is down, slow or rate-limiting). */
    public static Outcome retry(String provider, String error, Duration retryAfter) {
        return new Outcome(Result.RETRY, provider, null, error, retryAfter);
    }

    /** Refused for good (bad token, unknown user or number): repeating it will not help. */
    public static Outcome failed(String provider, String error) {
        return new Outcome(Result.FAILED, provider, null, error, null);
    }

    /**
     * The usual reading of an HTTP answer: 2xx sent, 408/429/5xx retried, any other status refused.
     *
     * @param providerId the id found in a successful answer, or null
     */
    public static Outcome ofStatus(String provider, HttpExchange.Answer answer, String providerId) {
        int status = answer.status();
        if (status >= 200 && status < 300) return sent(provider, providerId);
        String error = provider + ": HTTP " + status;
        return answer.retryable() ? retry(provider, error, answer.retryAfter()) : failed(provider, error);
    }
}
