package io.smolsnake.cli;

import io.smolsnake.core.stage.InstallMessage;
import io.smolsnake.core.stage.InstallResult;
import io.smolsnake.core.stage.LinkMessage;
import io.smolsnake.core.stage.LinkResult;
import io.smolsnake.install.AwsClients;
import io.smolsnake.install.InstallException;
import io.smolsnake.install.InstallRequest;
import io.smolsnake.install.InstallService;
import io.smolsnake.install.LockPlan;
import io.smolsnake.pypackaging.Decimals;
import io.smolsnake.pypackaging.index.IndexClient;
import io.smolsnake.pypackaging.lock.Lock;
import io.smolsnake.pypackaging.lock.LockTarget;
import io.smolsnake.pypackaging.tags.HostProbeException;
import io.smolsnake.pypackaging.tags.HostTarget;
import io.smolsnake.pypackaging.tags.Target;
import io.smolsnake.pypackaging.tags.UnknownTargetException;
import io.smolsnake.pypackaging.wheel.WheelSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * {@code smolsnake install [PROJECT_DIR | --lock FILE] --store DIR}: installs every wheel of a lock
 * into a local store, several at once, assembles the lock's environment and prints its path (or,
 * with {@code --json}, every result) on stdout. Progress goes to stderr: a bar on a terminal,
 * one line per package otherwise.
 */
final class InstallCommand implements Command {
    static final String LOCK_FILE = "pylock.toml";

    static final Param<Path> PROJECT = Param.positional("PROJECT_DIR",
            "Project whose " + LOCK_FILE + " to install (default: the current directory).").paths();
    static final Param<Path> LOCK = Param.option("--lock", "FILE",
            "The lock file to install (instead of PROJECT_DIR).").paths();
    static final Param<Path> STORE = Param.option("--store", "DIR",
            "The store's root: entries go to DIR/store, environments to DIR/envs.").paths().required();
    static final Param<Boolean> NO_COMPILE = Param.flag("--no-compile", "Do not compile bytecode.");
    static final Param<Integer> JOBS = Param.option("-j, --jobs", "N", "Wheels installed at once (default: ${DEFAULT-VALUE}).")
            .ints().withDefault(Integer.toString(Math.max(4, 2 * Runtime.getRuntime().availableProcessors())));
    static final Param<Boolean> JSON = Param.flag("--json",
            "Print every package's result and the environment's as JSON.");
    static final CommandSpec SPEC = CommandSpec.of("install",
            List.of("Install a lock's wheels into a local store and assemble its environment.",
                    "Prints the environment's directory on stdout."),
            List.of(), PROJECT, LOCK, STORE, NO_COMPILE, JOBS, JSON);

    private final Map<String, String> env;
    private final Path project;
    private final Path lockFile;
    private final Path store;
    private final boolean noCompile;
    private final int jobs;
    private final boolean json;

    InstallCommand(Map<String, String> env, ParsedArgs args) {
        this.env = env;
        project = args.get(PROJECT);
        lockFile = args.get(LOCK);
        store = args.get(STORE);
        noCompile = args.flag(NO_COMPILE);
        jobs = args.get(JOBS);
        json = args.flag(JSON);
    }

