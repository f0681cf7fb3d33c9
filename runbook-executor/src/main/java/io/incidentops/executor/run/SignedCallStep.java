package io.incidentops.executor.run;

import io.incidentops.executor.config.ExecutorConfig;
import io.incidentops.executor.mitigation.MitigationService;
import io.incidentops.executor.mitigation.MitigationWebhookClient;
import io.incidentops.platform.problem.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code signed-http-call} step: a POST to the URL configured under the step's call name, signed as mitigation
 * webhooks are (Standard Webhooks, {@code mitigations.signing-secret}); 2xx passes. The webhook ID is the run and step,
 * the same on a retry, so a receiver can drop a repeat.
 */
@ApplicationScoped
public class SignedCallStep {

    @Inject
    ExecutorConfig config;

    @Inject
    MitigationService signer;

    @Inject
    MitigationWebhookClient webhooks;

    @Inject
    Clock clock;

    public StepResult run(RunbookRunService.DueStep step) {
        String name = step.parameters().call();
        ExecutorConfig.Steps.Call call = config.steps().calls().get(name);
        if (call == null) return StepResult.of(StepResult.ERROR, "call '" + name + "' is not configured", null);
        Instant now = Instant.now(clock);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("call", name);
        body.put("incidentId", step.incidentId());
        body.put("service", step.service());
        body.put("runId", step.runId().toString());
        body.put("runbook", step.runbook());
        body.put("step", step.step());
        body.put("title", step.title());
        body.put("sentAt", now.toString());
        String payload = RunbookRunService.json(body);
        String webhookId = step.runId() + "-" + step.step();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("call", name);
        data.put("webhookId", webhookId);
        String signature;
        try {
            signature = signer.sign(webhookId, now.getEpochSecond(), payload);
        } catch (ConflictException e) {
            return StepResult.of(StepResult.ERROR, "call " + name + " not sent: " + e.getMessage(), data);
        }
        MitigationWebhookClient.Delivery delivery = webhooks.post(call.url(), webhookId, now.getEpochSecond(), signature,
                payload);
        data.put("answer", delivery.detail());
        return StepResult.of(delivery.success() ? StepResult.PASSED : StepResult.FAILED,
                "call " + name + ": " + delivery.detail(), data);
    }
}
