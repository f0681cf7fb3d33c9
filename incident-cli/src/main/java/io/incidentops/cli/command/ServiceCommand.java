package io.incidentops.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentops.cli.config.CliConfig;
import io.incidentops.cli.config.ConfigLoader;
import io.incidentops.cli.http.ServiceClient;
import io.incidentops.cli.output.Json;
import io.incidentops.cli.support.Environment;
import io.incidentops.cli.support.ExitCodes;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A command that calls a service and prints its answer: as the service's JSON with {@code --json}, otherwise as the
 * subclass renders it.
 */
public abstract class ServiceCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    @Mixin
    protected ConnectionOptions connection;

    @Option(names = "--json", description = "print the service's JSON answer instead of a table")
    protected boolean json;

    private CliConfig config;

    @Override
    public final Integer call() {
        JsonNode answer = run();
        if (json) {
            printJson(answer);
        } else {
            render(answer, out());
            out().flush();
        }
        return ExitCodes.OK;
    }

    /** Calls the service; returns its answer. */
    protected abstract JsonNode run();

    /** Prints the answer for a person. */
    protected abstract void render(JsonNode answer, PrintWriter out);

    protected final CliConfig config() {
        if (config == null) {
            config = ConfigLoader.load(environment(), connectionOverrides());
        }
        return config;
    }

    /** Options of this command that override the config (a subclass adds its own, e.g. the integration key). */
    protected Map<String, String> connectionOverrides() {
        return connection.asConfig();
    }

    protected final ServiceClient intake() {
        return client("intake", CliConfig.INTAKE_URL, "--intake-url");
    }

    protected final ServiceClient executor() {
        return client("runbook-executor", CliConfig.EXECUTOR_URL, "--executor-url");
    }

    protected final ServiceClient comms() {
        return client("comms", CliConfig.COMMS_URL, "--comms-url");
    }

    private ServiceClient client(String name, String urlKey, String option) {
        return new ServiceClient(name, config().require(urlKey, option), config().token());
    }

    protected final Environment environment() {
        return ((Environment.Holder) spec.root().userObject()).environment();
    }

    protected final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected final void printJson(JsonNode node) {
        try {
            out().println(Json.MAPPER.writeValueAsString(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out().flush();
    }
}
