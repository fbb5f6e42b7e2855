package io.smolsnake.pypackaging.resolver;

import io.smolsnake.pypackaging.metadata.CoreMetadata;
import io.smolsnake.pypackaging.name.ExtraName;
import io.smolsnake.pypackaging.name.PackageName;
import io.smolsnake.pypackaging.requirement.MarkerContext;
import io.smolsnake.pypackaging.requirement.MarkerEnvironment;
import io.smolsnake.pypackaging.requirement.Requirement;
import io.smolsnake.pypackaging.tags.Tag;
import io.smolsnake.pypackaging.version.Operator;
import io.smolsnake.pypackaging.version.Specifier;
import io.smolsnake.pypackaging.version.SpecifierSet;
import io.smolsnake.pypackaging.version.Version;
import io.smolsnake.pypackaging.version.VersionRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The Python packaging rules on top of the generic solver: wheels, tags, markers, extras. */
final class PythonProvider implements DependencyProvider<Package, Range, Version> {
    static final Version ROOT_VERSION = Version.parse("0");

    private final ResolveRequest request;
    private final PackageSource source;
    private final Map<PackageName, VersionRange> constraints = new HashMap<>();
    private final Map<PackageName, NavigableMap<Version, Candidate>> candidates = new HashMap<>();
    private final Map<PackageName, Candidate> directUrls = new HashMap<>();
    private final Set<PackageName> explicitPrerelease = new HashSet<>();
    private final Map<PackageName, Set<Version>> pins = new HashMap<>();
    private final Map<Package, Long> discovered = new HashMap<>();
    private final Map<PackageName, Map<Version, Set<PackageName>>> edges = new HashMap<>();
    private final Map<PackageName, List<ResolveResult.Unusable>> unusable = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    /** The files of one version of a project, and the wheel the target would use. */
    record Candidate(Version version, List<Dist> files, Dist best, boolean yanked) {}

    PythonProvider(ResolveRequest request, PackageSource source) {
        this.request = request;
        this.source = source;
        for (Requirement c : request.constraints()) {
            if (c.marker() == null || c.appliesTo(request.environment(), MarkerContext.REQUIREMENT)) {
                constraints.merge(c.packageName(), VersionRange.from(c.specifier()), VersionRange::intersection);
                note(c);
            }
        }
        discovered.put(new Package.Root(), 0L);
    }

    List<String> warnings() {
        return warnings;
    }

    /** For each package that had versions the target cannot use: why, newest first. */
    Map<PackageName, List<ResolveResult.Unusable>> unusable() {
        return unusable;
    }

    Candidate candidate(PackageName name, Version version) {
        Candidate direct = directUrls.get(name);
        if (direct != null && direct.version().equals(version)) {
            return direct;
        }
        return candidates(name).get(version);
    }

    Set<PackageName> dependenciesOf(PackageName name, Version version) {
        return edges.getOrDefault(name, Map.of()).getOrDefault(version, Set.of());
    }

    @Override
    public Range full() {
        return Range.FULL;
    }

    @Override
    public Range singleton(Version version) {
        return new Range(VersionRange.singleton(version));
    }

    @Override
    public long priority(Package pkg, Range allowed) {
        return discovered.getOrDefault(pkg, Long.MAX_VALUE);
    }

