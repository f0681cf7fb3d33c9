package io.incidentops.platform.security;

import jakarta.enterprise.context.RequestScoped;

/** The integration whose key authenticated the current alert-ingestion request. */
@RequestScoped
public class CallingIntegration {
    private String name;

    public String name() {
        return name;
    }

    void set(String name) {
        this.name = name;
    }
}
