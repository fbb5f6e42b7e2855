package io.smolsnake.pypackaging.locker;

import io.smolsnake.pypackaging.index.IndexClient;
import io.smolsnake.pypackaging.index.IndexSource;
import io.smolsnake.pypackaging.index.MergeStrategy;
import io.smolsnake.pypackaging.index.PipConfig;
import io.smolsnake.pypackaging.index.ProjectCandidates;
import io.smolsnake.pypackaging.index.ProjectFile;
import io.smolsnake.pypackaging.lock.Lock;
import io.smolsnake.pypackaging.lock.LockTarget;
import io.smolsnake.pypackaging.lock.LockedPackage;
import io.smolsnake.pypackaging.lock.LockedWheel;
import io.smolsnake.pypackaging.name.PackageName;
import io.smolsnake.pypackaging.project.Origin;
import io.smolsnake.pypackaging.project.Project;
import io.smolsnake.pypackaging.project.ProjectInputException;
import io.smolsnake.pypackaging.project.RequirementLine;
import io.smolsnake.pypackaging.project.RequirementsTxt;
import io.smolsnake.pypackaging.requirement.MarkerEnvironment;
import io.smolsnake.pypackaging.requirement.Requirement;
import io.smolsnake.pypackaging.resolver.PythonResolver;
import io.smolsnake.pypackaging.resolver.ResolveRequest;
import io.smolsnake.pypackaging.resolver.ResolveResult;
import io.smolsnake.pypackaging.tags.HostTarget;
import io.smolsnake.pypackaging.tags.LambdaTarget;
import io.smolsnake.pypackaging.tags.Target;
import io.smolsnake.pypackaging.version.SpecifierSet;
import io.smolsnake.pypackaging.version.Version;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Turns a project into a PEP 751 lock for one target: reads the inputs, asks the package index,
 * resolves with {@link PythonResolver}, and records every package's chosen wheel with its URL, size
 * and sha256.
 */
public final class Locker {
    /** The line a reused resolution is reported with (after "Resolved N packages"). */
    public static final String REUSED = "the index answers are the same as when these inputs were last locked:"
            + " resolution reused";

    /**
     * Whether resolutions are remembered (under the cache directory's {@code resolutions}), and
     * reused when the same inputs are locked again for the same target by the same build of
     * smolsnake and every package source answers as it did then.
     */
    public enum Memo {
        /** Neither reused nor remembered. */
        NONE,
        /** Reused when every answer is the same; remembered otherwise. */
        REUSE,
        /** Resolved again whatever the memo holds, and remembered. */
        REFRESH
    }

    private final PipConfig pipConfig;
    private final Consumer<String> progress;
    private final Memo memo;

    /**
     * @param pipConfig pip's configuration (index URLs, find-links, constraints), or null to ignore it
     * @param progress receives short progress lines (for stderr); never results
     */
    public Locker(PipConfig pipConfig, Consumer<String> progress) {
        this(pipConfig, progress, Memo.NONE);
    }

    /** As {@link #Locker(PipConfig, Consumer)}, with resolutions remembered as {@code memo} says. */
    public Locker(PipConfig pipConfig, Consumer<String> progress, Memo memo) {
        this.pipConfig = pipConfig;
        this.progress = progress == null ? s -> { } : progress;
        this.memo = memo == null ? Memo.NONE : memo;
    }

    /**
     * Locks {@code project} for {@code target}.
     *
     * @throws ProjectInputException for a bad requirement (file, line and column)
     * @throws LockInputException for inputs that cannot be locked for the target at all
     * @throws io.smolsnake.pypackaging.resolver.PackageSource.SourceUnavailableException when no
     *     index could be asked
     */
    public LockOutcome lock(Project project, Target target, LockSettings settings) {
        return lock(project, CompletableFuture.completedFuture(target), settings);
    }

