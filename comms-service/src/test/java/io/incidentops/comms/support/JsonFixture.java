package io.incidentops.comms.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Expected JSON documents, field by field: every object lists all its fields (a missing, extra or renamed field is a
 * mismatch), literal values must be equal, and values that differ from run to run are matched by a marker:
 * <ul>
 * <li>{@code #id} (12 lower-case letters and digits), {@code #page-id} (the page's own id), {@code #string},
 * {@code #int}, {@code #url}, {@code #timestamp} (ISO-8601 with offset), {@code #one-of:a|b|c},
 * {@code #regex:...} (whole value); {@code #string-or-null}, {@code #timestamp-or-null};</li>
 * <li>{@code #shape:name}: the object described under {@code shapes.name}; {@code #array-of:name}: an array, maybe
 * empty, whose every element is such an object;</li>
 * <li>an array with one element: a non-empty array whose every element matches it; {@code []}: an empty array.</li>
 * </ul>
 */
public final class JsonFixture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OR_NULL = "-or-null";
    private static final Pattern ID = Pattern.compile("[a-z0-9]{12}");
    private static final Pattern URL = Pattern.compile("https?://\\S+");
    private static final Pattern TIMESTAMP =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

    private final JsonNode fixture;

    private JsonFixture(JsonNode fixture) {
        this.fixture = fixture;
    }

    /** Reads a fixture with {@code shapes} and {@code documents} (by path) from the test class path. */
    public static JsonFixture load(String resource) {
        try (InputStream in = JsonFixture.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException("no test resource " + resource);
            return new JsonFixture(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The paths of the expected documents. */
    public List<String> documents() {
        List<String> paths = new ArrayList<>();
        fixture.get("documents").fieldNames().forEachRemaining(paths::add);
        return paths;
    }

    /** @return one line per difference between the document served at {@code path} and its expectation */
    public List<String> mismatches(String path, String actualJson, String pageId) {
        JsonNode expected = fixture.get("documents").get(path);
        if (expected == null) throw new IllegalArgumentException("no expected document for " + path);
        List<String> errors = new ArrayList<>();
        try {
            new Matcher(pageId, errors).match(path + " $", expected, JSON.readTree(actualJson));
        } catch (IOException e) {
            errors.add(path + ": not JSON: " + e.getMessage());
        }
        return errors;
    }

    private final class Matcher {
        private final String pageId;
        private final List<String> errors;

        Matcher(String pageId, List<String> errors) {
            this.pageId = pageId;
            this.errors = errors;
        }

        void match(String where, JsonNode expected, JsonNode actual) {
            if (expected.isObject()) {
                object(where, expected, actual);
            } else if (expected.isArray()) {
                array(where, expected, actual);
            } else if (expected.isTextual() && expected.asText().startsWith("#")) {
                marker(where, expected.asText(), actual);
            } else if (!expected.equals(actual)) {
                errors.add(where + ": expected " + expected + ", was " + actual);
            }
        }

        private void object(String where, JsonNode expected, JsonNode actual) {
            if (!actual.isObject()) {
                errors.add(where + ": expected an object, was " + actual);
                return;
            }
            Set<String> missing = names(expected);
            missing.removeAll(names(actual));
            Set<String> extra = names(actual);
            extra.removeAll(names(expected));
            if (!missing.isEmpty()) errors.add(where + ": missing fields " + missing);
            if (!extra.isEmpty()) errors.add(where + ": unexpected fields " + extra);
            for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (actual.has(name)) match(where + "." + name, expected.get(name), actual.get(name));
            }
        }

        private void array(String where, JsonNode expected, JsonNode actual) {
            if (!actual.isArray()) {
                errors.add(where + ": expected an array, was " + actual);
            } else if (expected.isEmpty()) {
                if (!actual.isEmpty()) errors.add(where + ": expected an empty array, was " + actual);
            } else if (actual.isEmpty()) {
                errors.add(where + ": expected elements, was an empty array (nothing to check)");
            } else {
                for (int i = 0; i < actual.size(); i++) match(where + "[" + i + "]", expected.get(0), actual.get(i));
            }
        }

        private void marker(String where, String marker, JsonNode actual) {
            if (marker.startsWith("#shape:")) {
                JsonNode shape = fixture.get("shapes").get(marker.substring("#shape:".length()));
                if (shape == null) throw new IllegalArgumentException("fixture has no shape for " + marker);
                match(where, shape, actual);
                return;
            }
            if (marker.startsWith("#array-of:")) {
                if (!actual.isArray()) {
                    errors.add(where + ": expected an array, was " + actual);
                    return;
                }
                String shape = "#shape:" + marker.substring("#array-of:".length());
                for (int i = 0; i < actual.size(); i++) marker(where + "[" + i + "]", shape, actual.get(i));
                return;
            }
            boolean orNull = marker.endsWith(OR_NULL);
            if (orNull && actual.isNull()) return;
            String kind = orNull ? marker.substring(0, marker.length() - OR_NULL.length()) : marker;
            if (!accepts(kind, actual)) errors.add(where + ": expected " + marker + ", was " + actual);
        }

        private boolean accepts(String kind, JsonNode actual) {
            String text = actual.isTextual() ? actual.asText() : null;
            if (kind.startsWith("#one-of:")) {
                return text != null && List.of(kind.substring("#one-of:".length()).split("\\|")).contains(text);
            }
            if (kind.startsWith("#regex:")) return text != null && text.matches(kind.substring("#regex:".length()));
            switch (kind) {
                case "#id": return text != null && ID.matcher(text).matches();
                case "#page-id": return pageId.equals(text);
                case "#string": return text != null;
                case "#int": return actual.isIntegralNumber();
                case "#url": return text != null && URL.matcher(text).matches();
                case "#timestamp": return text != null && isTimestamp(text);
                default: throw new IllegalArgumentException("unknown marker " + kind + " in the fixture");
            }
        }
    }

    private static boolean isTimestamp(String text) {
        if (!TIMESTAMP.matcher(text).matches()) return false;
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