    @Override
    public Optional<Version> chooseVersion(Package pkg, Range allowed) {
        PackageName name = nameOf(pkg);
        Candidate direct = directUrls.get(name);
        if (direct != null) {
            return allowed.contains(direct.version()) ? Optional.of(direct.version()) : Optional.empty();
        }
        NavigableMap<Version, Candidate> all = candidates(name);
        boolean preAllowed = request.prereleases() == ResolveRequest.Prereleases.ALLOW
                || explicitPrerelease.contains(name)
                || all.keySet().stream().allMatch(Version::isPrerelease);
        for (Candidate c : all.descendingMap().values()) {
            Version v = c.version();
            if (!allowed.contains(v)) {
                continue;
            }
            if (c.yanked() && !pins.getOrDefault(name, Set.of()).contains(v)) {
                continue;
            }
            if (preAllowed || !v.isPrerelease()) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    @Override
    public Dependencies<Package, Range> dependencies(Package pkg, Version version) {
        if (pkg instanceof Package.Root) {
            Map<Package, Range> deps = new LinkedHashMap<>();
            for (Requirement r : request.requirements()) {
                if (r.marker() == null || r.appliesTo(request.environment(), MarkerContext.REQUIREMENT)) {
                    note(r);
                    addEdge(deps, r);
                }
            }
            return new Dependencies.Known<>(deps);
        }
        PackageName name = nameOf(pkg);
        Candidate candidate = candidate(name, version);
        ResolveResult.Unusable why = unusableReason(candidate);
        if (why != null) {
            unusable.computeIfAbsent(name, k -> new ArrayList<>()).add(why);
            return new Dependencies.Unavailable<>(why.reason());
        }
        CoreMetadata metadata = source.metadata(candidate.best());
        SpecifierSet requiresPython = metadata.requiresPython();
        if (!requiresPython.isEmpty() && !requiresPython.contains(request.python().toString(), true)) {
            String reason = "requires Python " + requiresPython + " (" + request.targetDescription() + " has "
                    + request.python() + ")";
            unusable.computeIfAbsent(name, k -> new ArrayList<>()).add(new ResolveResult.Unusable(name, version,
                    ResolveResult.Unusable.Why.REQUIRES_PYTHON, Set.of(), reason));
            return new Dependencies.Unavailable<>(reason);
        }
        Map<Package, Range> deps = new LinkedHashMap<>();
        MarkerEnvironment env = request.environment();
        if (pkg instanceof Package.Extra extra) {
            deps.put(new Package.Project(name), singleton(version));
            boolean provided = metadata.extras().contains(extra.extra());
            if (!provided) {
                warnings.add(name + " " + version + " does not provide the extra '" + extra.extra() + "'");
            }
            MarkerEnvironment withExtra = env.withExtra(extra.extra().toString());
            for (Requirement r : metadata.requiresDist()) {
                if (r.marker() != null && r.appliesTo(withExtra, MarkerContext.METADATA)
                        && !r.appliesTo(env, MarkerContext.METADATA)) {
                    addEdge(deps, r);
                }
            }
        } else {
            Set<PackageName> names = new TreeSet<>();
            for (Requirement r : metadata.requiresDist()) {
                if (r.marker() == null || r.appliesTo(env, MarkerContext.METADATA)) {
                    addEdge(deps, r);
                    names.add(r.packageName());
                }
            }
            names.remove(name);
            edges.computeIfAbsent(name, k -> new HashMap<>()).put(version, names);
        }
        prefetch(deps);
        return new Dependencies.Known<>(deps);
    }

    /** Why the target cannot use this version at all, or null when it can. */
    private ResolveResult.Unusable unusableReason(Candidate c) {
        PackageName name = c.files().get(0).name();
        if (c.best() != null) {
            String rp = c.best().requiresPython();
            if (rp != null && !rp.isBlank()) {
                try {
                    SpecifierSet spec = SpecifierSet.parse(rp);
                    if (!spec.contains(request.python().toString(), true)) {
                        return new ResolveResult.Unusable(name, c.version(), ResolveResult.Unusable.Why.REQUIRES_PYTHON,
                                Set.of(), "requires Python " + spec + " (" + request.targetDescription() + " has "
                                + request.python() + ")");
                    }
                } catch (IllegalArgumentException e) {
                    warnings.add("ignoring the invalid requires-python '" + rp + "' of " + c.best().filename());
                }
            }
            return null;
        }
        List<Dist> wheels = c.files().stream().filter(Dist::wheel).toList();
        if (wheels.isEmpty()) {
            return new ResolveResult.Unusable(name, c.version(), ResolveResult.Unusable.Why.ONLY_SDIST, Set.of(),
                    "has only a source distribution, and smolsnake installs wheels only (Lambda cannot build"
                    + " packages)");
        }
        Set<String> tags = new TreeSet<>();
        Set<Tag> all = new java.util.HashSet<>();
        for (Dist w : wheels) {
            for (Tag t : w.tags()) {
                tags.add(t.toString());
                all.add(t);
            }
        }
        List<String> shown = new ArrayList<>(tags);
        String list = shown.size() <= 4 ? String.join(", ", shown)
                : String.join(", ", shown.subList(0, 4)) + " and " + (shown.size() - 4) + " more";
        return new ResolveResult.Unusable(name, c.version(), ResolveResult.Unusable.Why.NO_COMPATIBLE_WHEEL, all,
                "has no wheel for " + request.targetDescription() + " (its wheels: " + list + ")");
    }

    private void addEdge(Map<Package, Range> deps, Requirement r) {
        PackageName name = r.packageName();
        VersionRange range = VersionRange.from(r.specifier());
        if (r.url() != null) {
            Candidate direct = directUrl(name, r.url());
            range = VersionRange.singleton(direct.version());
        }
        VersionRange constraint = constraints.get(name);
        if (constraint != null) {
            range = range.intersection(constraint);
        }
        Range edge = new Range(range);
        deps.merge(new Package.Project(name), edge, Range::intersection);
        discover(new Package.Project(name));
        for (ExtraName extra : r.extraNames()) {
            Package.Extra node = new Package.Extra(name, extra);
            deps.merge(node, edge, Range::intersection);
            discover(node);
        }
    }

    private void discover(Package pkg) {
        discovered.putIfAbsent(pkg, (long) discovered.size());
    }

    /**
     * Remembers what a first-party requirement (the project's own, or a constraint) says about
     * pre-releases and exact pins: as in uv and pip, only those opt a package into pre-releases or
     * a yanked version; a dependency's metadata cannot.
     */
    private void note(Requirement r) {
        for (Specifier s : r.specifier().specifiers()) {
            String text = s.version().endsWith(".*") ? s.version().substring(0, s.version().length() - 2)
                    : s.version();
            if (!Version.isValid(text)) {
                continue;
            }
            Version v = Version.parse(text);
            if (v.isPrerelease()) {
                explicitPrerelease.add(r.packageName());
            }
            if ((s.operator() == Operator.EQUAL && !s.isWildcard()) || s.operator() == Operator.ARBITRARY) {
                pins.computeIfAbsent(r.packageName(), k -> new HashSet<>()).add(v);
            }
        }
    }

    private Candidate directUrl(PackageName name, String url) {
        Candidate known = directUrls.get(name);
        if (known != null) {
            return known;
        }
        Dist dist = DirectUrls.dist(name, url);
        Dist best = dist.wheel() && request.tags().isSupported(dist.tags()) ? dist : null;
        Candidate c = new Candidate(dist.version(), List.of(dist), best, false);
        directUrls.put(name, c);
        return c;
    }

    private void prefetch(Map<Package, Range> deps) {
        List<Dist> next = new ArrayList<>();
        Set<PackageName> seen = new LinkedHashSet<>();
        for (Map.Entry<Package, Range> e : deps.entrySet()) {
            PackageName name = nameOf(e.getKey());
            if (!seen.add(name) || directUrls.containsKey(name)) {
                continue;
            }
            Optional<Version> v = chooseVersion(e.getKey(), e.getValue());
            if (v.isPresent()) {
                Candidate c = candidates(name).get(v.get());
                if (c != null && c.best() != null) {
                    next.add(c.best());
                }
            }
        }
        if (!next.isEmpty()) {
            source.prefetch(next);
        }
    }

    NavigableMap<Version, Candidate> candidates(PackageName name) {
        NavigableMap<Version, Candidate> known = candidates.get(name);
        if (known != null) {
            return known;
        }
        Map<Version, List<Dist>> byVersion = new HashMap<>();
        for (Dist d : source.files(name)) {
            byVersion.computeIfAbsent(d.version(), k -> new ArrayList<>()).add(d);
        }
        NavigableMap<Version, Candidate> out = new TreeMap<>();
        for (Map.Entry<Version, List<Dist>> e : byVersion.entrySet()) {
            List<Dist> files = e.getValue();
            Dist best = null;
            int bestPriority = Integer.MAX_VALUE;
            for (Dist d : files) {
                if (!d.wheel()) {
                    continue;
                }
                OptionalInt p = request.tags().priority(d.tags());
                if (p.isPresent() && p.getAsInt() < bestPriority) {
                    best = d;
                    bestPriority = p.getAsInt();
                }
            }
            boolean yanked = files.stream().allMatch(Dist::yanked);
            out.put(e.getKey(), new Candidate(e.getKey(), List.copyOf(files), best, yanked));
        }
        candidates.put(name, out);
        return out;
    }

    static PackageName nameOf(Package pkg) {
        if (pkg instanceof Package.Project p) {
            return p.name();
        }
        if (pkg instanceof Package.Extra e) {
            return e.name();
        }
        throw new IllegalArgumentException("the root has no name");
    }
}
