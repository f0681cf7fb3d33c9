package io.incidentops.events.model;

import java.util.Objects;

/** A person taking part in an incident: who, in which role (on-call, lead, management, commander...), how to reach them. */
public record Responder(String name, String role, String contact) {
    public Responder {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }
}
