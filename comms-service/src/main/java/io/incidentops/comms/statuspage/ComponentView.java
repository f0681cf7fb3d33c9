package io.incidentops.comms.statuspage;

import java.time.Instant;
import java.util.List;

/** A public component as operators manage it: what the page shows, and the internal services behind it. */
public record ComponentView(String id, String name, String description, String status, int position,
                            List<String> services, Instant createdAt, Instant updatedAt) {

    static ComponentView of(PageComponent c, List<String> services) {
        return new ComponentView(c.id, c.name, c.description, c.status, c.position == null ? 0 : c.position,
                services, c.createdAt, c.updatedAt);
    }
}
