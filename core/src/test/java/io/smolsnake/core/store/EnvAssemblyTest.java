package io.smolsnake.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Environments assembled while their entries are installed: entries added from several threads. */
class EnvAssemblyTest {
    @TempDir
    Path tmp;
    Store store;
    Environments environments;
    ExecutorService threads;

    @BeforeEach
    void openStore() {
        store = Store.open(tmp.resolve("efs"));
        environments = Environments.open(store);
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    StoreKey install(TestWheel wheel) throws IOException {
        Path file = wheel.build(tmp.resolve("wheels-" + UUID.randomUUID()));
        String name = file.getFileName().toString().split("-")[0];
        String version = file.getFileName().toString().split("-")[1];
        return store.install(StoreTest.request(EnvironmentsTest.PY312, file, name, version)).key();
    }

    /** Adds every key, each from its own thread, all released at once; rethrows the first failure. */
    void addAtOnce(EnvAssembly assembly, List<StoreKey> keys) throws Exception {
        CyclicBarrier start = new CyclicBarrier(keys.size());
        List<Future<?>> added = new ArrayList<>();
        for (StoreKey key : keys) {
            added.add(threads.submit(() -> {
                start.await();
                assembly.add(key);
                return null;
            }));
        }
        for (Future<?> f : added) {
            f.get();
        }
    }

    static List<String> tree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(p -> !p.getFileName().toString().equals(Markers.ENVIRONMENT))
                    .map(p -> root.relativize(p) + (Files.isDirectory(p) ? "/" : "")).sorted().toList();
        }
    }

    @Test
    void entriesAddedFromManyThreadsAtOnceGiveTheForestAssembledAtTheEnd() throws Exception {
        // given: eight wheels that all fill one namespace package, its directories made by whichever thread is first
        List<StoreKey> keys = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            keys.add(install(TestWheel.wheel("part" + i, "1.0")
                    .file("google/cloud/part" + i + "/__init__.py", "N = " + i + "\n")
                    .file("google/cloud/part" + i + "/deep/er/mod.py", "")
                    .file("part" + i + "-1.0.data/scripts/tool" + i, "#!/bin/sh\n")));
        }
        EnvResult atTheEnd = environments.assemble(EnvRequest.linkForest(EnvironmentsTest.PY312, "lock-end", keys));

        // when
        EnvResult pipelined;
        try (EnvAssembly assembly = environments.begin(EnvRequest.linkForest(EnvironmentsTest.PY312, "lock-p", keys))) {
            addAtOnce(assembly, keys);
            pipelined = assembly.finish();
        }

        // then
        assertEquals(tree(atTheEnd.path()), tree(pipelined.path()));
        assertEquals(atTheEnd.files(), pipelined.files());
        assertEquals(atTheEnd.directories(), pipelined.directories());
        assertTrue(Files.isSameFile(pipelined.path().resolve("site-packages/google/cloud/part3/__init__.py"),
                store.entryPath(keys.get(3)).resolve("google/cloud/part3/__init__.py")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"in the lock's order", "in reverse", "at once"})
    void conflictsBetweenEntriesAddedAsTheyArePublishedNameBothPackagesWhateverTheOrder(String order)
            throws Exception {
        List<StoreKey> keys = EnvironmentsTest.conflicting(this::install);
        StoreKey one = keys.get(0);
        StoreKey two = keys.get(1);
        StoreKey three = keys.get(2);

        StoreException e;
        try (EnvAssembly assembly = environments.begin(EnvRequest.linkForest(EnvironmentsTest.PY312, "lock-x", keys))) {
            switch (order) {
                case "in the lock's order" -> keys.forEach(assembly::add);
                case "in reverse" -> List.of(three, two, one).forEach(assembly::add);
                default -> addAtOnce(assembly, keys);
            }
            e = assertThrows(StoreException.class, assembly::finish);
        }

        assertEquals(StoreException.Kind.CONFLICT, e.kind());
        List<String> lines = e.getMessage().lines().toList();
        assertEquals(List.of("lock-x: 2 paths would hold different files from two packages; the lock cannot be "
                        + "assembled into one site-packages",
                "  site-packages/shared/__init__.py: c1 1.0 and c2 2.0 install different content"),
                lines.subList(0, 2));
        // the packages in the lock's order, whichever was linked first
        assertEquals("  site-packages/shared/sub: a file in c2 2.0, a directory in c3 3.0", lines.get(2));
        assertEquals(List.of(), EnvironmentsTest.listing(tmp.resolve("efs/envs/python3.12-x86_64")));
    }

    @Test
    void anAssemblyClosedBeforeEveryEntryWasAddedLeavesNoEnvironmentAndNoTemporary() throws Exception {
        // given: two of three packages installed and linked, the third failed to install
        StoreKey one = install(TestWheel.wheel("ok1", "1.0").file("ok1.py", ""));
        StoreKey two = install(TestWheel.wheel("ok2", "1.0").file("ok2/__init__.py", ""));
        StoreKey failed = StoreKey.of(EnvironmentsTest.PY312, "broken", "1.0", "ab".repeat(32));
        EnvRequest request = EnvRequest.linkForest(EnvironmentsTest.PY312, "lock-f", List.of(one, two, failed));

        // when
        try (EnvAssembly assembly = environments.begin(request)) {
            addAtOnce(assembly, List.of(one, two));
        }

        // then
        assertEquals(List.of(), EnvironmentsTest.listing(tmp.resolve("efs/envs/python3.12-x86_64")));
        assertFalse(environments.isComplete(request));
    }

    @Test
    void finishingWithAnEntryNeitherAddedNorInTheStoreListsItAndPublishesNothing() throws Exception {
        StoreKey one = install(TestWheel.wheel("ok1", "1.0").file("ok1.py", ""));
        StoreKey absent = StoreKey.of(EnvironmentsTest.PY312, "gone", "2.0", "ab".repeat(32));

        StoreException e;
        try (EnvAssembly assembly = environments.begin(
                EnvRequest.linkForest(EnvironmentsTest.PY312, "lock-m", List.of(one, absent)))) {
            assembly.add(one);
            e = assertThrows(StoreException.class, assembly::finish);
        }

        assertEquals(StoreException.Kind.MISSING_ENTRY, e.kind());
        assertEquals("lock-m: 1 of 2 packages are not in the store; install them first\n"
                + "  gone 2.0 (python3.12-x86_64, sha256 abababababababab) at " + store.entryPath(absent),
                e.getMessage());
        assertEquals(List.of(), EnvironmentsTest.listing(tmp.resolve("efs/envs/python3.12-x86_64")));
    }

    @Test
    void addingAPackageThatIsNotTheLocksIsRefused() throws Exception {
        StoreKey one = install(TestWheel.wheel("ok1", "1.0").file("ok1.py", ""));
        StoreKey other = install(TestWheel.wheel("other", "1.0").file("other.py", ""));

        try (EnvAssembly assembly = environments.begin(
                EnvRequest.linkForest(EnvironmentsTest.PY312, "lock-o", List.of(one)))) {
            StoreException e = assertThrows(StoreException.class, () -> assembly.add(other));

            assertEquals(StoreException.Kind.MISSING_ENTRY, e.kind());
            assertEquals("lock-o: other 1.0 (python3.12-x86_64, sha256 " + other.sha256().substring(0, 16)
                    + ") is not one of the environment's 1 entries", e.getMessage());
        }
    }

    @Test
    void anEnvironmentAlreadyCompleteIsAnsweredAsCachedAndAddingChangesNothing() throws Exception {
        StoreKey one = install(TestWheel.wheel("ok1", "1.0").file("ok1.py", ""));
        EnvRequest request = EnvRequest.linkForest(EnvironmentsTest.PY312, "lock-c", List.of(one));
        EnvResult first = environments.assemble(request);

        EnvResult second;
        try (EnvAssembly assembly = environments.begin(request)) {
            assembly.add(one);
            second = assembly.finish();
        }

        assertTrue(second.cached());
        assertEquals(first.files(), second.files());
        assertEquals(List.of("lock-c"), EnvironmentsTest.listing(tmp.resolve("efs/envs/python3.12-x86_64")));
    }
}
