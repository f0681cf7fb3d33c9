package io.incidentops.intake.oncall.people;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.incidentops.events.model.ContactAddress;
import io.incidentops.platform.problem.ConflictException;
import io.incidentops.platform.problem.ResourceNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** People who can be paged: validated writes (nothing stored on bad input), reads. */
@ApplicationScoped
@Transactional
public class Users {

    public static final Set<String> CONTACT_TYPES = ContactAddress.CHANNELS;
    public static final Set<String> URGENCIES = Set.of("high", "low");

    /** What a caller may set on a user (the REST body's and the on-call file's shape). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record UserInput(String id, String name, String email, String timeZone,
                            List<ContactMethod> contactMethods, List<NotificationRule> notificationRules) {
    }

    @Inject
    Clock clock;

    public OncallUser create(UserInput in) {
        String id = Ids.orNew(in.id(), "user.id");
        if (OncallUser.findById(id) != null) throw new ConflictException("user " + id + " exists");
        OncallUser u = new OncallUser();
        u.id = id;
        u.createdAt = Instant.now(clock);
        apply(u, in);
        u.persist();
        return u;
    }

    public OncallUser replace(String id, UserInput in) {
        OncallUser u = find(id).orElseThrow(() -> notFound(id));
        apply(u, in);
        return u;
    }

    public void delete(String id, Set<String> referencedBy) {
        OncallUser u = find(id).orElseThrow(() -> notFound(id));
        if (!referencedBy.isEmpty()) {
            throw new ConflictException("user " + id + " is still used by " + String.join(", ", referencedBy));
        }
        u.delete();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<OncallUser> find(String id) {
        return OncallUser.findByIdOptional(id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OncallUser> list() {
        return OncallUser.list("order by name, id");
    }

    private void apply(OncallUser u, UserInput in) {
        u.name = Validation.text(in.name(), "user.name", 100);
        u.email = Validation.email(in.email(), "user.email");
        u.timeZone = Validation.zone(in.timeZone(), "user.time_zone");
        u.contactMethods = contactMethods(in.contactMethods(), u.email);
        u.notificationRules = rules(in.notificationRules(), u.contactMethods);
        long taken = OncallUser.count("lower(email) = ?1 and id <> ?2", u.email.toLowerCase(Locale.ROOT), u.id);
        if (taken > 0) throw new ConflictException("another user has the e-mail address " + u.email);
        u.updatedAt = Instant.now(clock);
    }

    /** The given contact methods; without any, the user's e-mail address. */
    private static List<ContactMethod> contactMethods(List<ContactMethod> given, String email) {
        if (given == null || given.isEmpty()) {
            return List.of(new ContactMethod("email", ContactMethod.EMAIL, email, "Default"));
        }
        Validation.require(given.size() <= 20, "user.contact_methods", "at most 20");
        List<ContactMethod> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int n = 0; n < given.size(); n++) {
            ContactMethod c = given.get(n);
            String field = "user.contact_methods[" + n + "]";
            Validation.require(c != null, field, "is required");
            String id = Ids.orNew(c.id() == null ? "cm" + (n + 1) : c.id(), field + ".id");
            Validation.require(ids.add(id), field + ".id", "is used twice");
            Validation.require(c.type() != null && CONTACT_TYPES.contains(c.type()), field + ".type",
                    "must be one of " + CONTACT_TYPES);
            String address = ContactMethod.EMAIL.equals(c.type()) ? Validation.email(c.address(), field + ".address")
                    : Validation.text(c.address(), field + ".address", 320);
            // a mistyped number is found now, not when comms cannot deliver the page in the middle of an outage
            String problem = ContactAddress.problem(c.type(), address).orElse(null);
            Validation.require(problem == null, field + ".address", problem);
            String label = c.label() == null ? null : Validation.text(c.label(), field + ".label", 100);
            out.add(new ContactMethod(id, c.type(), address, label));
        }
        return out;
    }

    private static List<NotificationRule> rules(List<NotificationRule> given, List<ContactMethod> methods) {
        if (given == null) return List.of();
        Validation.require(given.size() <= 20, "user.notification_rules", "at most 20");
        List<NotificationRule> out = new ArrayList<>();
        for (int n = 0; n < given.size(); n++) {
            NotificationRule r = given.get(n);
            String field = "user.notification_rules[" + n + "]";
            Validation.require(r != null, field, "is required");
            Validation.require(r.urgency() != null && URGENCIES.contains(r.urgency()), field + ".urgency",
                    "must be high or low");
            Validation.require(methods.stream().anyMatch(c -> c.id().equals(r.contactMethodId())),
                    field + ".contact_method_id", "must name one of the user's contact methods");
            Duration delay = Validation.duration(r.startDelay() == null ? "PT0S" : r.startDelay(),
                    field + ".start_delay", Duration.ofHours(24));
            out.add(new NotificationRule(r.id() == null ? "nr" + (n + 1) : Ids.orNew(r.id(), field + ".id"),
                    r.urgency(), r.contactMethodId(), delay.toString()));
        }
        return out;
    }

    private static ResourceNotFoundException notFound(String id) {
        return new ResourceNotFoundException("user " + id + " does not exist");
    }
}
