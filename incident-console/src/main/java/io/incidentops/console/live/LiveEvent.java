package io.incidentops.console.live;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One incident event as the console streams it on {@code /events}: the CloudEvent's id, type, time and subject
 * (the incident) with its JSON data. {@code name} is the SSE event name: the short type ({@code incident.declared}).
 */
public record LiveEvent(String id, String type, String incidentId, String time, JsonNode data) {

    private static final String PREFIX = "io.incidentops.";
    private static final String VERSION = ".v1";

    public String name() {
        String name = type;
        if (name.startsWith(PREFIX)) name = name.substring(PREFIX.length());
        if (name.endsWith(VERSION)) name = name.substring(0, name.length() - VERSION.length());
        return name;
    }
}
