package io.smolsnake.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A big entry is linked by several threads: the forest must be the one a single thread makes. */
class LinkForestTest {
    static final int BIG = 3 * LinkForest.FILES_PER_THREAD;

    @TempDir
    Path tmp;
    Store store;

    @BeforeEach
    void openStore() {
        store = Store.open(tmp.resolve("efs"));
    }

    StoreKey install(TestWheel wheel) throws IOException {
        Path file = wheel.build(tmp.resolve("wheels-" + UUID.randomUUID()));
        String name = file.getFileName().toString().split("-")[0];
        String version = file.getFileName().toString().split("-")[1];
        return store.install(StoreTest.request(EnvironmentsTest.PY312, file, name, version)).key();
    }

    static TestWheel big() {
        TestWheel wheel = TestWheel.wheel("big", "1.0")
                .file("big-1.0.data/scripts/tool", "#!/bin/sh\n")
                .file("big-1.0.data/data/share/big/readme.txt", "data\n")
                .file("big-1.0.data/headers/big.h", "int big;\n")
                .file("shared/__init__.py", "");
        for (int i = 0; i < BIG; i++) {
            wheel.file("big/d" + i % 40 + "/s" + i % 3 + "/m" + i + ".py", "N = " + i + "\n");
        }
        return wheel;
    }

    /** Links the entries in order, each by {@code threads} threads at most; returns the forest. */
    LinkForest link(Path root, List<StoreKey> keys, long filesForThreads) throws IOException {
        Files.createDirectories(root);
        LinkForest forest = new LinkForest(root, keys);
        for (StoreKey key : keys) {
            Markers.Entry marker = Markers.readEntry(store.entryPath(key), key).orElseThrow();
            forest.add(key, store.entryPath(key), marker.schemeDirectories(), filesForThreads);
        }
        return forest;
    }

    @Test
    void aBigEntryLinkedByManyThreadsGivesTheForestOneThreadGives() throws Exception {
        StoreKey big = install(big());
        StoreKey small = install(TestWheel.wheel("small", "1.0").file("shared/small.py", "")
                .file("big/d7/s1/extra.py", ""));

        LinkForest one = link(tmp.resolve("one"), List.of(big, small), 0);
        LinkForest many = link(tmp.resolve("many"), List.of(big, small), BIG);

        assertEquals(EnvAssemblyTest.tree(tmp.resolve("one")), EnvAssemblyTest.tree(tmp.resolve("many")));
        assertTrue(EnvAssemblyTest.tree(tmp.resolve("many")).containsAll(List.of("bin/tool",
                "site-packages/share/big/readme.txt", "site-packages/include/python/big/big.h",
                "site-packages/big/d5/s2/m5.py", "site-packages/big/d7/s1/extra.py")));
        assertEquals(List.of(one.files(), one.directories(), one.linked()),
                List.of(many.files(), many.directories(), many.linked()));
        assertTrue(Files.isSameFile(tmp.resolve("many/site-packages/big/d5/s2/m5.py"),
                store.entryPath(big).resolve("big/d5/s2/m5.py")));
    }

    @Test
    void conflictsWithABigEntryLinkedByManyThreadsAreTheOnesOneThreadFinds() throws Exception {
        StoreKey small = install(TestWheel.wheel("small", "1.0").file("big/d3/s0/m3.py", "other\n")
                .file("big/d4/s1", "a file where big has a directory\n"));
        StoreKey big = install(big());

        LinkForest one = link(tmp.resolve("one"), List.of(small, big), 0);
        LinkForest many = link(tmp.resolve("many"), List.of(small, big), BIG);

        assertEquals(List.of("site-packages/big/d3/s0/m3.py: small 1.0 and big 1.0 install different content",
                "site-packages/big/d4/s1: a file in small 1.0, a directory in big 1.0"), many.conflicts());
        assertEquals(one.conflicts(), many.conflicts());
        assertEquals(EnvAssemblyTest.tree(tmp.resolve("one")), EnvAssemblyTest.tree(tmp.resolve("many")));
    }
}
