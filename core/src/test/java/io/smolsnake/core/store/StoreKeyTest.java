package io.smolsnake.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.smolsnake.pypackaging.tags.LambdaTarget;
import io.smolsnake.pypackaging.tags.Target;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoreKeyTest {
    private static final Target PY312 = LambdaTarget.of("python3.12", "x86_64");
    private static final String SHA = "ab".repeat(32);

    @ParameterizedTest
    @CsvSource({
        "python3.12, x86_64, numpy,  2.2.6, abababababababababababababababababababababababababababababababab",
        "python3.12, x86_64, NumPy,  2.2.6, abababababababababababababababababababababababababababababababab",
        "python3.12, x86_64, numpy, 2.2.6.0, ABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABAB",
    })
    void keysNamingTheSameWheelAreOneEntry(String runtime, String arch, String name, String version, String sha) {
        StoreKey key = StoreKey.of(LambdaTarget.of(runtime, arch), name, version, sha);
        StoreKey same = StoreKey.of(PY312, "numpy", "2.2.6", SHA);

        assertEquals(same, key);
        assertEquals(same.hashCode(), key.hashCode());
        assertEquals(Set.of(same), Set.of(key));
    }

    @ParameterizedTest
    @CsvSource({
        "python3.13, x86_64, numpy,  2.2.6, abababababababababababababababababababababababababababababababab",
        "python3.12, arm64,  numpy,  2.2.6, abababababababababababababababababababababababababababababababab",
        "python3.12, x86_64, scipy,  2.2.6, abababababababababababababababababababababababababababababababab",
        "python3.12, x86_64, numpy,  2.2.7, abababababababababababababababababababababababababababababababab",
        "python3.12, x86_64, numpy,  2.2.6, abababababababababababababababababababababababababababababababac",
    })
    void keysDifferingInAnyPartAreDifferentEntries(String runtime, String arch, String name, String version,
            String sha) {
        StoreKey key = StoreKey.of(LambdaTarget.of(runtime, arch), name, version, sha);

        assertNotEquals(StoreKey.of(PY312, "numpy", "2.2.6", SHA), key);
    }
}
