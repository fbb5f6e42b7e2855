package io.smolsnake.pypackaging.lock;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Free-form TOML values ({@code [tool]} tables, dependency entries) as plain Java values:
 * {@code String}, {@code Boolean}, {@code Long}, {@code BigInteger}, {@code Double}, the four
 * {@code java.time} kinds TOML has, {@code List} and {@code Map<String, ?>}. Copies are deep,
 * immutable and key-sorted, so equal content always writes the same bytes.
 */
final class TomlValues {
    private TomlValues() {}

    static Map<String, Object> table(Map<String, ?> map) {
        if (map == null) {
            return Map.of();
        }
        TreeMap<String, Object> sorted = new TreeMap<>();
        map.forEach((k, v) -> {
            if (k == null) {
                throw new IllegalArgumentException("a TOML key cannot be null");
            }
            sorted.put(k, value(v));
        });
        return Collections.unmodifiableMap(sorted);
    }

    static List<Map<String, Object>> tables(List<? extends Map<String, ?>> list) {
        if (list == null) {
            return List.of();
        }
        List<Map<String, Object>> copy = new ArrayList<>();
        for (Map<String, ?> m : list) {
            copy.add(table(m));
        }
        return List.copyOf(copy);
    }

    static Object value(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double
                || v instanceof OffsetDateTime || v instanceof LocalDateTime || v instanceof LocalDate
                || v instanceof LocalTime) {
            return v;
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof Map<?, ?> m) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            m.forEach((k, x) -> {
                if (!(k instanceof String s)) {
                    throw new IllegalArgumentException("a TOML key must be a string, found " + k);
                }
                sorted.put(s, value(x));
            });
            return Collections.unmodifiableMap(sorted);
        }
        if (v instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            for (Object x : l) {
                copy.add(value(x));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException("not a TOML value: " + (v == null ? "null" : v.getClass().getName()));
    }
}
