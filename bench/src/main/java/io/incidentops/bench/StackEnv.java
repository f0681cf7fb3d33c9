package io.incidentops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code deploy/local/target/stack.env}: shell-sourceable {@code KEY=value} lines written by the local stack. */
final class StackEnv {

    private final Map<String, String> values;

    private StackEnv(Map<String, String> values) {
        this.values = values;
    }

    static StackEnv load(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    static StackEnv parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            values.put(l.substring(0, eq), unquote(l.substring(eq + 1)));
        }
        return new StackEnv(values);
    }

    /** Undoes the stack's quoting: bare words, {@code '...'} and {@code "..."} runs, e.g. {@code 'it'"'"'s'}. */
    static String unquote(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                if (end < 0) {
                    end = s.length();
                }
                out.append(s, i + 1, end);
                i = end + 1;
            } else if (c == '"') {
                i++;
                while (i < s.length() && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                        i++;
                    }
                    out.append(s.charAt(i++));
                }
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    String require(String key) {
        return get(key).orElseThrow(() -> new IllegalStateException(
                key + " is missing from stack.env: is the stack fully started (not --infra-only)?"));
    }
}
