package io.smolsnake.pypackaging.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of the PubGrub documentation ("solver.md"), with versions written as integers
 * ({@code 1.1.0 -> 110}, {@code ^1.0.0 -> [100, 200)}).
 */
class PubGrubTest {

    /** An in-memory index: package -> version -> (dependency -> allowed set). */
    static final class Index implements DependencyProvider<String, IntSet, Integer> {
        final Map<String, TreeMap<Integer, Map<String, IntSet>>> packages = new LinkedHashMap<>();
        final Map<String, String> unavailable = new LinkedHashMap<>();

        Index add(String pkg, int version, Object... deps) {
            Map<String, IntSet> d = new LinkedHashMap<>();
            for (int i = 0; i < deps.length; i += 2) {
                d.put((String) deps[i], (IntSet) deps[i + 1]);
            }
            packages.computeIfAbsent(pkg, k -> new TreeMap<>()).put(version, d);
            return this;
        }

        @Override
        public IntSet full() {
            return IntSet.full();
        }

        @Override
        public IntSet singleton(Integer version) {
            return IntSet.exactly(version);
        }

        @Override
        public Optional<Integer> chooseVersion(String pkg, IntSet allowed) {
            TreeMap<Integer, Map<String, IntSet>> versions = packages.getOrDefault(pkg, new TreeMap<>());
            return versions.descendingKeySet().stream().filter(allowed::contains).findFirst();
        }

        @Override
        public Dependencies<String, IntSet> dependencies(String pkg, Integer version) {
            String why = unavailable.get(pkg + "@" + version);
            if (why != null) {
                return new Dependencies.Unavailable<>(why);
            }
            return new Dependencies.Known<>(packages.get(pkg).get(version));
        }
    }

    static IntSet caret(int v) {
        return IntSet.between(v, (v / 100 + 1) * 100);
    }

    static Map<String, Integer> solved(Index index) {
        Resolution<String, IntSet, Integer> r = PubGrub.solve(index, "root", 0);
        if (r instanceof Resolution.Unsolvable<String, IntSet, Integer> u) {
            throw new AssertionError("unexpectedly unsolvable:\n" + u.explain());
        }
        Map<String, Integer> versions = new TreeMap<>(((Resolution.Solved<String, IntSet, Integer>) r).versions());
        versions.remove("root");
        return versions;
    }

    @Test
    void resolvesWithoutConflicts() {
        Index index = new Index()
                .add("root", 0, "foo", caret(100))
                .add("foo", 100, "bar", caret(100))
                .add("bar", 100).add("bar", 200);
        assertEquals(Map.of("foo", 100, "bar", 100), solved(index));
    }

    @Test
    void avoidsAConflictWhileDeciding() {
        Index index = new Index()
                .add("root", 0, "foo", caret(100), "bar", caret(100))
                .add("foo", 110, "bar", caret(200)).add("foo", 100)
                .add("bar", 100).add("bar", 110).add("bar", 200);
        assertEquals(Map.of("foo", 100, "bar", 110), solved(index));
    }

    @Test
    void resolvesAConflictByLearning() {
        Index index = new Index()
                .add("root", 0, "foo", IntSet.between(100, IntSet.MAX))
                .add("foo", 200, "bar", caret(100)).add("foo", 100)
                .add("bar", 100, "foo", caret(100));
        assertEquals(Map.of("foo", 100), solved(index));
    }

    @Test
    void resolvesAConflictWithAPartialSatisfier() {
        Index index = new Index()
                .add("root", 0, "foo", caret(100), "target", caret(200))
                .add("foo", 110, "left", caret(100), "right", caret(100)).add("foo", 100)
                .add("left", 100, "shared", IntSet.between(100, IntSet.MAX))
                .add("right", 100, "shared", IntSet.between(IntSet.MIN, 200))
                .add("shared", 200).add("shared", 100, "target", caret(100))
                .add("target", 200).add("target", 100);
        assertEquals(Map.of("foo", 100, "target", 200), solved(index));
    }

    @Test
    void backtracksPastAnUnavailableVersion() {
        Index index = new Index()
                .add("root", 0, "a", IntSet.full())
                .add("a", 200).add("a", 100);
        index.unavailable.put("a@200", "has no wheel for python3.11 on x86_64");
        assertEquals(Map.of("a", 100), solved(index));
    }

    @Test
    void explainsALinearFailure() {
        Index index = new Index()
                .add("root", 0, "foo", caret(100), "baz", caret(100))
                .add("foo", 100, "bar", caret(200))
                .add("bar", 200, "baz", caret(300))
                .add("baz", 100).add("baz", 300);
        Resolution<String, IntSet, Integer> r = PubGrub.solve(index, "root", 0);
        var u = assertInstanceOf(Resolution.Unsolvable.class, r);
        String text = u.explain();
        assertEquals("""
                Because foo >=100,<200 depends on bar >=200,<300 and bar >=200,<300 depends on baz >=300,<400, \
                foo >=100,<200 depends on baz >=300,<400.
                And because the project depends on foo >=100,<200 and the project depends on baz >=100,<200, \
                version solving failed.""", text);
    }

    @Test
    void explainsABranchingFailureNamingEveryCause() {
        Index index = new Index()
                .add("root", 0, "foo", caret(100))
                .add("foo", 100, "a", caret(100), "b", caret(100))
                .add("foo", 110, "x", caret(100), "y", caret(100))
                .add("a", 100, "b", caret(200))
                .add("b", 100).add("b", 200)
                .add("x", 100, "y", caret(200))
                .add("y", 100).add("y", 200);
        Resolution<String, IntSet, Integer> r = PubGrub.solve(index, "root", 0);
        var u = assertInstanceOf(Resolution.Unsolvable.class, r);
        String text = u.explain();
        for (String fact : new String[] {"a >=100,<200 depends on b >=200,<300", "x >=100,<200 depends on y >=200,<300",
                "foo ==100 depends on", "foo ==110 depends on", "version solving failed"}) {
            assertTrue(text.contains(fact), () -> "missing '" + fact + "' in:\n" + text);
        }
    }

    @Test
    void reportsAMissingPackage() {
        Index index = new Index().add("root", 0, "ghost", IntSet.full());
        var u = assertInstanceOf(Resolution.Unsolvable.class, PubGrub.solve(index, "root", 0));
        assertEquals("Because there is no version of ghost and the project depends on ghost, "
                + "version solving failed.", u.explain());
    }
}
