package io.incidentops.intake.oncall.silence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The label sets a silence is matched against for an incident: one per alert of the incident (its firing ones; all of
 * them once none fires), each with the incident's {@code service} and {@code team} where the alert has no such label,
 * so that a maintenance window per service is one matcher whatever the alert's source. Read with SQL: the on-call
 * packages do not depend on the incident model (which depends on them).
 */
@ApplicationScoped
class IncidentLabels {

    private static final Logger LOG = Logger.getLogger(IncidentLabels.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };

    @Inject
    EntityManager em;

    @SuppressWarnings("unchecked")
    List<Map<String, String>> of(String incidentId) {
        // the incident's changes in this transaction must be seen by the SQL below (its alerts' rows are the writer's:
        // it writes them before a raised severity pages)
        em.flush();
        List<Object[]> rows = em.createNativeQuery("SELECT i.service, i.team, g.labels, g.status FROM incident i "
                        + "LEFT JOIN grouped_alert g ON g.incident_id = i.id WHERE i.id = :id")
                .setParameter("id", incidentId)
                .getResultList();
        List<Map<String, String>> firing = new ArrayList<>();
        List<Map<String, String>> all = new ArrayList<>();
        for (Object[] r : rows) {
            Map<String, String> labels = withIncident(parse((String) r[2], incidentId), (String) r[0], (String) r[1]);
            all.add(labels);
            if ("firing".equals(r[3])) firing.add(labels);
        }
        return firing.isEmpty() ? all : firing;
    }

    /** An alert's labels, with the incident's service and team where the alert has no such label. */
    static Map<String, String> withIncident(Map<String, String> alertLabels, String service, String team) {
        Map<String, String> labels = new HashMap<>(alertLabels == null ? Map.of() : alertLabels);
        if (service != null) labels.putIfAbsent("service", service);
        if (team != null) labels.putIfAbsent("team", team);
        return labels;
    }

    private static Map<String, String> parse(String json, String incidentId) {
        if (json == null || json.isEmpty()) return Map.of();
        try {
            return JSON.readValue(json, LABELS);
        } catch (JsonProcessingException e) {
            LOG.warnf("labels of an alert of %s are not a JSON object; matched without them", incidentId);
            return Map.of();
        }
    }
}
