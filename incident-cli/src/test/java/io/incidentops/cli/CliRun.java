package io.incidentops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.incidentops.cli.support.Environment;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/** Runs the CLI in this JVM with a given environment, capturing stdout and stderr. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun run(Environment environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = IncidentOps.execute(environment, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** With these variables, a home without config file, and nobody answering prompts. */
    public static CliRun run(Map<String, String> variables, Path home, String... args) {
        return run(new Environment(variables, home, question -> null), args);
    }

    /** A WireMock server on a free loopback port, playing the services. */
    public static WireMockExtension fakeService() {
        return WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();
    }

    public JsonNode json() {
        try {
            return new ObjectMapper().readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + out, e);
        }
    }
}
