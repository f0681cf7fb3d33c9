package io.incidentops.cli.command;

import io.incidentops.cli.config.CliConfig;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.Map;

/** The options that override the config file and the environment: where the services are, which token to send. */
public class ConnectionOptions {

    @Option(names = "--intake-url", paramLabel = "URL", description = "incident-intake base URL (INTAKE_URL)")
    String intakeUrl;

    @Option(names = "--executor-url", paramLabel = "URL", description = "runbook-executor base URL (EXECUTOR_URL)")
    String executorUrl;

    @Option(names = "--comms-url", paramLabel = "URL", description = "comms-service base URL (COMMS_URL)")
    String commsUrl;

    @Option(names = "--reporter-url", paramLabel = "URL", description = "metrics-reporter base URL (REPORTER_URL)")
    String reporterUrl;

    @Option(names = "--console-url", paramLabel = "URL", description = "incident-console base URL (CONSOLE_URL)")
    String consoleUrl;

    @Option(names = "--token", paramLabel = "JWT",
            description = "bearer token (TOKEN or ADMIN_TOKEN; prefer those or the config file: options show in ps)")
    String token;

    /** The options given, under their config names. */
    public Map<String, String> asConfig() {
        Map<String, String> values = new HashMap<>();
        values.put(CliConfig.INTAKE_URL, intakeUrl);
        values.put(CliConfig.EXECUTOR_URL, executorUrl);
        values.put(CliConfig.COMMS_URL, commsUrl);
        values.put(CliConfig.REPORTER_URL, reporterUrl);
        values.put(CliConfig.CONSOLE_URL, consoleUrl);
        values.put(CliConfig.TOKEN, token);
        return values;
    }
}
