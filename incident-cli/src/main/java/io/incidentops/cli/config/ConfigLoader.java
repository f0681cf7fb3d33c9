package io.incidentops.cli.config;

import io.incidentops.cli.support.CliException;
import io.incidentops.cli.support.Environment;
import io.incidentops.cli.support.ExitCodes;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Resolves the configuration in layers, each overriding the one before: the config file ({@code INCIDENTOPS_CONFIG}
 * or {@code ~/.config/incidentops/config}), environment variables of the same names, then command-line options.
 * {@code ADMIN_TOKEN} counts as {@code TOKEN} in a layer that has no {@code TOKEN}, so stack.env itself can serve as
 * the config file.
 */
public final class ConfigLoader {

    /** Environment variable naming another config file. */
    public static final String CONFIG_VARIABLE = "INCIDENTOPS_CONFIG";

    private ConfigLoader() {
    }

    public static Path configFile(Environment env) {
        return env.get(CONFIG_VARIABLE).map(Path::of)
                .orElse(env.home().resolve(".config").resolve("incidentops").resolve("config"));
    }

    /** @param options values given on the command line (null or blank entries are ignored) */
    public static CliConfig load(Environment env, Map<String, String> options) {
        Path file = configFile(env);
        Map<String, String> fromFile;
        try {
            fromFile = ConfigFile.read(file);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read the config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> merged = new HashMap<>(layer(fromFile));
        merged.putAll(layer(env.variables()));
        merged.putAll(layer(options));
        return new CliConfig(merged, file);
    }

    /** The known keys of one layer, blanks dropped, ADMIN_TOKEN standing in for a missing TOKEN. */
    private static Map<String, String> layer(Map<String, String> source) {
        Map<String, String> out = new HashMap<>();
        for (String key : CliConfig.KEYS) {
            String value = source.get(key);
            if (value != null && !value.isBlank()) {
                out.put(key, value.trim());
            }
        }
        String admin = source.get(CliConfig.ADMIN_TOKEN);
        if (!out.containsKey(CliConfig.TOKEN) && admin != null && !admin.isBlank()) {
            out.put(CliConfig.TOKEN, admin.trim());
        }
        return out;
    }
}
