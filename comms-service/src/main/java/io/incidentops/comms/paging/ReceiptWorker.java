package io.incidentops.comms.paging;

import io.incidentops.comms.paging.Pages.ReceiptDue;
import io.incidentops.comms.paging.channel.TwilioProviders;
import io.incidentops.platform.worker.ClaimWorker;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Delivery receipts of SMS and calls: asks the provider that sent one for its status ({@code GET
 * .../Messages/{sid}.json} or {@code .../Calls/{sid}.json}) every {@code channels.twilio.receipt-interval} until it is
 * final or {@code receipt-window} has passed, and records it with the delivery. A receipt never sends anything again:
 * the escalation policy's next rule is what reaches someone when a page is not acknowledged.
 */
@ApplicationScoped
public class ReceiptWorker extends ClaimWorker<ReceiptDue> {

    @Inject
    Pages pages;

    @Inject
    TwilioProviders providers;

    @Scheduled(identity = "page-receipts", every = "${incidentops.comms.channels.twilio.receipt-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void lookUp() {
        for (int i = 0; i < 20; i++) {
            if (runOnce() == 0) return;
        }
    }

    @Override
    protected List<ReceiptDue> claim() {
        return providers.configured() ? pages.claimReceipt().stream().toList() : List.of();
    }

    @Override
    protected String describe(ReceiptDue r) {
        return "receipt of " + r.channel() + " page " + r.id();
    }


    @Override
    protected String spanName() {
        return "page receipt";
    }

    @Override
    protected void work(ReceiptDue r) {
        String resource = "phone".equals(r.channel()) ? "Calls" : "Messages";
        pages.receipt(r.id(), providers.status(r.provider(), resource, r.providerId()).orElse(null));
    }
}
