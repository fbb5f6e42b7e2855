package io.smolsnake.lock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smolsnake.core.bootstrap.Bootstrap;
import io.smolsnake.core.stage.InstallItem;
import io.smolsnake.core.stage.LockRequest;
import io.smolsnake.core.stage.LockResult;
import io.smolsnake.core.stage.S3Location;
import io.smolsnake.core.store.Environments;
import io.smolsnake.core.store.Store;
import io.smolsnake.core.store.StoreKey;
import io.smolsnake.pypackaging.index.IndexException;
import io.smolsnake.pypackaging.index.PipConfig;
import io.smolsnake.pypackaging.lock.LockedPackage;
import io.smolsnake.pypackaging.lock.LockedWheel;
import io.smolsnake.pypackaging.locker.LockInputException;
import io.smolsnake.pypackaging.locker.LockOutcome;
import io.smolsnake.pypackaging.locker.LockSettings;
import io.smolsnake.pypackaging.locker.Locker;
import io.smolsnake.pypackaging.project.Project;
import io.smolsnake.pypackaging.project.ProjectInputException;
import io.smolsnake.pypackaging.resolver.PackageSource;
import io.smolsnake.pypackaging.resolver.ResolveInputException;
import io.smolsnake.pypackaging.tags.Target;
import io.smolsnake.pypackaging.tags.UnknownTargetException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.inject.Inject;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The Lock stage: the project bundle in S3 becomes a {@code pylock.toml} for the target and an
 * install plan naming the wheels the store lacks. Nothing in here knows whether it runs on AWS.
 */
public final class LockService {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Client s3;
    private final Path workDir;
    private final PipConfig pipConfig;

    @Inject
    public LockService(S3Client s3, @WorkDir Path workDir, PipConfig pipConfig) {
        this.s3 = s3;
        this.workDir = workDir;
        this.pipConfig = pipConfig;
    }

    /**
     * Locks the bundle's project.
     *
     * @throws Lock.InvalidInput for a bad bundle, requirement or target
     * @throws Lock.Unsatisfiable when no versions fit the target
     * @throws Lock.IndexUnavailable when the index (or S3) could not be read
     */
    public LockResult lock(LockRequest request, Consumer<String> log) {
        Path dir;
        try {
            Files.createDirectories(workDir);
            dir = Files.createTempDirectory(workDir, "bundle-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory under " + workDir, e);
        }
        try {
            fetchBundle(request.bundle(), dir);
            Target target = Target.parse(request.runtime(), request.arch());
            Path existing = dir.resolve("pylock.toml");
            LockOutcome outcome;
            if (Files.isRegularFile(existing) && Files.notExists(dir.resolve(Project.PYPROJECT))
                    && Files.notExists(dir.resolve(Project.REQUIREMENTS))) {
                log.accept("the bundle's pylock.toml is its only input: checked for " + target.description());
                outcome = Locker.passThrough(existing, target);
            } else {
                Project project = Project.load(dir, List.of(), List.of());
                var current = Locker.current(existing, project, target);
                if (current.isPresent()) {
                    log.accept("the bundle's pylock.toml is current for its inputs and target: passed through");
                    outcome = current.get();
                } else {
                    outcome = new Locker(pipConfig, log).lock(project, target, new LockSettings(null, List.of(),
                            List.of(), false, false, null, workDir.resolve("cache"), true));
                }
            }
            outcome.warnings().forEach(w -> log.accept("warning: " + w));
            if (outcome instanceof LockOutcome.Unsatisfiable u) {
                throw new Lock.Unsatisfiable("No set of versions fits " + target.description() + ".\n\n" + u.message(),
                        null);
            }
            LockOutcome.Locked locked = (LockOutcome.Locked) outcome;
            log.accept(locked.summary().render());
            return publish(request, target, locked.lock());
        } catch (ProjectInputException | LockInputException | ResolveInputException | UnknownTargetException e) {
            throw new Lock.InvalidInput(e.getMessage(), e);
        } catch (PackageSource.SourceUnavailableException | IndexException e) {
            throw new Lock.IndexUnavailable("The package index could not be read: " + e.getMessage(), e);
        } finally {
            deleteTree(dir);
        }
    }

    private void fetchBundle(S3Location bundle, Path dir) {
        try (InputStream in = s3.getObject(b -> b.bucket(bundle.bucket()).key(bundle.key()))) {
            Bundles.extract(in, dir, bundle.toString());
        } catch (NoSuchKeyException e) {
            throw new Lock.InvalidInput("The project bundle " + bundle + " does not exist; upload it first"
                    + " (smolsnake deploy does).", e);
        } catch (S3Exception e) {
            throw new Lock.IndexUnavailable("The project bundle " + bundle + " could not be read: "
                    + e.awsErrorDetails().errorMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new Lock.InvalidInput(e.getMessage(), e);
        } catch (IOException e) {
            throw new Lock.InvalidInput("The project bundle " + bundle + " is not a readable zip: " + e.getMessage(),
                    e);
        }
    }

    private LockResult publish(LockRequest request, Target target, io.smolsnake.pypackaging.lock.Lock lock) {
        String digest = lock.digest();
        String prefix = request.artifacts().key().isEmpty() || request.artifacts().key().endsWith("/")
                ? request.artifacts().key() : request.artifacts().key() + "/";
        S3Location lockAt = new S3Location(request.artifacts().bucket(), prefix + "locks/" + digest + "/pylock.toml");
        S3Location planAt = new S3Location(request.artifacts().bucket(), prefix + "locks/" + digest + "/plan.json");
        Path root = Path.of(request.storeRoot());
        Store store = Store.readOnly(root);
        List<InstallItem> install = new ArrayList<>();
        List<LockResult.Entry> entries = new ArrayList<>();
        int cached = 0;
        for (LockedPackage p : lock.packages()) {
            LockedWheel wheel = p.wheels().get(0);
            String sha = wheel.hashes().get("sha256");
            entries.add(new LockResult.Entry(p.name().toString(), p.version().toString(), sha));
            if (store.isComplete(StoreKey.of(target, p.name().toString(), p.version().toString(), sha))) {
                cached++;
            } else {
                install.add(new InstallItem(p.name().toString(), p.version().toString(), wheel.url(), wheel.name(),
                        wheel.size(), sha));
            }
        }
        Path env = Environments.linkForestPath(root, StoreKey.platform(target), digest);
        String[] rt = runtimeAndArch(lock);
        boolean ready = install.isEmpty() && Environments.isComplete(env);
        LockResult result = new LockResult(digest, rt[0], rt[1], lockAt, planAt, lock.packages().size(), cached,
                install, entries, env.toString(), ready, ready && Bootstrap.hasNativeFiles(env));
        try {
            s3.putObject(b -> b.bucket(lockAt.bucket()).key(lockAt.key()).contentType("application/toml"),
                    RequestBody.fromBytes(lock.toBytes()));
            s3.putObject(b -> b.bucket(planAt.bucket()).key(planAt.key()).contentType("application/json"),
                    RequestBody.fromBytes(JSON.writeValueAsBytes(result)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (S3Exception e) {
            throw new Lock.IndexUnavailable("Writing the lock to " + lockAt + " failed: "
                    + e.awsErrorDetails().errorMessage(), e);
        }
        return result;
    }

    private static String[] runtimeAndArch(io.smolsnake.pypackaging.lock.Lock lock) {
        return lock.target().map(t -> new String[] {t.runtime(), t.arch()}).orElse(new String[] {"host", ""});
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory in /tmp is harmless; the next cold start gets a new /tmp
        }
    }
}
