package io.smolsnake.pypackaging.wheel;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Long-lived bytecode compilers, so that installing many wheels does not start a Python per
 * wheel: per interpreter at most one process per available core, started when first needed (or
 * a few ahead, see {@link #prestart});
 * installs running at once borrow one each. Each process compiles exactly as
 * {@code python -I -S -m compileall -q --invalidation-mode unchecked-hash <targets>} run in the
 * destination does: the same errors and, from Python 3.11, the same {@code .pyc} bytes (before
 * 3.11 a frozenset of strings is written in hash order, which differs between any two processes,
 * two runs of that command included).
 *
 * <p>A process that dies or does not answer within the request timeout is killed and the request
 * is compiled by that one-shot command instead. {@link #close} ends every process and waits for
 * it; a JVM shutdown hook does the same for a set that was not closed, and a process with
 * nothing to do for a minute exits by itself.
 *
 * <pre>{@code
 * try (BytecodeCompilers compilers = new BytecodeCompilers()) {
 *     InstallOptions options = InstallOptions.of("/var/lang/bin/python3.12").compilingWith(python312, compilers);
 *     // WheelInstaller.install(..., options) from any number of threads
 * }
 * }</pre>
 */
public final class BytecodeCompilers implements AutoCloseable {
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(10);
    static final Duration DEFAULT_IDLE_EXIT = Duration.ofSeconds(60);
    /** A process idle for nearly its idle exit is not reused: it may be exiting. */
    private static final Duration REUSE_MARGIN = Duration.ofSeconds(5);
    private static final Duration EXIT_PATIENCE = Duration.ofSeconds(1);

    private final int perInterpreter;
    private final Duration requestTimeout;
    private final Duration idleExit;
    private final Map<Path, Pool> pools = new HashMap<>();
    private final Set<CompilerProcess> running = new HashSet<>();
    private ScheduledExecutorService watchdog;
    private Thread shutdownHook;
    private boolean closed;

    /** At most one process per available core for each interpreter; none is started yet. */
    public BytecodeCompilers() {
        this(Runtime.getRuntime().availableProcessors(), DEFAULT_REQUEST_TIMEOUT, DEFAULT_IDLE_EXIT);
    }

    BytecodeCompilers(int perInterpreter, Duration requestTimeout, Duration idleExit) {
        if (perInterpreter < 1) {
            throw new IllegalArgumentException("at least one compiler per interpreter, got " + perInterpreter);
        }
        this.perInterpreter = perInterpreter;
        this.requestTimeout = requestTimeout;
        this.idleExit = idleExit;
    }

    private static final class Pool {
        final Deque<CompilerProcess> idle = new ArrayDeque<>();
        int live;
        /** A fresh process died without answering: this interpreter compiles one-shot from now on. */
        boolean oneShot;
    }

    /** A process to use, or the right to start one, or nothing (compile one-shot). */
    private record Lease(CompilerProcess process, boolean mayStart) {}

    /**
     * Compiles the {@code .py} files below {@code targets} (relative to {@code root}) with
     * {@code python}.
     *
     * @return a warning when compileall reported errors (it still compiles what it can)
     */
    Optional<String> compile(Path python, Path root, List<String> targets) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 3; attempt++) {
            Lease lease = borrow(python);
            if (lease == null) {
                break;
            }
            CompilerProcess process = lease.process();
            if (process == null) {
                try {
                    process = CompilerProcess.start(python, idleExit);
                } catch (IOException e) {
                    forget(python, null, true);
                    break;
                }
                track(process);
            }
            CompilerProcess.Answer answer;
            try {
                answer = process.compile(root, targets, requestTimeout, watchdog());
            } catch (CompilerProcess.TimedOut slow) {
                // hung or slow: the one-shot command (with its own timeout) has one go, no other
                // long-lived compiler does, and the interpreter keeps its long-lived compilers
                forget(python, process, false);
                break;
            } catch (IOException died) {
                boolean fresh = !process.answered();
                forget(python, process, fresh);
                if (fresh) {
                    break;
                }
                continue; // a reused process may have been ending: try another
            }
            giveBack(python, process);
            return Bytecode.warning(python, answer.exit(), answer.output());
        }
        return Bytecode.compile(python, root, targets, requestTimeout, watchdog());
    }

    /**
     * Starts up to {@code count} of {@code python}'s compilers now (no more than may run), so that the
     * first wheel to compile does not wait for Python to start (starting one only forks it: its
     * start-up runs meanwhile); more start when needed, as before. One that cannot be started makes
     * this interpreter compile one-shot, as in {@link #compile}.
     */
    public void prestart(Path python, int count) {
        while (true) {
            synchronized (this) {
                Pool pool = pools.computeIfAbsent(python, p -> new Pool());
                if (closed || pool.oneShot || pool.live >= Math.min(count, perInterpreter)) {
                    return;
                }
                pool.live++;
            }
            CompilerProcess process;
            try {
                process = CompilerProcess.start(python, idleExit);
            } catch (IOException e) {
                forget(python, null, true);
                return;
            }
            track(process);
            giveBack(python, process);
        }
    }

    /**
     * A wheel with more modules than this is spread over several compilers. Low: a request costs a
     * compiler little, and the last wheel of an install (botocore: 76 modules, 1.4 MB) is compiled
     * while the other cores have nothing else to do.
     */
    static final int FILES_PER_REQUEST = 32;

    /**
     * Compiles these {@code .py} files (relative to {@code root}): the same bytes as compiling the
     * directories that hold them, since compileall compiles each file alike; a wheel with many
     * modules is split into requests of about {@value #FILES_PER_REQUEST} (at most two per
     * compiler), run on several compilers at once.
     *
     * @return the warnings of the requests that reported errors, together
     */
    Optional<String> compileFiles(Path python, Path root, List<String> files)
            throws IOException, InterruptedException {
        if (files.size() <= FILES_PER_REQUEST || perInterpreter == 1) {
            return compile(python, root, files);
        }
        int requests = Math.min(perInterpreter * 2, (files.size() + FILES_PER_REQUEST - 1) / FILES_PER_REQUEST);
        List<List<String>> parts = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            parts.add(new ArrayList<>());
        }
        for (int i = 0; i < files.size(); i++) {
            parts.get(i % requests).add(files.get(i));
        }
        List<FutureTask<Optional<String>>> others = new ArrayList<>();
        for (List<String> part : parts.subList(1, parts.size())) {
            FutureTask<Optional<String>> task = new FutureTask<>(() -> compile(python, root, part));
            Thread thread = new Thread(task, "bytecode-request");
            thread.setDaemon(true);
            thread.start();
            others.add(task);
        }
        List<String> warnings = new ArrayList<>();
        compile(python, root, parts.get(0)).ifPresent(warnings::add);
        for (FutureTask<Optional<String>> task : others) {
            try {
                task.get().ifPresent(warnings::add);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IOException(e.getCause());
            }
        }
        return warnings.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", warnings));
    }

    private synchronized Lease borrow(Path python) throws InterruptedException {
        while (true) {
            Pool pool = pools.computeIfAbsent(python, p -> new Pool());
            if (closed || pool.oneShot) {
                return null;
            }
            CompilerProcess idle = pool.idle.pollLast();
            if (idle != null) {
                if (idle.usable(idleExit.minus(REUSE_MARGIN))) {
                    return new Lease(idle, false);
                }
                pool.live--;
                running.remove(idle);
                idle.destroy();
                continue;
            }
            if (pool.live < perInterpreter) {
                pool.live++;
                return new Lease(null, true);
            }
            wait();
        }
    }

    private synchronized void track(CompilerProcess process) {
        running.add(process);
        if (shutdownHook == null && !closed) {
            shutdownHook = new Thread(this::endAll, "bytecode-compilers-exit");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    private void giveBack(Path python, CompilerProcess process) {
        synchronized (this) {
            notifyAll();
            if (!closed) {
                pools.get(python).idle.addLast(process);
                return;
            }
            running.remove(process);
        }
        end(List.of(process));
    }

    private synchronized void forget(Path python, CompilerProcess process, boolean oneShotFromNow) {
        Pool pool = pools.get(python);
        pool.live--;
        pool.oneShot |= oneShotFromNow;
        if (process != null) {
            running.remove(process);
        }
        notifyAll();
    }

    private synchronized ScheduledExecutorService watchdog() {
        if (watchdog == null) {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
                Thread thread = new Thread(r, "bytecode-compilers-watchdog");
                thread.setDaemon(true);
                return thread;
            });
            executor.setRemoveOnCancelPolicy(true);
            // its thread ends when there is nothing to watch, so it needs no shutting down
            executor.setKeepAliveTime(5, TimeUnit.SECONDS);
            executor.allowCoreThreadTimeOut(true);
            watchdog = executor;
        }
        return watchdog;
    }

    /**
     * Ends every idle process and waits for it to exit; processes in use end when their request
     * is answered. Compiling after this runs the one-shot command.
     */
    @Override
    public void close() {
        List<CompilerProcess> ending = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (Pool pool : pools.values()) {
                ending.addAll(pool.idle);
                pool.idle.clear();
            }
            running.removeAll(ending);
            if (shutdownHook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException e) {
                    // the JVM is exiting: the hook ends them too
                }
            }
            notifyAll();
        }
        end(ending);
    }

    /** The shutdown hook: every process, in use or not. */
    private void endAll() {
        List<CompilerProcess> ending;
        synchronized (this) {
            closed = true;
            ending = new ArrayList<>(running);
            running.clear();
        }
        end(ending);
    }

    private static void end(List<CompilerProcess> processes) {
        processes.forEach(CompilerProcess::endInput);
        processes.forEach(p -> p.awaitExit(EXIT_PATIENCE));
    }

    /** How many processes run now (for tests). */
    synchronized int running() {
        return running.size();
    }
}
