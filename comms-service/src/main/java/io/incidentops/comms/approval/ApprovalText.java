package io.incidentops.comms.approval;

import io.incidentops.events.executor.MitigationApprovalRequested;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The notice that a mitigation awaits a commander's approval, per channel, as Qute templates
 * ({@code templates/ApprovalText/}): what it would do, to which service and workload, why it waits, and the approve
 * and reject endpoints, or the one-click links signed for the addressee. The requester's reason is free text: the voice template escapes it (TwiML is XML), the Slack
 * sender its control characters.
 */
@CheckedTemplate(basePath = "ApprovalText")
final class ApprovalText {

    private ApprovalText() {
    }

    static native TemplateInstance subject(MitigationApprovalRequested request, String severity);

    /** E-mail, chat (Slack, Teams) and push; {@code links}: the one-click links are for {@code addressee}. */
    static native TemplateInstance body(MitigationApprovalRequested request, String severity, String addressee,
                                        boolean links);

    static native TemplateInstance sms(MitigationApprovalRequested request, String severity);

    static native TemplateInstance voice(MitigationApprovalRequested request, String severity);
}
