package io.incidentops.cli.login;

import io.incidentops.cli.command.ConnectionOptions;
import io.incidentops.cli.config.CliConfig;
import io.incidentops.cli.config.ConfigFile;
import io.incidentops.cli.config.ConfigLoader;
import io.incidentops.cli.support.CliException;
import io.incidentops.cli.support.Environment;
import io.incidentops.cli.support.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code login}: stores the services' URLs and a token in the config file (0600). Values come from the file as it
 * was, then a stack.env ({@code --from-stack-env}), then options; without a token from either, it asks for one.
 */
@Command(name = "login", description = "Store the service URLs and your token in the config file (mode 600).")
public class LoginCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--from-stack-env", paramLabel = "FILE",
            description = "take URLs, ADMIN_TOKEN and INTEGRATION_KEY from the local stack's file, "
                    + "e.g. deploy/local/target/stack.env")
    Path stackEnv;

    @Option(names = "--integration-key", paramLabel = "KEY", description = "intake integration key, for `alerts send`")
    String integrationKey;

    @Override
    public Integer call() throws IOException {
        Environment env = ((Environment.Holder) spec.root().userObject()).environment();
        Path file = ConfigLoader.configFile(env);
        Map<String, String> values = new LinkedHashMap<>();
        ConfigFile.read(file).forEach((k, v) -> {
            if (CliConfig.KEYS.contains(k)) {
                values.put(k, v);
            }
        });
        boolean newToken = false;
        if (stackEnv != null) {
            newToken = takeStackEnv(values);
        }
        Map<String, String> options = connection.asConfig();
        options.put(CliConfig.INTEGRATION_KEY, integrationKey);
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (e.getValue() != null && !e.getValue().isBlank()) {
                values.put(e.getKey(), e.getValue().trim());
                newToken |= e.getKey().equals(CliConfig.TOKEN);
            }
        }
        if (!values.containsKey(CliConfig.INTAKE_URL)) {
            throw new CliException(ExitCodes.USAGE, "login needs --intake-url (and the other services' URLs) or "
                    + "--from-stack-env deploy/local/target/stack.env");
        }
        if (!newToken) {
            String answer = env.prompt().ask("Token (bearer JWT) for " + values.get(CliConfig.INTAKE_URL) + ": ");
            if (answer == null || answer.isBlank()) {
                throw new CliException(ExitCodes.USAGE, "no token given: nothing stored");
            }
            values.put(CliConfig.TOKEN, answer.trim());
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        CliConfig.KEYS.stream().filter(values::containsKey).forEach(k -> ordered.put(k, values.get(k)));
        ConfigFile.write(file, ordered);

        PrintWriter out = spec.commandLine().getOut();
        out.println("Saved to " + file + " (readable by you only).");
        out.println(TokenClaims.describe(values.get(CliConfig.TOKEN)));
        out.flush();
        return ExitCodes.OK;
    }

    /** Takes the stack's URLs and keys; true when it brought a token. */
    private boolean takeStackEnv(Map<String, String> values) throws IOException {
        if (!Files.isRegularFile(stackEnv)) {
            throw new CliException(ExitCodes.USAGE, stackEnv + " does not exist: is the local stack running "
                    + "(deploy/local/stack.sh)?");
        }
        Map<String, String> stack = ConfigFile.read(stackEnv);
        for (String key : CliConfig.KEYS) {
            String value = key.equals(CliConfig.TOKEN) ? stack.getOrDefault(key, stack.get(CliConfig.ADMIN_TOKEN))
                    : stack.get(key);
            if (value != null && !value.isBlank()) {
                values.put(key, value.trim());
            }
        }
        return stack.containsKey(CliConfig.TOKEN) || stack.containsKey(CliConfig.ADMIN_TOKEN);
    }
}
