package io.llmload.report;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Builds a record from named values, every other component at its type's zero (0, false, empty
 * map or list, null), so tests state only what they are about and keep compiling when a record
 * gains a component.
 */
public final class Records {
    private Records() {
    }

    public static <R extends Record> R build(Class<R> type, Map<String, Object> values) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            args[i] = values.containsKey(c.getName()) ? values.get(c.getName()) : zero(c.getType());
        }
        try {
            Constructor<R> constructor = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return constructor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot build " + type.getSimpleName() + ": " + e, e);
        }
    }

    /** A copy of {@code record} with the named components replaced. */
    public static <R extends Record> R copy(R record, Map<String, Object> changes) {
        @SuppressWarnings("unchecked")
        Class<R> type = (Class<R>) record.getClass();
        Map<String, Object> values = new java.util.HashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            try {
                values.put(c.getName(), c.getAccessor().invoke(record));
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        values.putAll(changes);
        return build(type, values);
    }

    private static Object zero(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0.0;
        }
        if (type == Map.class) {
            return Map.of();
        }
        if (type == List.class) {
            return List.of();
        }
        return null;
    }
}
