package io.smolsnake.cli;

import io.smolsnake.pypackaging.index.IndexException;
import io.smolsnake.pypackaging.index.MergeStrategy;
import io.smolsnake.pypackaging.index.PipConfig;
import io.smolsnake.pypackaging.lock.Lock;
import io.smolsnake.pypackaging.locker.LockInputException;
import io.smolsnake.pypackaging.locker.LockOutcome;
import io.smolsnake.pypackaging.locker.LockSettings;
import io.smolsnake.pypackaging.locker.Locker;
import io.smolsnake.pypackaging.project.Project;
import io.smolsnake.pypackaging.project.ProjectInputException;
import io.smolsnake.pypackaging.resolver.PackageSource;
import io.smolsnake.pypackaging.resolver.ResolveInputException;
import io.smolsnake.pypackaging.tags.HostProbeException;
import io.smolsnake.pypackaging.tags.Target;
import io.smolsnake.pypackaging.tags.UnknownTargetException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code smolsnake lock}: resolves a project's dependencies for one Lambda runtime (or the host)
 * and writes a PEP 751 {@code pylock.toml}.
 */
@Command(name = "lock", sortOptions = false,
        description = {"Resolve the project's dependencies for one target and write pylock.toml.",
                "The target is --runtime/--arch, else [tool.smolsnake] in pyproject.toml, else host.",
                "Index settings: the options below, then the requirements files', then pip's configuration."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:locked", "1:no set of versions fits the target", "2:bad input"})
final class LockCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROJECT_DIR", defaultValue = ".",
            description = "The project: pyproject.toml and/or requirements.txt (default: .).")
    Path projectDir;

    @Option(names = {"-r", "--requirement"}, paramLabel = "FILE",
            description = "A requirements file (repeatable); replaces the project's own inputs.")
    List<Path> requirementFiles = new ArrayList<>();

    @Option(names = "--runtime", paramLabel = "RUNTIME",
            description = "python3.9 ... python3.14, or host (the local python3).")
    String runtime;

    @Option(names = "--arch", paramLabel = "ARCH", description = "x86_64 or arm64 (Lambda runtimes only).")
    String arch;

    @Option(names = "--extra", paramLabel = "NAME",
            description = "An extra of [project.optional-dependencies] to include (repeatable).")
    List<String> extras = new ArrayList<>();

    @Option(names = {"-i", "--index-url"}, paramLabel = "URL", description = "The base package index.")
    String indexUrl;

    @Option(names = "--extra-index-url", paramLabel = "URL", description = "Another package index (repeatable).")
    List<String> extraIndexUrls = new ArrayList<>();

    @Option(names = {"-f", "--find-links"}, paramLabel = "PATH",
            description = "A directory or page of wheels (repeatable).")
    List<String> findLinks = new ArrayList<>();

    @Option(names = "--no-index", description = "Ignore every package index; only --find-links.")
    boolean noIndex;

    @Option(names = "--pre", description = "Allow pre-releases of every package.")
    boolean pre;

    @Option(names = "--first-index", description = "Take a package from the first index that has it"
            + " (default: every index's files are candidates, as pip does).")
    boolean firstIndex;

    @Option(names = "--no-pip-config", description = "Ignore pip's configuration files and PIP_* variables.")
    boolean noPipConfig;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write the lock (default: PROJECT_DIR/pylock.toml; - for stdout).")
    String output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(projectDir)) {
            err.println("error: " + projectDir + " is not a directory; give the project directory"
                    + " (where pyproject.toml or requirements.txt is)");
            return Main.EXIT_USAGE;
        }
        try {
            Path existing = projectDir.resolve("pylock.toml");
            if (requirementFiles.isEmpty() && Files.isRegularFile(existing)
                    && Files.notExists(projectDir.resolve(Project.PYPROJECT))
                    && Files.notExists(projectDir.resolve(Project.REQUIREMENTS))) {
                // the lock is the only input: validated for the target and passed through
                Target target = target(null);
                LockOutcome.Locked locked = Locker.passThrough(existing, target);
                err.println("The lock is the project's only input: checked for " + target.description());
                write(locked.lock(), out, err);
                err.println(locked.summary().render());
                return 0;
            }
            Project project = Project.load(projectDir, requirementFiles, extras);
            Target target = target(project);
            if (!anyIndexOption()) {
                var current = Locker.current(existing, project, target);
                if (current.isPresent()) {
                    err.println("pylock.toml is up to date (same inputs, same target)");
                    if (output != null && !Path.of(output).toAbsolutePath().equals(existing.toAbsolutePath())) {
                        write(current.get().lock(), out, err);
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
            }).lock(project, target, settings);
            outcome.warnings().forEach(w -> err.println("warning: " + w));
            if (outcome instanceof LockOutcome.Unsatisfiable u) {
                err.println("error: no set of versions fits " + target.description() + "\n");
                err.println(u.message());
                return Main.EXIT_FAILED;
            }
            LockOutcome.Locked locked = (LockOutcome.Locked) outcome;
            write(locked.lock(), out, err);
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

    private Target target(Project project) {
        String r = runtime != null ? runtime : project == null ? null : project.settings().runtime();
        String a = runtime != null ? arch : arch != null ? arch : project == null ? null : project.settings().arch();
        if (r == null || r.equals(Target.HOST)) {
            return a == null ? Target.host() : Target.parse(Target.HOST, a);
        }
        return Target.parse(r, a);
    }

    private void write(Lock lock, PrintWriter out, PrintWriter err) {
        if ("-".equals(output)) {
            out.print(lock.toToml());
            out.flush();
            return;
        }
        Path file = output != null ? Path.of(output) : projectDir.resolve("pylock.toml");
        lock.write(file);
        err.println("Wrote " + file);
    }
}
