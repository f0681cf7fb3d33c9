package io.incidentops.comms.paging.channel;

import io.incidentops.platform.worker.Traced;
import java.util.UUID;

/**
 * One page (or reminder, notice, invite) claimed for one attempt on its channel: {@code subject} is its one-line
 * headline, {@code body} the text rendered for the channel (TwiML for voice), {@code ackUrl} the acknowledge link when
 * it has one, {@code calendar} an e-mail's iCalendar attachment, {@code traceparent} the trace of the work that asked
 * for it (null: none), {@code claimToken} the claim this attempt works under (null: sent directly, never claimed).
 */
public record Delivery(UUID id, String incidentId, String channel, String address, String urgency, String subject,
                       String body, String ackUrl, String calendar, int attempt, String traceparent, UUID claimToken)
        implements Traced {

    public boolean highUrgency() {
        return !"low".equals(urgency);
    }
}
