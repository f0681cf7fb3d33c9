package io.incidentops.intake.oncall.people;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A person who can be paged: their contact methods and, per urgency, the rules saying when each is used. */
@Entity
@Table(name = "oncall_user")
public class OncallUser extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    public String email;
    @Column(name = "time_zone")
    public String timeZone;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "contact_methods")
    public List<ContactMethod> contactMethods = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "notification_rules")
    public List<NotificationRule> notificationRules = new ArrayList<>();
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public Optional<ContactMethod> contactMethod(String contactMethodId) {
        return contactMethods.stream().filter(c -> c.id().equals(contactMethodId)).findFirst();
    }

    /**
     * The rules for an urgency; a person without rules for it is e-mailed at once on every e-mail contact method
     * (a page must reach someone who only gave an address).
     */
    public List<NotificationRule> rulesFor(String urgency) {
        List<NotificationRule> rules = notificationRules.stream().filter(r -> r.urgency().equals(urgency)).toList();
        if (!rules.isEmpty()) {
            return rules;
        }
        return contactMethods.stream().filter(ContactMethod::isEmail)
                .map(c -> new NotificationRule("default-" + c.id(), urgency, c.id(), "PT0S")).toList();
    }
}
