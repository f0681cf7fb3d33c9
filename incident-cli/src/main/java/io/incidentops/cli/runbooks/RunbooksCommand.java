package io.incidentops.cli.runbooks;

import picocli.CommandLine.Command;

/** {@code runbooks}: the executor's runbook catalogue. */
@Command(name = "runbooks", description = "The runbook catalogue (runbook-executor).",
        subcommands = {ListRunbooks.class, ShowRunbook.class})
public class RunbooksCommand {
}
