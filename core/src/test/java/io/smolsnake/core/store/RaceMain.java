package io.smolsnake.core.store;

import io.smolsnake.pypackaging.tags.LambdaTarget;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A second worker process for {@link ConcurrentInstallTest}: announces it is ready, waits for the
 * go file, installs the wheel and prints {@code cached=<true|false> <entry path>}.
 *
 * <p>Arguments: store root, wheel, sha256, size, ready file, go file.
 */
public final class RaceMain {
    private RaceMain() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Path wheel = Path.of(args[1]);
        StoreRequest request = new StoreRequest(LambdaTarget.of("python3.12", "x86_64"), "demo", "1.0", wheel,
                args[2], Long.parseLong(args[3]), false);
        Store store = Store.open(root);
        Files.createFile(Path.of(args[4]));
        Path go = Path.of(args[5]);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(go)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no go file after 60 s");
            }
            Thread.onSpinWait();
        }
        StoreResult result = store.install(request);
        System.out.println("cached=" + result.cached() + " " + result.path());
    }
}
