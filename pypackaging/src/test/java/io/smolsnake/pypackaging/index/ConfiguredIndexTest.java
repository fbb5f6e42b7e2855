package io.smolsnake.pypackaging.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smolsnake.pypackaging.name.PackageName;
import io.smolsnake.pypackaging.version.Version;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the index this machine's pip is configured with; skipped where none is configured. */
class ConfiguredIndexTest {
    @TempDir
    Path cache;

    @Test
    void findsNumpyInTheConfiguredIndexAndReadsAWheelsMetadata() {
        PipConfig config = PipConfig.load();
        Assumptions.assumeTrue(config.indexUrl().isPresent() || !config.extraIndexUrls().isEmpty(),
                "no index-url or extra-index-url in pip's configuration (pip config list); nothing local to read");
        IndexClient client = IndexClient.builder().sources(config.sources()).cacheDir(cache)
                .connectTimeout(Duration.ofSeconds(5)).retry(RetryPolicy.none()).build();

        ProjectCandidates numpy = client.project(PackageName.of("numpy"));
        Assumptions.assumeFalse(numpy.notFound(), "the configured index has no numpy");

        List<ProjectFile> wheels = numpy.files().stream().filter(f -> f.kind() == FileKind.WHEEL).toList();
        assertFalse(wheels.isEmpty(), "numpy is listed but has no wheels");
        ProjectFile wheel = wheels.get(0);
        RawMetadata metadata = client.metadata(wheel);

        String version = wheel.filename().split("-")[1];
        assertTrue(metadata.text().contains("\nName: numpy\n"), metadata.text().lines().limit(5).toList().toString());
        assertTrue(metadata.text().lines().anyMatch(l -> l.startsWith("Version: ")
                && Version.parse(l.substring(9).strip()).equals(Version.parse(version))), "Version: " + version);
        assertEquals(RawMetadata.Origin.CACHE, client.metadata(wheel).origin(), "the second read comes from the cache");
    }
}
