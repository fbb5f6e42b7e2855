package io.smolsnake.pypackaging.lock;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Normalisation shared by the file records. */
final class Files {
    private Files() {}

    static Map<String, String> hashes(Map<String, String> hashes) {
        TreeMap<String, String> sorted = new TreeMap<>();
        if (hashes != null) {
            hashes.forEach((k, v) -> sorted.put(k.toLowerCase(Locale.ROOT), v.toLowerCase(Locale.ROOT)));
        }
        return java.util.Collections.unmodifiableMap(sorted);
    }

    static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
