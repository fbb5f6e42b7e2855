package io.smolsnake.pypackaging.lock;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What smolsnake locked for, recorded under {@code [tool.smolsnake]}: the Lambda runtime
 * ({@code python3.12} or {@code host}), the architecture ({@code x86_64} or {@code arm64}) and,
 * when known, the digest of the inputs the lock was made from (so a tool can tell a stale lock).
 */
public record LockTarget(String runtime, String arch, String inputsDigest) {
    static final String TOOL = "smolsnake";

    public LockTarget {
        if (runtime == null || runtime.isBlank() || arch == null || arch.isBlank()) {
            throw new IllegalArgumentException("a lock target needs a runtime and an arch");
        }
    }

    Map<String, Object> toTable() {
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("runtime", runtime);
        table.put("arch", arch);
        if (inputsDigest != null) {
            table.put("inputs-digest", inputsDigest);
        }
        return table;
    }
}
