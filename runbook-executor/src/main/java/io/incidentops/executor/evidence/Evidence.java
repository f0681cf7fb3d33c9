package io.incidentops.executor.evidence;

import java.util.LinkedHashMap;
import java.util.Map;

/** An entry's input or output: named values in the order given (null values kept: "no detail" is evidence too). */
public final class Evidence {

    private Evidence() {
    }

    /** @param namesAndValues name, value, name, value... */
    public static Map<String, Object> of(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            map.put((String) namesAndValues[i], value == null ? null : value instanceof Number || value instanceof Iterable<?>
                    ? value : value.toString());
        }
        return map;
    }
}
