package io.incidentops.cli.support;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a command takes from outside the process: environment variables, the home directory (for the config file)
 * and a way to ask for a secret. Tests and the in-process end-to-end test pass their own.
 */
public record Environment(Map<String, String> variables, Path home, SecretPrompt prompt) {

    /** Asks the person at the terminal for a secret; null when nobody answers. */
    @FunctionalInterface
    public interface SecretPrompt {
        String ask(String question) throws IOException;
    }

    public Environment {
        variables = Map.copyOf(variables);
    }

    public static Environment system() {
        return new Environment(System.getenv(), Path.of(System.getProperty("user.home")), Environment::askTerminal);
    }

    /** The variable's value, when set and not blank. */
    public Optional<String> get(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** Without echo on a terminal; from a pipe, one line of standard input ({@code echo $T | incidentops login}). */
    private static String askTerminal(String question) throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] answer = console.readPassword("%s", question);
            return answer == null ? null : new String(answer);
        }
        System.err.print(question);
        System.err.flush();
        return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }

    /** Implemented by the root command, so that every subcommand finds the environment through picocli's spec. */
    public interface Holder {
        Environment environment();
    }
}