    @Override
    public int call(PrintWriter out, PrintWriter err) {
        if (jobs < 1) {
            err.println("error: --jobs must be at least 1");
            return Main.EXIT_USAGE;
        }
        Path file = lockPath(err);
        if (file == null) {
            return Main.EXIT_USAGE;
        }
        // a lock without a target installs for the host's python3: ask it while the lock is read
        Path cache = IndexClient.defaultCacheDir(env);
        CompletableFuture<Target> host = mayNameNoTarget(file) ? probeHost(cache) : null;
        if (WheelSource.hashesNatively()) {
            Warm.sha256(); // the security providers (the lock's digest), while the lock is read
        } else {
            Warm.sha256Compiled(); // and the JDK's SHA-256 compiled, for the wheels
        }
        Lock lock;
        try {
            lock = Lock.read(file);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        Target target;
        try {
            Optional<LockTarget> locked = lock.target();
            if (locked.isPresent()) {
                target = new InstallMessage.TargetSpec(locked.get().runtime(), locked.get().arch()).resolve();
            } else if (host != null && !host.isDone()) {
                // install for what python3 answered last time while it answers now (python3 behind a pyenv
                // shim takes ~0.1 s): the answer is checked before the environment is published
                Optional<HostTarget> guess = HostTarget.lastAnswer("python3", cache);
                if (guess.isPresent()) {
                    return install(lock, file, guess.get(), host, out, err);
                }
                target = join(host);
            } else {
                target = host != null ? join(host) : Target.host();
            }
        } catch (UnknownTargetException e) {
            err.println("error: " + file + ": " + e.reason());
            return Main.EXIT_USAGE;
        } catch (HostProbeException e) {
            err.println("error: " + e.getMessage());
            return Main.EXIT_FAILED;
        }
        return install(lock, file, target, null, out, err);
    }

    /**
     * Installs the lock for {@code target}. With {@code answer}, the target is a guess (the host's
     * last answer): the environment is published only when the answer is the same target; otherwise
     * the lock is installed again for the answer. The store entries made for a wrong guess are
     * complete and correct for that guess (its key names its Python), only of no use here.
     */
    private int install(Lock lock, Path file, Target target, CompletableFuture<Target> answer, PrintWriter out,
            PrintWriter err) {
        int exit = installFor(lock, file, target, answer, out, err);
        if (exit != GUESSED_WRONG) {
            return exit;
        }
        Target answered = join(answer); // done: it is what installFor compared with the guess
        err.println("The host's python3 is not the one it was last time: installing for " + answered.description());
        return installFor(lock, file, answered, null, out, err);
    }

    /** What {@link #installFor} returns when the host's answer is not the target it guessed. */
    private static final int GUESSED_WRONG = -1;

    private int installFor(Lock lock, Path file, Target target, CompletableFuture<Target> answer, PrintWriter out,
            PrintWriter err) {
        LockPlan plan;
        try {
            plan = LockPlan.of(lock, file.toAbsolutePath().getParent(), target, !noCompile);
        } catch (InstallException e) {
            Integer rejected = rejected(target, answer, err);
            if (rejected != null) {
                return rejected;
            }
            err.println("error: " + e.getMessage());
            return Main.EXIT_FAILED;
        }
        // closing the service ends its bytecode compilers, so that none is left for the JVM's exit
        // the download directory is made, and the AWS SDK loaded, only for a wheel that is not a local file
        DownloadDirectory downloads = new DownloadDirectory();
        try (downloads; InstallService service = InstallService.open(store, downloads, () -> AwsClients.s3())) {
            Progress progress = Progress.forStream(err, plan.requests().size());
            progress.start(target.description());
            LinkResult env;
            List<InstallResult> results;
            // each package is linked into the environment as soon as it is in the store, while the
            // others are still unpacked; the environment is published only once all are in
            try (InstallService.Linking linking = service.beginLink(target, plan.digest(), plan.entries())) {
                results = installAll(service, plan, linking, progress, err);
                Integer rejected = rejected(target, answer, err);
                if (rejected != null) {
                    if (results != null) {
                        progress.finish(); // (a failed install has finished it)
                    }
                    return rejected; // the environment begun for the guess is discarded when closed
                }
                if (results == null) {
                    return Main.EXIT_FAILED;
                }
                env = linking.finish();
            }
            progress.linked(env);
            if (json) {
                out.println(InstallJson.of(env, results));
            } else {
                out.println(env.path());
            }
            out.flush();
            return 0;
        } catch (InstallException e) {
            err.println("error: " + e.getMessage());
            return Main.EXIT_FAILED;
        }
    }

    /**
     * Null when {@code target} stands: it was no guess, or the host's answer is the same; else
     * {@link #GUESSED_WRONG}, or {@link Main#EXIT_FAILED} after saying why the host did not answer.
     */
    private static Integer rejected(Target target, CompletableFuture<Target> answer, PrintWriter err) {
        if (answer == null) {
            return null;
        }
        try {
            return join(answer).equals(target) ? null : GUESSED_WRONG;
        } catch (HostProbeException e) {
            err.println("error: " + e.getMessage());
            return Main.EXIT_FAILED;
        }
    }

    /** A temporary directory for downloads, made when first asked for and removed (once empty) at close. */
    private static final class DownloadDirectory implements Supplier<Path>, AutoCloseable {
        private Path directory;

        @Override
        public synchronized Path get() {
            if (directory == null) {
                try {
                    directory = Files.createTempDirectory("smolsnake-downloads");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return directory;
        }

        @Override
        public synchronized void close() {
            if (directory != null) {
                try {
                    Files.deleteIfExists(directory);
                } catch (IOException e) {
                    // a leftover empty directory under the temporary directory is harmless
                }
            }
        }
    }

    /**
     * Whether the lock may lack {@code [tool.smolsnake]} (so installs for the host): a guess from
     * its text, only to start the host's probe early; the parsed lock decides.
     */
    static boolean mayNameNoTarget(Path file) {
        try {
            return !Files.readString(file).contains("smolsnake");
        } catch (IOException | UncheckedIOException e) {
            return true;
        }
    }

    /**
     * {@link HostTarget#probe(String, Path)} on a thread of its own (a daemon: an unused probe never
     * holds the exit); the answer is remembered under {@code cache} for the next install's guess.
     */
    private static CompletableFuture<Target> probeHost(Path cache) {
        CompletableFuture<Target> host = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                host.complete(HostTarget.probe("python3", cache));
            } catch (RuntimeException e) {
                host.completeExceptionally(e);
            }
        }, "host-probe");
        thread.setDaemon(true);
        thread.start();
        return host;
    }

