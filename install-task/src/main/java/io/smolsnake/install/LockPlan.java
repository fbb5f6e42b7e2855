package io.smolsnake.install;

import io.smolsnake.core.stage.LinkMessage;
import io.smolsnake.pypackaging.filename.InvalidFilenameException;
import io.smolsnake.pypackaging.filename.WheelFilename;
import io.smolsnake.pypackaging.lock.Lock;
import io.smolsnake.pypackaging.lock.LockedPackage;
import io.smolsnake.pypackaging.lock.LockedWheel;
import io.smolsnake.pypackaging.requirement.InvalidMarkerException;
import io.smolsnake.pypackaging.requirement.Marker;
import io.smolsnake.pypackaging.requirement.MarkerEnvironment;
import io.smolsnake.pypackaging.requirement.MarkerEvaluationException;
import io.smolsnake.pypackaging.tags.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * What installing a lock for a target takes: one wheel per package whose marker holds for the
 * target (the most preferred of the package's wheels the target supports), and the environment
 * entries to link them into.
 *
 * @param digest the lock's digest, naming its environment
 * @param requests one install request per package, in the lock's order
 */
public record LockPlan(String digest, List<InstallRequest> requests) {
    public LockPlan {
        requests = List.copyOf(requests);
    }

    /**
     * The plan for {@code lock} on {@code target}; relative wheel {@code path}s are resolved against
     * {@code lockDirectory}.
     *
     * @throws InstallException {@link InstallError#UNSUPPORTED} listing every package that has no
     *     wheel for the target, no sha256, or only a source form (sdist, VCS, directory)
     */
    public static LockPlan of(Lock lock, Path lockDirectory, Target target, boolean compile) {
        MarkerEnvironment environment = MarkerEnvironment.of(target.markerEnvironment());
        List<InstallRequest> requests = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (LockedPackage p : lock.packages()) {
            String name = p.name().normalized() + (p.version() == null ? "" : " " + p.version());
            if (p.marker() != null) {
                try {
                    if (!Marker.parse(p.marker()).evaluate(environment)) {
                        continue;
                    }
                } catch (InvalidMarkerException | MarkerEvaluationException e) {
                    problems.add(name + ": its marker '" + p.marker() + "' cannot be evaluated: " + e.getMessage());
                    continue;
                }
            }
            if (p.wheels().isEmpty()) {
                problems.add(name + ": the lock has no wheel for it (only "
                        + (p.sdist() != null ? "an sdist" : p.vcs() != null ? "a VCS checkout"
                        : p.directory() != null ? "a directory" : p.archive() != null ? "an archive" : "no source")
                        + "); smolsnake installs wheels only: re-lock with a version that has wheels");
                continue;
            }
            if (p.version() == null) {
                problems.add(name + ": the lock gives no version");
                continue;
            }
            LockedWheel best = null;
            int bestRank = Integer.MAX_VALUE;
            for (LockedWheel wheel : p.wheels()) {
                try {
                    OptionalInt rank = target.supportedTags().priority(WheelFilename.parse(wheel.fileName()).tags());
                    if (rank.isPresent() && rank.getAsInt() < bestRank) {
                        best = wheel;
                        bestRank = rank.getAsInt();
                    }
                } catch (InvalidFilenameException e) {
                    problems.add(name + ": " + e.getMessage());
                }
            }
            if (best == null) {
                problems.add(name + ": none of its wheels runs on " + target.description() + " ("
                        + p.wheels().stream().map(LockedWheel::fileName).collect(Collectors.joining(", "))
                        + "): re-lock for this target");
                continue;
            }
            if (best.sha256() == null) {
                problems.add(name + ": the lock records no sha256 for " + best.fileName()
                        + "; smolsnake installs only verified wheels");
                continue;
            }
            String url = best.url() != null ? best.url()
                    : lockDirectory.resolve(best.path()).toAbsolutePath().normalize().toUri().toString();
            requests.add(new InstallRequest(target, p.name().toString(), p.version().toString(), url,
                    best.fileName(), best.size(), best.sha256(), compile));
        }
        if (!problems.isEmpty()) {
            throw new InstallException(InstallError.UNSUPPORTED, lock.digest(), problems.size() + " package"
                    + (problems.size() == 1 ? "" : "s") + " of the lock cannot be installed for "
                    + target.description() + ":\n  " + String.join("\n  ", problems), null);
        }
        return new LockPlan(lock.digest(), requests);
    }

    /** The environment entries of the installed wheels. */
    public List<LinkMessage.Entry> entries() {
        return requests.stream().map(r -> new LinkMessage.Entry(r.name(), r.version(), r.sha256())).toList();
    }
}
