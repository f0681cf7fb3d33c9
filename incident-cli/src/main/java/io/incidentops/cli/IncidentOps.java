package io.incidentops.cli;

import io.incidentops.cli.alerts.AlertsCommand;
import io.incidentops.cli.incidents.IncidentsCommand;
import io.incidentops.cli.login.LoginCommand;
import io.incidentops.cli.oncall.OncallCommand;
import io.incidentops.cli.runbooks.RunbooksCommand;
import io.incidentops.cli.support.CliException;
import io.incidentops.cli.support.Environment;
import io.incidentops.cli.support.ExitCodes;
import io.incidentops.cli.tail.TailCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * {@code incidentops}: the responders' command line. Every command talks to the services' HTTP APIs with the
 * configured token; see incident-cli/README.md.
 */
// scope INHERIT: every subcommand gets --help, --version and the exit-code list too
@Command(name = "incidentops", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = IncidentOps.Version.class,
        description = "IncidentOps from the terminal: incidents, alerts, on-call, runbooks, live events.",
        subcommands = {LoginCommand.class, IncidentsCommand.class, AlertsCommand.class, OncallCommand.class,
                RunbooksCommand.class, TailCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:refused by the service (400, 409...) or failed", "2:usage, or nothing configured",
                "3:not authenticated or not allowed (401, 403)", "4:not found (404)",
                "5:service error (5xx) or unreachable"})
public class IncidentOps implements Environment.Holder {

    private final Environment environment;

    public IncidentOps(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Environment environment() {
        return environment;
    }

    public static void main(String[] args) {
        System.exit(commandLine(Environment.system()).execute(args));
    }

    /** Runs one command line in this JVM (tests, embedding): what it prints goes to {@code out} and {@code err}. */
    public static int execute(Environment environment, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(environment);
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    /** The command line for this environment; callers may set its out and err writers before executing. */
    public static CommandLine commandLine(Environment environment) {
        CommandLine cli = new CommandLine(new IncidentOps(environment));
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof CliException failure) {
                commandLine.getErr().println("incidentops: " + failure.getMessage());
                commandLine.getErr().flush();
                return failure.exitCode();
            }
            commandLine.getErr().println("incidentops: unexpected error: " + e);
            commandLine.getErr().flush();
            return ExitCodes.FAILED;
        });
        return cli;
    }

    /** The version in the jar's manifest (the Maven project version). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = IncidentOps.class.getPackage().getImplementationVersion();
            return new String[] {"incidentops " + (v == null ? "(development build)" : v)};
        }
    }
}