    private static Target join(CompletableFuture<Target> host) {
        try {
            return host.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private Path lockPath(PrintWriter err) {
        if (lockFile != null && project != null) {
            err.println("error: give PROJECT_DIR or --lock FILE, not both");
            return null;
        }
        if (lockFile != null) {
            if (!Files.isRegularFile(lockFile)) {
                err.println("error: " + lockFile + " does not exist");
                return null;
            }
            return lockFile;
        }
        Path dir = project == null ? Path.of(".") : project;
        if (!Files.isDirectory(dir)) {
            err.println("error: " + dir + " is not a directory");
            return null;
        }
        Path file = dir.resolve(LOCK_FILE);
        if (!Files.isRegularFile(file)) {
            err.println("error: " + dir + " has no " + LOCK_FILE + "; make one with: smolsnake lock " + dir);
            return null;
        }
        return file;
    }

    /**
     * Installs every request, {@code jobs} at once, linking each into the environment once it is in
     * the store; null (with each failure on stderr) if any failed.
     */
    private List<InstallResult> installAll(InstallService service, LockPlan plan, InstallService.Linking linking,
            Progress progress, PrintWriter err) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, Math.max(1, plan.requests().size())),
                runnable -> {
                    Thread thread = new Thread(runnable, "install");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            CompletionService<InstallResult> done = new ExecutorCompletionService<>(pool);
            Map<Future<InstallResult>, InstallRequest> submitted = new LinkedHashMap<>();
            // the biggest wheels first, so the last to finish is a small one
            List<InstallRequest> bySize = new ArrayList<>(plan.requests());
            bySize.sort(Comparator.comparingLong((InstallRequest r) -> r.size() == null ? 0 : r.size()).reversed());
            for (InstallRequest request : bySize) {
                submitted.put(done.submit(() -> {
                    InstallResult result = service.install(request);
                    linking.add(new LinkMessage.Entry(request.name(), request.version(), request.sha256()));
                    return result;
                }), request);
            }
            List<InstallResult> results = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < submitted.size(); i++) {
                Future<InstallResult> future = done.take();
                InstallRequest request = submitted.get(future);
                try {
                    InstallResult result = future.get();
                    results.add(result);
                    progress.installed(request, result);
                } catch (ExecutionException e) {
                    String message = e.getCause() instanceof InstallException failure
                            ? failure.error().errorName() + ": " + failure.getMessage()
                            : String.valueOf(e.getCause());
                    failures.add(message);
                    progress.failed(request);
                }
            }
            if (!failures.isEmpty()) {
                progress.finish();
                err.println("error: " + failures.size() + " of " + submitted.size() + " packages failed to install:");
                failures.forEach(f -> err.println("  " + f.replace("\n", "\n  ")));
                return null;
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return null;
        } finally {
            pool.shutdownNow();
            awaitQuietly(pool); // no install thread may still link into the environment being thrown away
        }
    }

