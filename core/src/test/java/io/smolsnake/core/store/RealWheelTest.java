package io.smolsnake.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smolsnake.pypackaging.tags.HostTarget;
import io.smolsnake.pypackaging.tags.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wheels from this machine's package mirror, installed for the host, assembled and imported by python3. */
class RealWheelTest {
    static final List<Path> MIRRORS = List.of(Path.of("/opt/pypi/files"), Path.of("/opt/wheels"));

    @TempDir
    Path tmp;

    static Optional<Path> find(String prefix, String suffix) throws IOException {
        for (Path dir : MIRRORS) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                Optional<Path> found = files.filter(p -> {
                    String n = p.getFileName().toString();
                    return n.startsWith(prefix) && n.endsWith(suffix);
                }).sorted().findFirst();
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    static StoreRequest request(Target target, Path wheel, boolean compile) throws IOException {
        String[] parts = wheel.getFileName().toString().split("-");
        return new StoreRequest(target, parts[0], parts[1], wheel, TestWheel.sha256(wheel), Files.size(wheel),
                compile);
    }

    @Test
    void sixFromTheMirrorIsInstalledAssembledAndImported() throws Exception {
        Optional<Path> wheel = find("six-1.17.0-", "-none-any.whl");
        assumeTrue(wheel.isPresent(), "six-1.17.0 is not in " + MIRRORS);
        HostTarget host = Target.host();
        Store store = Store.open(tmp.resolve("efs"));

        StoreResult six = store.install(request(host, wheel.get(), true));
        EnvResult env = Environments.open(store).assemble(EnvRequest.linkForest(host, "six-lock", List.of(six.key())));

        assertTrue(six.compiled());
        assertEquals(six.files(), env.files());
        assertEquals("1.17.0 " + env.path().resolve("site-packages/six.py"),
                Python.run(env.path(), "import six; print(six.__version__, six.__file__)"));
    }

    @Test
    void numpyWithItsBundledLibrariesImportsFromTheLinkForest() throws Exception {
        // numpy's extension modules find numpy.libs/ through $ORIGIN/../numpy.libs: a path between two
        // top-level directories of site-packages, as torch's reach into nvidia/
        String tag = "cp" + Target.host().python().nodot();
        Optional<Path> wheel = find("numpy-2.2.6-" + tag + "-" + tag + "-manylinux", "x86_64.whl");
        assumeTrue(wheel.isPresent(), "numpy-2.2.6 for " + tag + " on x86_64 is not in " + MIRRORS);
        HostTarget host = Target.host();
        Store store = Store.open(tmp.resolve("efs"));

        StoreResult numpy = store.install(request(host, wheel.get(), false));
        EnvResult env = Environments.open(store).assemble(EnvRequest.linkForest(host, "np", List.of(numpy.key())));

        assertEquals(env.files(), env.linked());
        assertTrue(Files.isDirectory(env.path().resolve("site-packages/numpy.libs")));
        assertEquals("2.2.6 6.0", Python.run(env.path(),
                "import numpy; print(numpy.__version__, float(numpy.arange(4).sum()))"));
    }
}
