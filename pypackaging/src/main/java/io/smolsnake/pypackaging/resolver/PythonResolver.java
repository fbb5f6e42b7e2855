package io.smolsnake.pypackaging.resolver;

import io.smolsnake.pypackaging.name.ExtraName;
import io.smolsnake.pypackaging.name.PackageName;
import io.smolsnake.pypackaging.version.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Resolves a project's requirements to one version and one wheel per package for one target,
 * with {@link PubGrub}. Only wheels the target accepts are candidates.
 */
public final class PythonResolver {
    private final PackageSource source;

    public PythonResolver(PackageSource source) {
        this.source = source;
    }

    /** The outcome, plus warnings a person should see (missing extras, bad index data). */
    public record Outcome(ResolveResult result, List<String> warnings) {}

    /**
     * Resolves {@code request}.
     *
     * @throws PackageSource.SourceUnavailableException when the index cannot be asked
     * @throws ResolveInputException for a requirement that cannot be locked at all
     */
    public Outcome resolve(ResolveRequest request) {
        PythonProvider provider = new PythonProvider(request, source);
        Resolution<Package, Range, Version> resolution = PubGrub.solve(provider, new Package.Root(),
                PythonProvider.ROOT_VERSION);
        if (resolution instanceof Resolution.Unsolvable<Package, Range, Version> u) {
            List<ResolveResult.Unusable> unusable = new ArrayList<>();
            provider.unusable().forEach((name, list) -> {
                if (u.explain().contains(name.toString())) {
                    unusable.addAll(list);
                }
            });
            return new Outcome(new ResolveResult.Unsatisfiable(u.explain(), hints(provider, u.explain()), unusable),
                    provider.warnings());
        }
        Map<Package, Version> versions = ((Resolution.Solved<Package, Range, Version>) resolution).versions();
        Map<PackageName, Set<ExtraName>> extras = new HashMap<>();
        for (Package pkg : versions.keySet()) {
            if (pkg instanceof Package.Extra e) {
                extras.computeIfAbsent(e.name(), k -> new HashSet<>()).add(e.extra());
            }
        }
        Map<PackageName, ResolveResult.Pin> pins = new TreeMap<>();
        for (Map.Entry<Package, Version> e : versions.entrySet()) {
            if (e.getKey() instanceof Package.Project p) {
                PythonProvider.Candidate c = provider.candidate(p.name(), e.getValue());
                pins.put(p.name(), new ResolveResult.Pin(p.name(), e.getValue(), c.best(),
                        extras.getOrDefault(p.name(), Set.of()), provider.dependenciesOf(p.name(), e.getValue())));
            }
        }
        return new Outcome(new ResolveResult.Resolved(new ArrayList<>(pins.values())), provider.warnings());
    }

    /** What the user may change: one hint per package whose versions the target could not use. */
    private static List<String> hints(PythonProvider provider, String explanation) {
        List<String> hints = new ArrayList<>();
        provider.unusable().forEach((name, reasons) -> {
            if (!explanation.contains(name.toString())) {
                return;
            }
            ResolveResult.Unusable first = reasons.get(0);
            String more = reasons.size() > 1 ? " (and " + (reasons.size() - 1) + " more versions)" : "";
            hints.add(name + " " + first.version() + " " + first.reason() + more);
        });
        return hints;
    }
}
