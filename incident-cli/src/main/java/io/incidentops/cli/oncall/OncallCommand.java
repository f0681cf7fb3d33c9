package io.incidentops.cli.oncall;

import picocli.CommandLine.Command;

/** {@code oncall}: who carries the pager. */
@Command(name = "oncall", description = "Who is on call (intake's schedules).", subcommands = OncallNow.class)
public class OncallCommand {
}