    private static void awaitQuietly(java.util.concurrent.ExecutorService pool) {
        boolean interrupted = Thread.interrupted();
        try {
            pool.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Progress on stderr: a bar redrawn in place on a terminal, plain lines elsewhere. */
    abstract static class Progress {
        final PrintWriter err;
        final int total;
        int done;
        long files;

        Progress(PrintWriter err, int total) {
            this.err = err;
            this.total = total;
        }

        static Progress forStream(PrintWriter err, int total) {
            return stderrIsTerminal() ? new Bar(err, total) : new Lines(err, total);
        }

        /** Whether this process's stderr is a terminal (Linux: what fd 2 points at); plain lines otherwise. */
        static boolean stderrIsTerminal() {
            String term = System.getenv("TERM");
            if (term == null || term.equals("dumb")) {
                return false;
            }
            try {
                String fd = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
                return fd.startsWith("/dev/pts/") || fd.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }

        abstract void start(String target);

        synchronized void installed(InstallRequest request, InstallResult result) {
            done++;
            files += result.files();
            show(request + (result.cached() ? " already in the store" : " installed (" + result.files() + " files, "
                    + seconds(result.seconds()) + ")"));
        }

        synchronized void failed(InstallRequest request) {
            done++;
            show(request + " FAILED");
        }

        abstract void show(String what);

        abstract void finish();

        void linked(LinkResult env) {
            finish();
            double perThousand = env.files() == 0 ? 0 : env.seconds() * 1000 / env.files();
            err.println(env.cached() ? "environment " + env.path() + " was already assembled"
                    : "assembled " + env.path() + ": " + env.files() + " files (" + env.linked() + " linked, "
                            + env.copied() + " copied) in " + seconds(env.seconds()) + ", "
                            + Decimals.of(perThousand * 1000, 1) + " ms per 1000 files");
            err.flush();
        }

        static String seconds(double s) {
            return Decimals.of(s, 2) + " s"; // no Formatter: its locale data cost the first line ~50 ms
        }
    }

    static final class Lines extends Progress {
        Lines(PrintWriter err, int total) {
            super(err, total);
        }

        @Override
        void start(String target) {
            err.println("installing " + total + " package" + (total == 1 ? "" : "s") + " for " + target);
            err.flush();
        }

        @Override
        void show(String what) {
            err.println("[" + done + "/" + total + "] " + what);
            err.flush();
        }

        @Override
        void finish() {
            // every line is already out
        }
    }

    static final class Bar extends Progress {
        private static final int WIDTH = 30;

        Bar(PrintWriter err, int total) {
            super(err, total);
        }

        @Override
        void start(String target) {
            err.println("installing " + total + " package" + (total == 1 ? "" : "s") + " for " + target);
            show("");
        }

        @Override
        void show(String what) {
            int filled = total == 0 ? WIDTH : done * WIDTH / total;
            String label = what.length() > 50 ? what.substring(0, 47) + "..." : what;
            err.print("\r\033[K[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total
                    + " " + label);
            err.flush();
        }

        @Override
        void finish() {
            err.print("\r\033[K");
            err.println("[" + "#".repeat(WIDTH) + "] " + done + "/" + total + " packages, " + files + " files");
            err.flush();
        }
    }
}
