package io.smolsnake.cli;

import io.smolsnake.pypackaging.index.IndexException;
import io.smolsnake.pypackaging.index.MergeStrategy;
import io.smolsnake.pypackaging.index.PipConfig;
import io.smolsnake.pypackaging.locker.LockInputException;
import io.smolsnake.pypackaging.locker.LockOutcome;
import io.smolsnake.pypackaging.locker.LockSettings;
import io.smolsnake.pypackaging.index.IndexClient;
import io.smolsnake.pypackaging.locker.Locker;
import io.smolsnake.pypackaging.project.Project;
import io.smolsnake.pypackaging.project.ProjectInputException;
import io.smolsnake.pypackaging.resolver.PackageSource;
import io.smolsnake.pypackaging.resolver.ResolveInputException;
import io.smolsnake.pypackaging.tags.HostProbeException;
import io.smolsnake.pypackaging.tags.HostTarget;
import io.smolsnake.pypackaging.tags.Target;
import io.smolsnake.pypackaging.tags.UnknownTargetException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * {@code smolsnake lock}: resolves a project's dependencies for one Lambda runtime (or the host)
 * and writes a PEP 751 {@code pylock.toml}.
 */
final class LockCommand implements Command {
    static final Param<Path> PROJECT_DIR = Param.positional("PROJECT_DIR",
            "The project: pyproject.toml and/or requirements.txt (default: .).").paths().withDefault(".");
    static final Param<Path> REQUIREMENT = Param.option("-r, --requirement", "FILE",
            "A requirements file (repeatable); replaces the project's own inputs.").paths().list();
    static final Param<String> RUNTIME = Param.option("--runtime", "RUNTIME",
            "python3.9 ... python3.14, or host (the local python3).");
    static final Param<String> ARCH = Param.option("--arch", "ARCH", "x86_64 or arm64 (Lambda runtimes only).");
    static final Param<String> EXTRA = Param.option("--extra", "NAME",
            "An extra of [project.optional-dependencies] to include (repeatable).").list();
    static final Param<String> INDEX_URL = Param.option("-i, --index-url", "URL", "The base package index.");
    static final Param<String> EXTRA_INDEX_URL = Param.option("--extra-index-url", "URL",
            "Another package index (repeatable).").list();
    static final Param<String> FIND_LINKS = Param.option("-f, --find-links", "PATH",
            "A directory or page of wheels (repeatable).").list();
    static final Param<Boolean> NO_INDEX = Param.flag("--no-index", "Ignore every package index; only --find-links.");
    static final Param<Boolean> PRE = Param.flag("--pre", "Allow pre-releases of every package.");
    static final Param<Boolean> FIRST_INDEX = Param.flag("--first-index", "Take a package from the first index that"
            + " has it (default: every index's files are candidates, as pip does).");
    static final Param<Boolean> NO_PIP_CONFIG = Param.flag("--no-pip-config",
            "Ignore pip's configuration files and PIP_* variables.");
    static final Param<Boolean> REFRESH = Param.flag("--refresh", "Resolve again even when these inputs were"
            + " locked before and every index answers as it did then (that resolution is otherwise reused).");
    static final Param<String> OUTPUT = Param.option("-o, --output", "FILE",
            "Where to write the lock (default: PROJECT_DIR/pylock.toml; - for stdout).");
    static final CommandSpec SPEC = CommandSpec.of("lock",
            List.of("Resolve the project's dependencies for one target and write pylock.toml.",
                    "The target is --runtime/--arch, else [tool.smolsnake] in pyproject.toml, else host.",
                    "Index settings: the options below, then the requirements files', then pip's configuration.",
                    "The same inputs locked again for the same target reuse the last resolution while every index"
                            + " answers as it did (--refresh resolves again)."),
            List.of("0:locked", "1:no set of versions fits the target", "2:bad input"),
            PROJECT_DIR, REQUIREMENT, RUNTIME, ARCH, EXTRA, INDEX_URL, EXTRA_INDEX_URL, FIND_LINKS, NO_INDEX, PRE,
            FIRST_INDEX, NO_PIP_CONFIG, REFRESH, OUTPUT);

    private final Path projectDir;
    private final List<Path> requirementFiles;
    private final String runtime;
    private final String arch;
    private final List<String> extras;
    private final String indexUrl;
    private final List<String> extraIndexUrls;
    private final List<String> findLinks;
    private final boolean noIndex;
    private final boolean pre;
    private final boolean firstIndex;
    private final boolean noPipConfig;
    private final boolean refresh;
    private final String output;

    LockCommand(ParsedArgs args) {
        projectDir = args.get(PROJECT_DIR);
        requirementFiles = args.all(REQUIREMENT);
        runtime = args.get(RUNTIME);
        arch = args.get(ARCH);
        extras = args.all(EXTRA);
        indexUrl = args.get(INDEX_URL);
        extraIndexUrls = args.all(EXTRA_INDEX_URL);
        findLinks = args.all(FIND_LINKS);
        noIndex = args.flag(NO_INDEX);
        pre = args.flag(PRE);
        firstIndex = args.flag(FIRST_INDEX);
        noPipConfig = args.flag(NO_PIP_CONFIG);
        refresh = args.flag(REFRESH);
        output = args.get(OUTPUT);
    }

