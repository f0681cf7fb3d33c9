package io.incidentops.intake.oncall.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.incidentops.intake.oncall.OncallConfig;
import io.incidentops.intake.oncall.people.Ids;
import io.incidentops.intake.oncall.people.OncallUser;
import io.incidentops.intake.oncall.people.Validation;
import io.incidentops.intake.oncall.schedule.OncallSchedule;
import io.incidentops.platform.problem.ConflictException;
import io.incidentops.platform.problem.ResourceNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Escalation policies, the services mapped to them, and which policy pages for an incident. */
@ApplicationScoped
@Transactional
public class Policies {

    /** What a caller may set on an escalation policy (the REST body's and the on-call file's shape). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PolicyInput(String id, String name, @JsonProperty("escalation_rules") List<EscalationRule> rules,
                              Integer numLoops) {
    }

    @Inject
    Clock clock;

    @Inject
    OncallConfig config;

    public EscalationPolicy create(PolicyInput in) {
        String id = Ids.orNew(in.id(), "escalation_policy.id");
        if (EscalationPolicy.findById(id) != null) throw new ConflictException("escalation policy " + id + " exists");
        EscalationPolicy p = new EscalationPolicy();
        p.id = id;
        p.createdAt = Instant.now(clock);
        apply(p, in);
        p.persist();
        return p;
    }

    public EscalationPolicy replace(String id, PolicyInput in) {
        EscalationPolicy p = load(id);
        apply(p, in);
        return p;
    }

    public void delete(String id) {
        EscalationPolicy p = load(id);
        long services = OncallService.count("escalationPolicyId", id);
        if (services > 0) throw new ConflictException("escalation policy " + id + " is used by " + services + " services");
        p.delete();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<EscalationPolicy> find(String id) {
        return EscalationPolicy.findByIdOptional(id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<EscalationPolicy> list() {
        return EscalationPolicy.list("order by name, id");
    }

    /** Policies naming a user or schedule as a target. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> using(String targetType, String id) {
        return list().stream().filter(p -> p.rules.stream().flatMap(r -> r.targets().stream())
                .anyMatch(t -> t.type().equals(targetType) && t.id().equals(id))).map(p -> "escalation policy " + p.id).toList();
    }

    /** Maps a service (case-insensitive) to a policy, replacing its earlier mapping. */
    public OncallService mapService(String service, String policyId) {
        String name = Validation.text(service, "service.name", 200).toLowerCase(Locale.ROOT);
        Validation.require(policyId != null && EscalationPolicy.findById(policyId) != null,
                "service.escalation_policy_id", "must name an existing escalation policy");
        OncallService s = OncallService.findById(name);
        if (s == null) {
            s = new OncallService();
            s.name = name;
            s.createdAt = Instant.now(clock);
            s.escalationPolicyId = policyId;
            s.persist();
        }
        s.escalationPolicyId = policyId;
        return s;
    }

    public void unmapService(String service) {
        if (!OncallService.deleteById(service.toLowerCase(Locale.ROOT))) {
            throw new ResourceNotFoundException("service " + service + " is not mapped");
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<OncallService> service(String name) {
        return OncallService.findByIdOptional(name.toLowerCase(Locale.ROOT));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OncallService> services() {
        return OncallService.list("order by name");
    }

    /** The incident's service's policy, else its team's ({@code incidentops.oncall.teams.<t>.escalation-policy}), else the default. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<EscalationPolicy> forIncident(String service, String team) {
        Optional<String> id = Optional.ofNullable(service).flatMap(this::service).map(s -> s.escalationPolicyId)
                .or(() -> Optional.ofNullable(config.teams().get(team)).flatMap(OncallConfig.Team::escalationPolicy))
                .or(config::defaultEscalationPolicy);
        return id.flatMap(policyId -> EscalationPolicy.<EscalationPolicy>findByIdOptional(policyId));
    }

    private void apply(EscalationPolicy p, PolicyInput in) {
        p.name = Validation.text(in.name(), "escalation_policy.name", 100);
        int loops = in.numLoops() == null ? 0 : in.numLoops();
        Validation.require(loops >= 0 && loops <= 9, "escalation_policy.num_loops", "must be 0 to 9");
        p.numLoops = loops;
        List<EscalationRule> rules = in.rules();
        Validation.require(rules != null && !rules.isEmpty() && rules.size() <= 20, "escalation_policy.escalation_rules",
                "must hold 1 to 20 rules");
        List<EscalationRule> out = new ArrayList<>();
        for (int n = 0; n < rules.size(); n++) {
            String field = "escalation_policy.escalation_rules[" + n + "]";
            EscalationRule r = rules.get(n);
            Validation.require(r != null, field, "is required");
            Duration delay = Validation.duration(r.escalationDelay(), field + ".escalation_delay", Duration.ofDays(1));
            Validation.require(!delay.isZero() || n == rules.size() - 1 && loops == 0, field + ".escalation_delay",
                    "must be longer than PT0S (the next rule would page at once)");
            Validation.require(r.targets() != null && !r.targets().isEmpty() && r.targets().size() <= 10,
                    field + ".targets", "must name 1 to 10 schedules or users");
            for (int t = 0; t < r.targets().size(); t++) {
                Target target = r.targets().get(t);
                String tf = field + ".targets[" + t + "]";
                Validation.require(target != null && (Target.SCHEDULE.equals(target.type()) || Target.USER.equals(target.type())),
                        tf + ".type", "must be schedule or user");
                boolean exists = Target.USER.equals(target.type()) ? target.id() != null && OncallUser.findById(target.id()) != null
                        : target.id() != null && OncallSchedule.findById(target.id()) != null;
                Validation.require(exists, tf + ".id", "must name an existing " + target.type());
            }
            out.add(new EscalationRule(delay.toString(), List.copyOf(r.targets())));
        }
        p.rules = out;
        p.updatedAt = Instant.now(clock);
    }

    private static EscalationPolicy load(String id) {
        return EscalationPolicy.<EscalationPolicy>findByIdOptional(id)
                .orElseThrow(() -> new ResourceNotFoundException("escalation policy " + id + " does not exist"));
    }
}
