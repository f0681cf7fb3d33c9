package io.incidentops.cli.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code KEY=value} file as the local stack writes {@code stack.env}: comments, blank lines, an optional
 * {@code export}, values shell-quoted ({@code 'a b'}, {@code "a b"}, {@code 'it'"'"'s'}). Written back the same way,
 * readable by its owner only (it holds a token).
 */
public final class ConfigFile {

    private ConfigFile() {
    }

    /** The file's entries in file order; an absent file has none. */
    public static Map<String, String> read(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return values;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue; // not an assignment: ignored, as a shell would not set anything either
            }
            values.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1)));
        }
        return values;
    }

    /**
     * Replaces the file atomically with these entries, created 0600 from the start (never readable by others, not
     * even for a moment); a directory it has to create is 0700.
     */
    public static void write(Path file, Map<String, String> values) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        StringBuilder text = new StringBuilder("# incidentops CLI configuration (written by `incidentops login`)\n");
        values.forEach((k, v) -> text.append(k).append('=').append(quote(v)).append('\n'));
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            if (posix) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(tmp);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another login is writing " + file, e);
        }
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Shell quoting as stack.env does it: bare when safe, else single quotes. */
    static String quote(String value) {
        if (value.matches("[A-Za-z0-9_./:@%+=,-]*")) {
            return value;
        }
        return "'" + value.replace("'", "'\"'\"'") + "'";
    }

    /** The value a POSIX shell would assign: quoted parts joined, a trailing comment after blanks dropped. */
    static String unquote(String raw) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '\'') {
                int end = raw.indexOf('\'', i + 1);
                if (end < 0) {
                    end = raw.length();
                }
                out.append(raw, i + 1, end);
                i = end + 1;
            } else if (c == '"') {
                i++;
                while (i < raw.length() && raw.charAt(i) != '"') {
                    char d = raw.charAt(i);
                    if (d == '\\' && i + 1 < raw.length() && "\"\\$`".indexOf(raw.charAt(i + 1)) >= 0) {
                        d = raw.charAt(++i);
                    }
                    out.append(d);
                    i++;
                }
                i++;
            } else if (Character.isWhitespace(c)) {
                break; // `KEY=value # comment`
            } else if (c == '\\' && i + 1 < raw.length()) {
                out.append(raw.charAt(i + 1));
                i += 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
