package io.incidentops.cli.incidents;

import io.incidentops.cli.http.ServiceClient;

/** Paths of intake's and comms' per-incident endpoints, the ID percent-encoded. */
final class IncidentPath {

    private IncidentPath() {
    }

    static String of(String id) {
        return "/api/incidents/" + ServiceClient.segment(id.trim());
    }

    static String of(String id, String action) {
        return of(id) + "/" + action;
    }
}
