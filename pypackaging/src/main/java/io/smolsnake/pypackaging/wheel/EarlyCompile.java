package io.smolsnake.pypackaging.wheel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A wheel's modules handed to the long-lived compilers as soon as the last of them is written,
 * while its other members (botocore's 1,900 data files) are still being written: the compiling
 * and the writing overlap instead of following each other. The bytes are those of compiling at
 * the end, as compileall compiles each file alike.
 */
final class EarlyCompile {
    private final BytecodeCompilers compilers;
    private final Path python;
    private final List<String> modules;
    private final AtomicInteger left;
    private volatile FutureTask<Optional<String>> task;

    private EarlyCompile(BytecodeCompilers compilers, Path python, List<String> modules) {
        this.compilers = compilers;
        this.python = python;
        this.modules = modules;
        this.left = new AtomicInteger(modules.size());
    }

    /**
     * The early compile of these members, or null when there is none to do: no long-lived compilers
     * or no interpreter, no module, or nothing but modules to write meanwhile.
     */
    static EarlyCompile plan(InstallOptions options, List<WheelPlan.Item> items) {
        if (options.compilers().isEmpty() || options.bytecodePython().isEmpty()
                || !Bytecode.usable(options.bytecodePython().get())) {
            return null;
        }
        List<String> modules = items.stream().filter(EarlyCompile::isModule).map(WheelPlan.Item::target).toList();
        if (modules.isEmpty() || modules.size() == items.size()) {
            return null;
        }
        return new EarlyCompile(options.compilers().get(), options.bytecodePython().get(), modules);
    }

    /** Whether the member is a module this compiles ({@code .py}, wherever it is written). */
    static boolean isModule(WheelPlan.Item item) {
        return item.target().endsWith(".py");
    }

    /** The modules this compiles (their targets). */
    List<String> modules() {
        return modules;
    }

    /** One of the modules is written below {@code root}; the last one starts the compile. */
    void written(Path root) {
        if (left.decrementAndGet() != 0) {
            return;
        }
        FutureTask<Optional<String>> started = new FutureTask<>(() -> compilers.compileFiles(python, root, modules));
        task = started;
        Thread thread = new Thread(started, "bytecode-early");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * After {@code failure} ended the install: waits for the compile, if it started, however long and
     * however often interrupted (the caller is about to discard the destination it writes into), and
     * adds what went wrong with it to {@code failure}. Re-asserts an interrupt it swallowed.
     */
    void settle(Throwable failure) {
        FutureTask<Optional<String>> started = task;
        if (started == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                started.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                failure.addSuppressed(e.getCause());
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the compile; its warning, if any. Empty at once when it never started (the copy failed first). */
    Optional<String> await() throws IOException, InterruptedException {
        FutureTask<Optional<String>> started = task;
        if (started == null) {
            return Optional.empty();
        }
        try {
            return started.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
    }
}
