package io.incidentops.intake.integrations;

import jakarta.enterprise.context.RequestScoped;

/** The integration whose key authenticated the current alert-ingestion request. */
@RequestScoped
public class CallingIntegration {
    private Integration integration;

    public Integration get() {
        return integration;
    }

    void set(Integration integration) {
        this.integration = integration;
    }
}
