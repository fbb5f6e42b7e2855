package io.smolsnake.cli;

import io.smolsnake.install.AwsClients;
import io.smolsnake.install.InstallException;
import io.smolsnake.install.InstallService;
import io.smolsnake.install.Worker;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code smolsnake worker}: the install worker the EC2 instances run. Consumes install and link
 * messages from SQS until SIGTERM, logging JSON lines on stderr. AWS endpoints, credentials and
 * region come from the SDK's standard environment ({@code AWS_ENDPOINT_URL_SQS},
 * {@code AWS_ENDPOINT_URL_SFN}, {@code AWS_REGION}, ...).
 */
@Command(name = "worker",
        mixinStandardHelpOptions = true,
        description = {"Run the install worker: consume install and link messages from an SQS queue,",
                "install into the store, answer Step Functions. Stops cleanly on SIGTERM."})
final class WorkerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--queue-url", paramLabel = "URL", required = true, description = "The install queue.")
    String queueUrl;

    @Option(names = "--store", paramLabel = "DIR", required = true,
            description = "The store's root (the EFS mount): entries in DIR/store, environments in DIR/envs.")
    Path store;

    @Option(names = "--concurrency", paramLabel = "N", description = "Messages worked on at once (default: ${DEFAULT-VALUE}).")
    int concurrency = 4;

    @Option(names = "--visibility-timeout", paramLabel = "S",
            description = "Seconds a received message stays hidden, renewed every heartbeat (default: ${DEFAULT-VALUE}).")
    long visibilityTimeout = 120;

    @Option(names = "--heartbeat", paramLabel = "S",
            description = "Seconds between visibility renewals and SendTaskHeartbeat (default: ${DEFAULT-VALUE}).")
    long heartbeat = 30;

    @Option(names = "--drain", paramLabel = "S",
            description = "Seconds work in progress may finish after SIGTERM before it is released (default: ${DEFAULT-VALUE}).")
    long drain = 60;

    @Option(names = "--downloads", paramLabel = "DIR",
            description = "Local directory for downloads in progress (default: a new temporary directory).")
    Path downloads;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Worker.Settings settings;
        try {
            settings = new Worker.Settings(queueUrl, concurrency, Duration.ofSeconds(visibilityTimeout),
                    Duration.ofSeconds(heartbeat), Duration.ofSeconds(20), Duration.ofSeconds(drain));
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        InstallService service;
        try {
            Path dir = downloads != null ? Files.createDirectories(downloads)
                    : Files.createTempDirectory("smolsnake-downloads");
            service = InstallService.open(store, dir, AwsClients::s3);
        } catch (IOException | InstallException e) {
            err.println("error: " + e.getMessage());
            return Main.EXIT_FAILED;
        }
        Worker worker = new Worker(settings, AwsClients.sqs(), AwsClients.sfn(), service, System.err);
        Thread hook = new Thread(worker::shutdown, "sigterm");
        Runtime.getRuntime().addShutdownHook(hook);
        worker.run();
        return 0;
    }
}
