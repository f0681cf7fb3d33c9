package io.incidentops.executor.mitigation;

import io.incidentops.events.model.MitigationAction;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Map;

/**
 * {@code POST /api/incidents/{id}/mitigations}. {@code target} defaults to the incident's service;
 * {@code parameters} are passed to the action webhook as they are (e.g. {@code {"version": "1.4.1"}} for a rollback).
 */
public record MitigationRequest(
        @NotNull MitigationAction action,
        @Size(max = 255) String target,
        @Size(max = 50) Map<String, Object> parameters,
        @NotBlank @Size(max = 2000) String reason) {
}