    @Override
    public int call(PrintWriter out, PrintWriter err) {
        if (!Files.isDirectory(projectDir)) {
            err.println("error: " + projectDir + " is not a directory; give the project directory"
                    + " (where pyproject.toml or requirements.txt is)");
            return Main.EXIT_USAGE;
        }
        Warm.sha256(); // for the inputs digest, while the project is read
        try {
            Path existing = projectDir.resolve("pylock.toml");
            if (requirementFiles.isEmpty() && Files.isRegularFile(existing)
                    && Files.notExists(projectDir.resolve(Project.PYPROJECT))
                    && Files.notExists(projectDir.resolve(Project.REQUIREMENTS))) {
                // the lock is the only input: validated for the target and passed through
                Target target = target(null);
                LockOutcome.Locked locked = Locker.passThrough(existing, target);
                err.println("The lock is the project's only input: checked for " + target.description());
                write(locked, out, err);
                err.println(locked.summary().render());
                return 0;
            }
            // the host's python3 takes a few hundred milliseconds to answer: ask it while the project and the
            // index are read (and resolve meanwhile for what it answered last time, which the answer then
            // confirms); before reading the project when nothing in it can name another target
            Path cache = IndexClient.defaultCacheDir();
            boolean surelyHost = arch == null && (runtime != null ? isHostName(runtime)
                    : Files.notExists(projectDir.resolve(Project.PYPROJECT)));
            Supplier<Target> probe = () -> HostTarget.probe("python3", cache);
            CompletableFuture<Target> early = surelyHost ? CompletableFuture.supplyAsync(probe) : null;
            Project project = Project.load(projectDir, requirementFiles, extras);
            boolean host = isHost(project) && hostArch(project) == null;
            CompletableFuture<Target> pending = early != null ? early
                    : host ? CompletableFuture.supplyAsync(probe)
                    : isHost(project) ? CompletableFuture.supplyAsync(() -> target(project))
                    : CompletableFuture.completedFuture(target(project));
            Target guess = host ? HostTarget.lastAnswer("python3", cache).orElse(null) : null;
            if (!refresh && !anyIndexOption() && Files.isRegularFile(existing)) {
                var current = Locker.current(existing, project, join(pending));
                if (current.isPresent()) {
                    err.println("pylock.toml is up to date (same inputs, same target)");
                    if (output != null && !Path.of(output).toAbsolutePath().equals(existing.toAbsolutePath())) {
                        write(current.get(), out, err);
                    }
                    return 0;
                }
            }
            LockSettings settings = new LockSettings(indexUrl, extraIndexUrls, findLinks, noIndex, pre,
                    firstIndex ? MergeStrategy.FIRST_INDEX : MergeStrategy.ALL_SOURCES, null, !noPipConfig);
            PipConfig pip = noPipConfig ? null : PipConfig.load();
            LockOutcome outcome = new Locker(pip, line -> {
                err.println(line);
                err.flush();
            }, refresh ? Locker.Memo.REFRESH : Locker.Memo.REUSE).lock(project, pending, guess, settings);
            outcome.warnings().forEach(w -> err.println("warning: " + w));
            if (outcome instanceof LockOutcome.Unsatisfiable u) {
                err.println("error: no set of versions fits " + join(pending).description() + "\n");
                err.println(u.message());
                return Main.EXIT_FAILED;
            }
            LockOutcome.Locked locked = (LockOutcome.Locked) outcome;
            write(locked, out, err);
            err.println(locked.summary().render());
            return 0;
        } catch (ProjectInputException e) {
            err.println("error: " + e.getMessage());
            return Main.EXIT_USAGE;
        } catch (UnknownTargetException e) {
            err.println("error: " + e.reason());
            return Main.EXIT_USAGE;
        } catch (LockInputException | ResolveInputException e) {
            err.println("error: " + e.getMessage());
            return Main.EXIT_USAGE;
        } catch (HostProbeException e) {
            err.println("error: " + e.getMessage());
            return Main.EXIT_FAILED;
        } catch (PackageSource.SourceUnavailableException | IndexException e) {
            err.println("error: the package index could not be read: " + e.getMessage());
            return Main.EXIT_FAILED;
        }
    }

    /** Index options on the command line ask for a fresh resolution even when the lock is current. */
    private boolean anyIndexOption() {
        return indexUrl != null || !extraIndexUrls.isEmpty() || !findLinks.isEmpty() || noIndex || pre || firstIndex
                || noPipConfig;
    }

    /** The --arch given with the host target (which must then match it), or null. */
    private String hostArch(Project project) {
        return runtime != null ? arch : arch != null ? arch : project.settings().arch();
    }

    private boolean isHost(Project project) {
        return isHostName(runtime != null ? runtime : project.settings().runtime());
    }

    private static boolean isHostName(String runtime) {
        return runtime == null || runtime.strip().equalsIgnoreCase(Target.HOST);
    }

    /** The target once worked out, or what working it out threw (a HostProbeException, say). */
    private static Target join(CompletableFuture<Target> target) {
        try {
            return target.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private Target target(Project project) {
        String r = runtime != null ? runtime : project == null ? null : project.settings().runtime();
        String a = runtime != null ? arch : arch != null ? arch : project == null ? null : project.settings().arch();
        if (r == null || r.equals(Target.HOST)) {
            return a == null ? Target.host() : Target.parse(Target.HOST, a);
        }
        return Target.parse(r, a);
    }

    private void write(LockOutcome.Locked lock, PrintWriter out, PrintWriter err) {
        byte[] bytes = lock.toBytes();
        if ("-".equals(output)) {
            out.print(new String(bytes, StandardCharsets.UTF_8));
            out.flush();
            return;
        }
        Path file = output != null ? Path.of(output) : projectDir.resolve("pylock.toml");
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        err.println("Wrote " + file);
    }
}
