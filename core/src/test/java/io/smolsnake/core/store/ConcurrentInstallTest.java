package io.smolsnake.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smolsnake.pypackaging.tags.LambdaTarget;
import io.smolsnake.pypackaging.tags.Target;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentInstallTest {
    static final Target PY312 = LambdaTarget.of("python3.12", "x86_64");
    static final int THREADS = 6;

    @TempDir
    Path tmp;

    Path wheel() throws IOException {
        TestWheel builder = TestWheel.wheel("demo", "1.0");
        for (int i = 0; i < 200; i++) {
            builder.file("demo/m" + i + ".py", "X = " + i + "\n");
        }
        return builder.build(tmp.resolve("wheels"));
    }

    static List<String> versionDirListing(Path root) throws IOException {
        try (Stream<Path> children = Files.list(root.resolve("store/python3.12-x86_64/demo/1.0"))) {
            return children.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void threadsInstallingTheSameWheelAtOnceAllSucceedWithOneEntry() throws Exception {
        // given
        Path wheel = wheel();
        Path root = tmp.resolve("efs");
        StoreRequest request = StoreTest.request(PY312, wheel, "demo", "1.0");
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);

        // when: each thread opens its own store, as separate workers do
        List<Future<StoreResult>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            futures.add(pool.submit(() -> {
                Store store = Store.open(root);
                start.await();
                return store.install(request);
            }));
        }
        List<StoreResult> results = new ArrayList<>();
        for (Future<StoreResult> f : futures) {
            results.add(f.get());
        }
        pool.shutdown();

        // then
        assertEquals(1, results.stream().filter(r -> !r.cached()).count());
        assertEquals(1, results.stream().map(StoreResult::path).distinct().count());
        assertTrue(results.stream().allMatch(r -> r.files() == 204));
        assertEquals(List.of(request.key().sha256().substring(0, 16)), versionDirListing(root));
    }

    @Test
    void threadsAssemblingTheSameEnvironmentAtOnceEndWithOne() throws Exception {
        Path root = tmp.resolve("efs");
        Store store = Store.open(root);
        StoreKey key = store.install(StoreTest.request(PY312, wheel(), "demo", "1.0")).key();
        EnvRequest request = EnvRequest.linkForest(PY312, "lock-1", List.of(key));
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);

        List<Future<EnvResult>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            futures.add(pool.submit(() -> {
                Environments environments = Environments.open(store);
                start.await();
                return environments.assemble(request);
            }));
        }
        List<EnvResult> results = new ArrayList<>();
        for (Future<EnvResult> f : futures) {
            results.add(f.get());
        }
        pool.shutdown();

        assertEquals(1, results.stream().filter(r -> !r.cached()).count());
        try (Stream<Path> envs = Files.list(root.resolve("envs/python3.12-x86_64"))) {
            assertEquals(List.of("lock-1"), envs.map(p -> p.getFileName().toString()).toList());
        }
        assertTrue(results.stream().allMatch(r -> r.files() == 204));
    }

    @Test
    void separateProcessesAndThreadsRacingOnTheSameWheelEndWithOneEntry() throws Exception {
        // given: two more JVMs, waiting for a go file
        Path wheel = wheel();
        Path root = tmp.resolve("efs");
        StoreRequest request = StoreTest.request(PY312, wheel, "demo", "1.0");
        Path go = tmp.resolve("go");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path ready = tmp.resolve("ready-" + i);
            processes.add(new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                    RaceMain.class.getName(), root.toString(), wheel.toString(), request.sha256(),
                    String.valueOf(request.size()), ready.toString(), go.toString())
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start());
        }
        for (int i = 0; i < 2; i++) {
            awaitFile(tmp.resolve("ready-" + i), processes.get(i));
        }
        Store store = Store.open(root);
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<StoreResult>> futures = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return store.install(request);
            }));
        }

        // when
        Files.createFile(go);
        List<String> lines = new ArrayList<>();
        for (Process process : processes) {
            String out;
            try (InputStream in = process.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            assertEquals(0, process.waitFor(), out);
            lines.add(out);
        }
        for (Future<StoreResult> f : futures) {
            StoreResult r = f.get();
            lines.add("cached=" + r.cached() + " " + r.path());
        }
        pool.shutdown();

        // then: exactly one writer won; everyone names the same complete entry; no temporaries remain
        Path entry = store.entryPath(request.key());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("cached=false ")).count(), String.join("\n", lines));
        assertTrue(lines.stream().allMatch(l -> l.endsWith(" " + entry)), String.join("\n", lines));
        assertTrue(store.isComplete(request.key()));
        assertEquals(List.of(entry.getFileName().toString()), versionDirListing(root));
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void awaitFile(Path file, Process process) throws InterruptedException {
        for (int i = 0; i < 6000 && !Files.exists(file); i++) {
            if (!process.isAlive()) {
                throw new AssertionError("the worker process exited with " + process.exitValue());
            }
            Thread.sleep(10);
        }
        assertTrue(Files.exists(file), "the worker process did not start within 60 s");
    }
}
