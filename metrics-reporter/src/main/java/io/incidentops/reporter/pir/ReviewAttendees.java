package io.incidentops.reporter.pir;

import io.incidentops.events.model.Responder;
import io.incidentops.reporter.timeline.IncidentSummary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who is invited to the review: everyone intake's events named with an e-mail address (the commander first, then the
 * responders paged and the people paged by e-mail), once per address. People known without an address (a roster
 * entry without contact, a page by SMS only) cannot be mailed and are left to the commander to add.
 */
final class ReviewAttendees {

    private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>\"(),;:\\\\\\[\\]]+@[A-Za-z0-9.-]+");
    private static final Pattern NAME_ADDRESS = Pattern.compile("^\\s*([^<]*?)\\s*<([^>]*)>\\s*$");

    private ReviewAttendees() {
    }

    static List<Responder> of(IncidentSummary s) {
        Map<String, Responder> byAddress = new LinkedHashMap<>();
        List<IncidentSummary.Person> people = new ArrayList<>(s.responderList());
        people.sort((a, b) -> Boolean.compare(!isCommander(a), !isCommander(b))); // stable: commander first
        for (IncidentSummary.Person p : people) {
            address(p.contact()).ifPresent(a -> byAddress.putIfAbsent(a.toLowerCase(Locale.ROOT),
                    new Responder(clean(p.name()), p.role(), a)));
        }
        return List.copyOf(byAddress.values());
    }

    /** {@code Name <address>} of the configuration; a bad address is a configuration error. */
    static Responder organizer(String configured) {
        Matcher m = NAME_ADDRESS.matcher(configured);
        String name = m.matches() ? m.group(1) : "IncidentOps";
        String address = m.matches() ? m.group(2) : configured.strip();
        return new Responder(name.isBlank() ? "IncidentOps" : clean(name), "organizer", address(address)
                .orElseThrow(() -> new IllegalStateException("incidentops.reporter.pir.organizer has no e-mail address")));
    }

    private static boolean isCommander(IncidentSummary.Person p) {
        return "incident-commander".equals(p.role());
    }

    private static Optional<String> address(String contact) {
        return Optional.ofNullable(contact).map(String::strip).filter(c -> ADDRESS.matcher(c).matches());
    }

    /** A display name goes into a quoted iCalendar parameter and a mail header: one line, no quotes. */
    private static String clean(String name) {
        return name == null ? "" : name.replaceAll("[\\p{Cntrl}\"]", " ").strip();
    }
}
