package io.incidentops.cli.config;

import io.incidentops.cli.support.CliException;
import io.incidentops.cli.support.ExitCodes;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The resolved configuration: the services' base URLs, the bearer token and the integration key, under the names
 * that {@code stack.env} uses.
 *
 * @param file the config file that was read (also where {@code login} writes)
 */
public record CliConfig(Map<String, String> values, Path file) {

    public static final String INTAKE_URL = "INTAKE_URL";
    public static final String EXECUTOR_URL = "EXECUTOR_URL";
    public static final String COMMS_URL = "COMMS_URL";
    public static final String REPORTER_URL = "REPORTER_URL";
    public static final String CONSOLE_URL = "CONSOLE_URL";
    public static final String TOKEN = "TOKEN";
    /** stack.env's name for the token; accepted wherever TOKEN is. */
    public static final String ADMIN_TOKEN = "ADMIN_TOKEN";
    public static final String INTEGRATION_KEY = "INTEGRATION_KEY";

    /** The keys the CLI reads and {@code login} stores, in the order it writes them. */
    public static final java.util.List<String> KEYS = java.util.List.of(INTAKE_URL, EXECUTOR_URL, COMMS_URL,
            REPORTER_URL, CONSOLE_URL, TOKEN, INTEGRATION_KEY);

    public CliConfig {
        values = Map.copyOf(values);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** A value the command cannot do without; missing, the user is told where to set it. */
    public String require(String key, String option) {
        return get(key).orElseThrow(() -> new CliException(ExitCodes.USAGE, "no " + key + " configured: set it with `"
                + option + "`, the " + key + " environment variable, or `incidentops login` (config file " + file + ")"));
    }

    public String token() {
        return require(TOKEN, "--token");
    }
}
