package io.incidentops.cli.alerts;

import picocli.CommandLine.Command;

/** {@code alerts}: alerts into intake, as a monitoring pipeline sends them. */
@Command(name = "alerts", description = "Send alerts to intake.", subcommands = SendAlert.class)
public class AlertsCommand {
}