    /**
     * Locks {@code project} for a target still being worked out (the host's interpreter takes a few
     * hundred milliseconds to answer): meanwhile the inputs are read and the index is asked for the
     * project's direct requirements.
     *
     * @throws RuntimeException what working out the target threw, as thrown, or see
     *     {@link #lock(Project, Target, LockSettings)}
     */
    public LockOutcome lock(Project project, CompletableFuture<? extends Target> pendingTarget, LockSettings settings) {
        return lock(project, pendingTarget, null, settings);
    }

    /**
     * As {@link #lock(Project, CompletableFuture, LockSettings)}, resolving meanwhile for
     * {@code guess} (what the host's interpreter answered last time): when the target turns out to
     * be the guess, that resolution is the lock; otherwise the project is resolved again for the
     * target. A guess is never written without being confirmed.
     */
    public LockOutcome lock(Project project, CompletableFuture<? extends Target> pendingTarget, Target guess,
            LockSettings settings) {
        long started = System.nanoTime();
        List<Requirement> requirements = new ArrayList<>();
        Map<PackageName, Set<String>> hashes = new HashMap<>();
        for (RequirementLine line : project.requirements()) {
            requirements.add(named(line));
            if (!line.hashes().isEmpty()) {
                Requirement r = requirements.get(requirements.size() - 1);
                Set<String> sha = hashes.computeIfAbsent(r.packageName(), k -> new HashSet<>());
                for (String h : line.hashes()) {
                    int colon = h.indexOf(':');
                    if (colon > 0 && h.substring(0, colon).equalsIgnoreCase("sha256")) {
                        sha.add(h.substring(colon + 1).toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        List<Requirement> constraints = new ArrayList<>();
        for (RequirementLine line : project.constraints()) {
            constraints.add(named(line));
        }
        if (pipConfig != null && settings.usePipConfig()) {
            for (String file : pipConfig.constraints()) {
                Path path = Path.of(file);
                if (Files.isRegularFile(path)) {
                    for (RequirementLine line : RequirementsTxt.read(path, System.getenv()).requirements()) {
                        constraints.add(named(line));
                    }
                }
            }
        }

        List<IndexSource> sources = sources(project, settings);
        Path cacheDir = settings.cacheDir() != null ? settings.cacheDir() : IndexClient.defaultCacheDir();
        ResolutionMemo memory = memo == Memo.NONE ? null
                : ResolutionMemo.open(cacheDir.resolve("resolutions")).orElse(null);
        boolean pre = settings.pre() || project.index().pre();
        Inputs inputs = new Inputs(project, sources, settings.strategy(), requirements, constraints, hashes, pre);
        try (IndexClient client = IndexClient.builder().sources(sources).strategy(settings.strategy())
                .cacheDir(cacheDir).build()) {
            Map<PackageName, ProjectCandidates> answered = new HashMap<>();
            if (memory != null && memo == Memo.REUSE && (pendingTarget.isDone() || guess != null)) {
                // the guess is only a key to look under: a reused lock is returned once the target confirms it
                Target known = pendingTarget.isDone() ? join(pendingTarget) : guess;
                LockOutcome reused = reused(memory, known, inputs, client, started, answered);
                if (reused != null) {
                    Target target = join(pendingTarget);
                    // (the same object when the target was known: a record's first equals costs ~30 ms of linking)
                    if (target == known || target.equals(known)) {
                        return reused;
                    }
                    progress.accept("The host's interpreter is not the one it was last time ...");
                    reused = reused(memory, target, inputs, client, started, answered);
                    if (reused != null) {
                        return reused;
                    }
                }
            }
            LocalFileFacts local = new LocalFileFacts(cacheDir);
            try (IndexPackageSource source = new IndexPackageSource(client, hashes, 8, local)) {
                source.answered(answered);
                Work work = new Work(project, settings, sources, requirements, constraints, hashes, source, local,
                        started);
                LockOutcome outcome = resolve(pendingTarget, guess, work);
                if (memory != null) {
                    remember(memory, join(pendingTarget), inputs, source, outcome);
                }
                return outcome;
            }
        }
    }

    private LockOutcome resolve(CompletableFuture<? extends Target> pendingTarget, Target guess, Work work) {
        if (guess != null && !pendingTarget.isDone()) {
            LockOutcome speculative = null;
            RuntimeException failure = null;
            try {
                speculative = lockFor(guess, work, pendingTarget);
            } catch (RuntimeException e) {
                failure = e; // for the guess: it counts only if the guess was right
            }
            Target target = join(pendingTarget);
            if (target.equals(guess)) {
                if (failure != null) {
                    throw failure;
                }
                return speculative;
            }
            progress.accept("The host's interpreter is not the one it was last time; resolving again ...");
            return lockFor(target, work, null);
        }
        if (!pendingTarget.isDone()) {
            work.source().warm(work.requirements().stream().map(Requirement::packageName).distinct().toList());
        }
        return lockFor(join(pendingTarget), work, null);
    }

    /** What the resolution depends on besides the target and the sources' answers. */
    private record Inputs(Project project, List<IndexSource> sources, MergeStrategy strategy,
            List<Requirement> requirements, List<Requirement> constraints,
            Map<PackageName, Set<String>> hashes, boolean pre) {}

    /** The memo's key for {@code inputs} on {@code target}: everything the outcome's bytes depend on. */
    private static String key(ResolutionMemo memory, Target target, Inputs inputs) {
        ResolutionMemo.Key key = memory.key();
        for (Requirement r : inputs.requirements()) {
            key.add("requirement", r);
        }
        for (Requirement r : inputs.constraints()) {
            key.add("constraint", r);
        }
        Map<String, Set<String>> pins = new TreeMap<>();
        inputs.hashes().forEach((name, sha) -> pins.put(name.normalized(), new TreeSet<>(sha)));
        pins.forEach((name, sha) -> key.add("hashes", name + " " + sha));
        Project project = inputs.project();
        key.add("requires-python", project.requiresPython() == null ? "" : project.requiresPython().specifiers());
        key.add("inputs-digest", project.inputsDigest());
        key.add("pre", inputs.pre());
        key.add("strategy", inputs.strategy());
        for (IndexSource s : inputs.sources()) {
            key.add(s instanceof IndexSource.SimpleIndex ? "index" : "find-links", s);
        }
        key.add("target", target instanceof LambdaTarget ? "lambda" : "host");
        key.add("description", target.description());
        new TreeMap<>(target.markerEnvironment()).forEach((k, v) -> key.add("marker " + k, v));
        StringBuilder tags = new StringBuilder();
        target.supportedTags().tags().forEach(t -> tags.append(t).append(' '));
        key.add("tags", tags);
        LockTarget recorded = lockTarget(target, project);
        key.add("lock-target", recorded.runtime() + " " + recorded.arch());
        return ResolutionMemo.name(key);
    }

    /** The remembered outcome for {@code target}, when every source still answers as it did; else null. */
    private LockOutcome reused(ResolutionMemo memory, Target target, Inputs inputs, IndexClient client, long started,
            Map<PackageName, ProjectCandidates> answered) {
        String key = key(memory, target, inputs);
        ResolutionMemo.Entry entry = memory.read(key).orElse(null);
        if (entry == null) {
            return null;
        }
        ResolutionMemo.Validation now = ResolutionMemo.validate(entry, client);
        answered.putAll(now.answered());
        if (!now.same()) {
            return null;
        }
        memory.touch(key);
        if (!entry.locked()) {
            progress.accept("No set of versions fits (" + REUSED + ")");
            return new LockOutcome.Unsatisfiable(new String(entry.body(), StandardCharsets.UTF_8), List.of());
        }
        progress.accept("Resolved " + entry.packages() + (entry.packages() == 1 ? " package (" : " packages (")
                + REUSED + ")");
        double seconds = (System.nanoTime() - started) / 1e9;
        return new LockOutcome.Locked(entry.body(), new LockSummary(target.description(), entry.packages(),
                entry.download(), entry.installed(), seconds));
    }

    /**
     * Remembers {@code outcome} for {@code target} with what every source answered, unless it carries
     * warnings (a source that did not answer) or some answer cannot be compared later.
     */
    private static void remember(ResolutionMemo memory, Target target, Inputs inputs, IndexPackageSource source,
            LockOutcome outcome) {
        if (outcome == null || !outcome.warnings().isEmpty() || source.answers().isEmpty()) {
            return;
        }
        Map<String, String> answers = source.answers().get();
        ResolutionMemo.Entry entry;
        if (outcome instanceof LockOutcome.Locked locked) {
            LockSummary s = locked.summary();
            entry = new ResolutionMemo.Entry(answers, true, s.packages(), s.downloadBytes(), s.installedBytes(),
                    locked.toBytes());
        } else {
            entry = new ResolutionMemo.Entry(answers, false, 0, 0, 0,
                    ((LockOutcome.Unsatisfiable) outcome).message().getBytes(StandardCharsets.UTF_8));
        }
        memory.store(key(memory, target, inputs), entry);
    }

    /** What one lock works with, whatever the target. */
    private record Work(Project project, LockSettings settings, List<IndexSource> sources, List<Requirement> requirements,
            List<Requirement> constraints, Map<PackageName, Set<String>> hashes, IndexPackageSource source,
            LocalFileFacts local, long started) {}

    /**
     * Resolves for {@code target} and records the chosen wheels; with {@code confirm}, the
     * resolution was for a guess, and the wheels (which may mean downloading one to hash it) are
     * recorded only once {@code confirm} says the guess was right: null when it was not.
     */
    private LockOutcome lockFor(Target target, Work work, CompletableFuture<? extends Target> confirm) {
        Project project = work.project();
        LockSettings settings = work.settings();
        List<IndexSource> sources = work.sources();
        List<Requirement> requirements = work.requirements();
        List<Requirement> constraints = work.constraints();
        Map<PackageName, Set<String>> hashes = work.hashes();
        IndexPackageSource source = work.source();
        LocalFileFacts local = work.local();
        long started = work.started();
        MarkerEnvironment env = MarkerEnvironment.of(target.markerEnvironment());
        Version python = Version.parse(target.markerEnvironment().get("python_full_version"));
        checkRequiresPython(project, target, python);
        progress.accept("Resolving for " + target.description() + " from " + sources.size() + " source"
                + (sources.size() == 1 ? "" : "s") + " ...");
        boolean pre = settings.pre() || project.index().pre();
        ResolveRequest request = new ResolveRequest(requirements, constraints, env, target.supportedTags(),
                python, target.description(), pre ? ResolveRequest.Prereleases.ALLOW
                        : ResolveRequest.Prereleases.IF_NECESSARY_OR_EXPLICIT);
        PythonResolver.Outcome outcome = new PythonResolver(source).resolve(request);
        List<String> warnings = new ArrayList<>(new LinkedHashSet<>(source.warnings()));
        warnings.addAll(outcome.warnings());
        if (outcome.result() instanceof ResolveResult.Unsatisfiable u) {
            if (target instanceof LambdaTarget lambda) {
                u = u.withHints(LambdaHints.of(lambda, u.unusable()));
            }
            return new LockOutcome.Unsatisfiable(u.message(), warnings);
        }
        List<ResolveResult.Pin> pins = ((ResolveResult.Resolved) outcome.result()).packages();
        if (confirm != null && !join(confirm).equals(target)) {
            return null;
        }
        progress.accept("Resolved " + pins.size() + " packages; recording their wheels ...");
        WheelFacts facts = new WheelFacts(local);
        List<LockedPackage> packages = new ArrayList<>();
        long download = 0;
        long installed = 0;
        for (ResolveResult.Pin pin : pins) {
            ProjectFile file = IndexPackageSource.fileOf(pin.wheel());
            WheelFacts.Facts f = facts.of(file);
            Set<String> pinned = hashes.get(pin.name());
            if (pinned != null && !pinned.contains(f.sha256())) {
                throw new LockInputException(pin.wheel().filename() + " has sha256 " + f.sha256()
                        + ", which is not among the --hash values pinned for " + pin.name() + " ("
                        + String.join(", ", new TreeSet<>(pinned)) + "). Update the pins, or"
                        + " check where the index got this file.");
            }
            download += f.size();
            installed = installed < 0 || f.installedSize() < 0 ? -1 : installed + f.installedSize();
            LockedWheel wheel = new LockedWheel(pin.wheel().filename(), url(file.url()), null, f.lockSize(), null,
                    Map.of("sha256", f.sha256()));
            List<Map<String, Object>> deps = new ArrayList<>();
            for (PackageName d : new TreeSet<>(pin.dependencies())) {
                deps.add(Map.of("name", d.toString()));
            }
            LockedPackage p = LockedPackage.ofWheels(pin.name(), pin.version(),
                    IndexPackageSource.indexOf(pin.wheel()), List.of(wheel));
            if (!deps.isEmpty()) {
                p = p.withDependencies(deps);
            }
            packages.add(p);
        }
        String requiresPython = project.requiresPython() == null ? null : project.requiresPython().specifiers();
        Lock lock = Lock.of("smolsnake", requiresPython, packages, lockTarget(target, project));
        double seconds = (System.nanoTime() - started) / 1e9;
        LockSummary summary = new LockSummary(target.description(), packages.size(), download, installed,
                seconds);
        return new LockOutcome.Locked(lock, summary, warnings);
    }

    /**
     * An existing {@code pylock.toml} that is current for {@code project} on {@code target}: made by
     * smolsnake for the same target from the same inputs (its {@code inputs-digest}). Returned as
     * is, without asking the index; empty when the project must be locked again.
     */
    public static java.util.Optional<LockOutcome.Locked> current(Path lockFile, Project project, Target target) {
        if (!Files.isRegularFile(lockFile)) {
            return java.util.Optional.empty();
        }
        Lock lock;
        try {
            lock = Lock.read(lockFile);
        } catch (RuntimeException e) {
            return java.util.Optional.empty(); // an unreadable lock is simply made again
        }
        LockTarget wanted = lockTarget(target, project);
        boolean same = lock.target().map(t -> t.runtime().equals(wanted.runtime()) && t.arch().equals(wanted.arch())
                && wanted.inputsDigest().equals(t.inputsDigest())).orElse(false);
        return same ? java.util.Optional.of(new LockOutcome.Locked(lock, summary(lock, target, 0), List.of()))
                : java.util.Optional.empty();
    }

    /**
     * A {@code pylock.toml} given as the only input (from any tool): validated, checked to have a
     * wheel for {@code target} for every package that applies there, and passed through with the
     * target recorded.
     *
     * @throws LockInputException listing every package the target cannot install, or the file's problems
     */
    public static LockOutcome.Locked passThrough(Path lockFile, Target target) {
        Lock lock;
        try {
            lock = Lock.read(lockFile);
        } catch (RuntimeException e) {
            throw new LockInputException(e.getMessage());
        }
        MarkerEnvironment env = MarkerEnvironment.of(target.markerEnvironment());
        List<String> problems = new ArrayList<>();
        for (LockedPackage p : lock.packages()) {
            if (p.marker() != null && !io.smolsnake.pypackaging.requirement.Marker.parse(p.marker())
                    .evaluate(env, io.smolsnake.pypackaging.requirement.MarkerContext.LOCK_FILE)) {
                continue;
            }
            boolean fits = p.wheels().stream().anyMatch(w -> {
                try {
                    return target.supportedTags().isSupported(
                            io.smolsnake.pypackaging.filename.WheelFilename.parse(w.fileName()).tags());
                } catch (RuntimeException e) {
                    return false;
                }
            });
            if (!fits) {
                problems.add(p.name() + " " + p.version() + " has no wheel for " + target.description() + " ("
                        + p.wheels().size() + " wheel" + (p.wheels().size() == 1 ? "" : "s") + " in the lock)");
            }
        }
        if (!problems.isEmpty()) {
            throw new LockInputException(lockFile + " cannot be installed on " + target.description() + ":\n  "
                    + String.join("\n  ", problems) + "\nLock it again for this target (smolsnake lock --runtime …).");
        }
        Lock withTarget = lock.target().isPresent() ? lock : lock.withTarget(lockTarget(target, null));
        return new LockOutcome.Locked(withTarget, summary(withTarget, target, 0), List.of());
    }

    private static LockSummary summary(Lock lock, Target target, double seconds) {
        long download = 0;
        for (LockedPackage p : lock.packages()) {
            download += p.wheels().isEmpty() || p.wheels().get(0).size() == null ? 0 : p.wheels().get(0).size();
        }
        return new LockSummary(target.description(), lock.packages().size(), download, -1, seconds);
    }

    /** A URL as a lock records it: {@code file:///path} for local files (not Java's {@code file:/path}). */
    static String url(java.net.URI uri) {
        if ("file".equals(uri.getScheme()) && uri.getAuthority() == null) {
            return "file://" + uri.getRawPath();
        }
        return uri.toString();
    }

    /** The target as the lock records it under {@code [tool.smolsnake]}. */
    public static LockTarget lockTarget(Target target, Project project) {
        String digest = project == null ? null : project.inputsDigest();
        if (target instanceof LambdaTarget l) {
            return new LockTarget(l.runtime().identifier(), l.arch().lambdaName(), digest);
        }
        HostTarget h = (HostTarget) target;
        return new LockTarget(Target.HOST, h.markerEnvironment().get("platform_machine"), digest);
    }

    private static Requirement named(RequirementLine line) {
        if (line.kind() != RequirementLine.Kind.NAMED) {
            throw new LockInputException(where(line.origin()) + "'" + line.text() + "' is a local project or a bare"
                    + " URL; smolsnake locks published wheels only. Build a wheel and require it by name from an"
                    + " index or find-links directory, or as 'name @ https://…/name-1.0-py3-none-any.whl'.");
        }
        if (line.editable()) {
            throw new LockInputException(where(line.origin()) + "'" + line.text() + "' is editable (-e); a Lambda"
                    + " environment cannot point at a source tree. Require the package without -e.");
        }
        return line.parse(Requirement::parse);
    }

    private static String where(Origin origin) {
        return origin == null ? "" : origin + ": ";
    }

    /** The target, or what working it out threw (unwrapped). */
    private static Target join(CompletableFuture<? extends Target> target) {
        try {
            return target.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private static void checkRequiresPython(Project project, Target target, Version python) {
        if (project.requiresPython() == null) {
            return;
        }
        SpecifierSet spec = project.requiresPython().parse(SpecifierSet::parse);
        if (!spec.contains(python.toString(), true)) {
            throw new LockInputException("The project requires Python " + spec + " (" + project.requiresPython()
                    .origin() + "), but " + target.description() + " runs Python " + python
                    + ". Choose another runtime (--runtime) or relax requires-python.");
        }
    }

    private List<IndexSource> sources(Project project, LockSettings settings) {
        boolean usePip = pipConfig != null && settings.usePipConfig();
        boolean noIndex = settings.noIndex() || project.index().noIndex() || (usePip && pipConfig.noIndex());
        List<IndexSource> out = new ArrayList<>();
        if (!noIndex) {
            String base = settings.indexUrl() != null ? settings.indexUrl()
                    : project.index().indexUrl() != null ? project.index().indexUrl()
                    : usePip && pipConfig.indexUrl().isPresent() ? pipConfig.indexUrl().get()
                    : PipConfig.PYPI;
            out.add(IndexSource.index(base));
            Set<String> extras = new LinkedHashSet<>(settings.extraIndexUrls());
            extras.addAll(project.index().extraIndexUrls());
            if (usePip && settings.indexUrl() == null) {
                extras.addAll(pipConfig.extraIndexUrls());
            }
            extras.remove(base);
            extras.forEach(u -> out.add(IndexSource.index(u)));
        }
        Set<String> links = new LinkedHashSet<>(settings.findLinks());
        links.addAll(project.index().findLinks());
        if (usePip) {
            links.addAll(pipConfig.findLinks());
        }
        links.forEach(l -> out.add(IndexSource.findLinks(l)));
        if (out.isEmpty()) {
            throw new LockInputException("--no-index was given and there are no --find-links: smolsnake has"
                    + " nowhere to look for packages.");
        }
        return out;
    }
}
