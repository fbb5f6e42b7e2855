package io.smolsnake.install;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A worker in its own JVM for {@link WorkerProcessTest}, wired as {@code smolsnake worker} wires
 * it: clients from the environment ({@code AWS_ENDPOINT_URL_SQS}, {@code AWS_ENDPOINT_URL_SFN}),
 * a SIGTERM hook that shuts it down.
 *
 * <p>Arguments: queue URL, store root, visibility timeout (s), heartbeat (ms), drain (ms).
 */
public final class WorkerMain {
    private WorkerMain() {}

    public static void main(String[] args) {
        Worker.Settings settings = new Worker.Settings(args[0], 2, Duration.ofSeconds(Long.parseLong(args[2])),
                Duration.ofMillis(Long.parseLong(args[3])), Duration.ofSeconds(1),
                Duration.ofMillis(Long.parseLong(args[4])));
        Path root = Path.of(args[1]);
        InstallService service = InstallService.open(root, root.resolveSibling("downloads-child"), AwsClients::s3);
        Worker worker = new Worker(settings, AwsClients.sqs(), AwsClients.sfn(), service, System.err);
        Runtime.getRuntime().addShutdownHook(new Thread(worker::shutdown));
        worker.run();
    }
}
