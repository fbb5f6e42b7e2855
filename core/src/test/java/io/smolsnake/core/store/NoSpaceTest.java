package io.smolsnake.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smolsnake.pypackaging.tags.LambdaTarget;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store on a real, tiny file system (a 1 MiB tmpfs; needs permission to mount, skipped otherwise). */
class NoSpaceTest {
    @TempDir
    Path tmp;
    Path small;
    boolean mounted;

    @BeforeEach
    void mountSmallFileSystem() throws Exception {
        small = Files.createDirectories(tmp.resolve("small"));
        mounted = run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", small.toString()) == 0;
        assumeTrue(mounted, "cannot mount a 1 MiB tmpfs here (needs root), so a full disk cannot be made");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            run("umount", small.toString());
        }
    }

    @Test
    void fullFileSystemIsReportedAsNoSpaceAndLeavesNoEntry() throws IOException {
        // given: a wheel with 2 MiB that does not compress, for a store with 1 MiB
        byte[] noise = new byte[2 << 20];
        new Random(42).nextBytes(noise);
        Path wheel = TestWheel.wheel("big", "1.0").file("big/blob.bin", noise).build(tmp.resolve("wheels"));
        Store store = Store.open(small);
        StoreRequest request = StoreTest.request(LambdaTarget.of("python3.12", "x86_64"), wheel, "big", "1.0");

        // when
        StoreException e = assertThrows(StoreException.class, () -> store.install(request));

        // then
        assertEquals(StoreException.Kind.NO_SPACE, e.kind());
        assertTrue(e.getMessage().startsWith("big-1.0-py3-none-any.whl: the destination's file system is full"),
                e.getMessage());
        try (Stream<Path> left = Files.list(small.resolve("store/python3.12-x86_64/big/1.0"))) {
            assertEquals(List.of(), left.toList());
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start().waitFor();
        } catch (IOException e) {
            return -1;
        }
    }
}
