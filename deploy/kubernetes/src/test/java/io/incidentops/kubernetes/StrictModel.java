package io.incidentops.kubernetes;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * What the Kubernetes API server would reject: the fabric8 model keeps a field it does not know (a typo such as
 * {@code readinesProbe}) or a value of the wrong type in {@code additionalProperties} instead of failing. This walks
 * a loaded object and reports every such field with its path. Operator kinds are generic and not walked.
 */
final class StrictModel {
    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

    private StrictModel() {
    }

    static List<String> unknownFields(Object object, String path) {
        List<String> found = new ArrayList<>();
        walk(object, path, found);
        return found;
    }

    private static void walk(Object value, String path, List<String> found) {
        if (value == null || value instanceof GenericKubernetesResource) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", found);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, found));
            return;
        }
        if (!value.getClass().getName().startsWith(MODEL_PACKAGE)) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (!isPropertyGetter(getter)) {
                continue;
            }
            Object property = invoke(getter, value, path, found);
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) property).keySet().forEach(k -> found.add(path + "." + k));
            } else {
                walk(property, path + "." + propertyName(getter), found);
            }
        }
    }

    private static boolean isPropertyGetter(Method m) {
        return m.getName().startsWith("get") && m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())
                && m.getDeclaringClass().getName().startsWith(MODEL_PACKAGE);
    }

    private static Object invoke(Method getter, Object target, String path, List<String> found) {
        try {
            return getter.invoke(target);
        } catch (InvocationTargetException e) {
            // e.g. Quantity.getNumericalAmount() of "512Mb": a value the API server would refuse too
            found.add(path + "." + propertyName(getter) + " (invalid: " + e.getCause().getMessage() + ")");
            return null;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String propertyName(Method getter) {
        String n = getter.getName().substring(3);
        return Character.toLowerCase(n.charAt(0)) + n.substring(1);
    }
}
