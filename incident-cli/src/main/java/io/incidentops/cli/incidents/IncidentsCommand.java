package io.incidentops.cli.incidents;

import picocli.CommandLine.Command;

/** {@code incidents}: intake's incidents, read and driven through their lifecycle. */
@Command(name = "incidents", description = "List, show and drive incidents (intake).",
        subcommands = {ListIncidents.class, ShowIncident.class, AcknowledgeIncident.class, ResolveIncident.class,
                ReopenIncident.class, ChangeSeverity.class, PostUpdate.class})
public class IncidentsCommand {
}
