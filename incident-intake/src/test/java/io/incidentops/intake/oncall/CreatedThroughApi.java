package io.incidentops.intake.oncall;

import java.util.ArrayList;
import java.util.List;

import static io.incidentops.intake.support.Fixtures.as;

/**
 * What a test created through the on-call API, deleted after it: what refers to users (schedules, policies,
 * services) first, then the users.
 */
final class CreatedThroughApi {

    private final List<String> paths = new ArrayList<>();

    /** A user with an e-mail contact (see {@link EscalationTest#user}); returns its id. */
    String user(String name) {
        String id = EscalationTest.user(name);
        paths.add("/api/users/" + id);
        return id;
    }

    /** Something that refers to users, e.g. {@code /api/schedules/<id>}: deleted before them. */
    void referring(String path) {
        paths.add(0, path);
    }

    void deleteAll() {
        paths.forEach(path -> as("admin").delete(path));
        paths.clear();
    }
}
