package io.incidentops.console.api;

import java.util.regex.Pattern;

/** Incident IDs in paths: checked before they go into a service's URL. */
final class IncidentIds {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private IncidentIds() {
    }

    static String checked(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new BadInput("incident", "must be an incident ID such as INC-20250101-001");
        }
        return id;
    }
}
