package io.incidentops.intake.incident;

import io.incidentops.events.intake.CommanderAssigned;
import io.incidentops.events.intake.RespondersPaged;
import io.incidentops.events.model.Responder;
import io.incidentops.intake.oncall.Roster;
import io.incidentops.intake.oncall.escalation.Escalations;
import io.incidentops.intake.oncall.people.OncallUser;
import io.incidentops.platform.outbox.Outbox;
import io.incidentops.platform.problem.ConflictException;
import io.incidentops.platform.problem.InvalidInputException;
import io.incidentops.platform.problem.ResourceNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Who works an incident, changed by hand: a commander hands over to another person, a responder pulls in a colleague
 * (who is paged at once). The people are users of the directory, so a page can reach them; each change is announced
 * with the events declaration uses ({@code incident.commander-assigned}, {@code incident.responders-paged}).
 */
@ApplicationScoped
@Transactional
public class IncidentCrew {

    /** The role an added responder carries in the incident's responder list and on the timeline. */
    static final String ADDED = "added";

    @Inject
    Outbox outbox;

    @Inject
    Escalations escalations;

    @Inject
    Clock clock;

    /** @return false when that person already was the commander (no event) */
    public boolean assignCommander(String incidentId, String userId) {
        Incident i = openIncident(incidentId);
        OncallUser user = user("commander", userId);
        Responder commander = new Responder(user.name, Roster.COMMANDER, user.email);
        if (i.commander != null && Objects.equals(i.commander.name(), commander.name())) {
            return false;
        }
        Instant now = Instant.now(clock);
        i.commander = commander;
        outbox.publish(new CommanderAssigned(i.id, commander, now));
        i.updatedAt = now;
        return true;
    }

    /** @return false when the person already is among the responders (no page, no event) */
    public boolean addResponder(String incidentId, String userId, String by) {
        Incident i = openIncident(incidentId);
        OncallUser user = user("responder", userId);
        List<Responder> responders = i.responders == null ? List.of() : i.responders;
        if (responders.stream().anyMatch(r -> r.name().equals(user.name))) {
            return false;
        }
        Instant now = Instant.now(clock);
        Responder added = new Responder(user.name, ADDED + " by " + by, user.email);
        List<Responder> all = new ArrayList<>(responders);
        all.add(added);
        i.responders = all;
        outbox.publish(new RespondersPaged(i.id, i.severity, List.of(added), now));
        escalations.pageUser(IncidentAssembly.escalationPage(i), user.id, now);
        i.updatedAt = now;
        return true;
    }

    private static Incident openIncident(String id) {
        Incident i = Incident.findForUpdate(id)
                .orElseThrow(() -> new ResourceNotFoundException("incident " + id + " does not exist"));
        if (!i.isOpen()) {
            throw new ConflictException("incident " + id + " is resolved");
        }
        return i;
    }

    private static OncallUser user(String field, String userId) {
        OncallUser user = OncallUser.findById(userId.trim());
        if (user == null) {
            throw new InvalidInputException(field, "no user '" + userId.trim() + "' in the directory (/api/users)");
        }
        return user;
    }
}
