package io.smolsnake.pypackaging.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The hand-written equals and hashCode (the lock compares the host's answer with its guess) miss no field. */
class InterpreterFactsTest {
    private static final Object[] BASE = {"cpython", PythonVersion.of(3, 11), "311", "Linux", "linux-x86_64", false,
            ".cpython-311-x86_64-linux-gnu.so", false, false, true, true, Optional.of(LibcVersion.of(2, 36)),
            Optional.empty(), false, false, "", "", Map.of("python_full_version", "3.11.7")};

    static Stream<String> components() {
        return Arrays.stream(InterpreterFacts.class.getRecordComponents()).map(RecordComponent::getName);
    }

    @ParameterizedTest
    @MethodSource("components")
    void factsDifferingInOneFieldAreNotEqual(String component) throws Exception {
        RecordComponent[] all = InterpreterFacts.class.getRecordComponents();
        int i = IntStream.range(0, all.length).filter(k -> all[k].getName().equals(component)).findFirst().orElseThrow();
        Object[] other = BASE.clone();
        other[i] = different(BASE[i]);

        InterpreterFacts a = make(BASE);
        InterpreterFacts b = make(other);

        assertNotEquals(a, b, component);
        assertNotEquals(new HostTarget(a), new HostTarget(b), component);
        assertEquals(a, make(BASE.clone()));
        assertEquals(a.hashCode(), make(BASE.clone()).hashCode());
        assertEquals(new HostTarget(a).hashCode(), new HostTarget(make(BASE.clone())).hashCode());
    }

    private static Object different(Object value) {
        if (value instanceof Boolean b) {
            return !b;
        }
        if (value instanceof String s) {
            return s + "x";
        }
        if (value instanceof PythonVersion) {
            return PythonVersion.of(3, 12);
        }
        if (value instanceof Optional<?> o) {
            return o.isPresent() ? Optional.empty() : Optional.of(LibcVersion.of(1, 2));
        }
        if (value instanceof Map<?, ?>) {
            return Map.of("python_full_version", "3.11.8");
        }
        throw new AssertionError("no different value for " + value);
    }

    private static InterpreterFacts make(Object[] args) throws Exception {
        Class<?>[] types = Arrays.stream(InterpreterFacts.class.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        Constructor<InterpreterFacts> c = InterpreterFacts.class.getDeclaredConstructor(types);
        return c.newInstance(args);
    }
}
