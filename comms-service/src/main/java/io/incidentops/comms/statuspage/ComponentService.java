package io.incidentops.comms.statuspage;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.Locale;

/** An internal service name (an incident's service label) shown on the page as a component; one component each. */
@Entity
@Table(name = "component_service")
public class ComponentService extends PanacheEntityBase {
    /** Lower case, trimmed: labels differ in case more often than in meaning. */
    @Id
    public String service;
    @Column(name = "component_id")
    public String componentId;

    public static String normalize(String service) {
        return service == null ? "" : service.strip().toLowerCase(Locale.ROOT);
    }
}
