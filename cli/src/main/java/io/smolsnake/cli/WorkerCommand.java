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
import java.util.List;

/**
 * {@code smolsnake worker}: the install worker the EC2 instances run. Consumes install and link
 * messages from SQS until SIGTERM, logging JSON lines on stderr. AWS endpoints, credentials and
 * region come from the SDK's standard environment ({@code AWS_ENDPOINT_URL_SQS},
 * {@code AWS_ENDPOINT_URL_SFN}, {@code AWS_REGION}, ...).
 */
final class WorkerCommand implements Command {
    static final Param<String> QUEUE_URL = Param.option("--queue-url", "URL", "The install queue.").required();
    static final Param<Path> STORE = Param.option("--store", "DIR",
            "The store's root (the EFS mount): entries in DIR/store, environments in DIR/envs.").paths().required();
    static final Param<Integer> CONCURRENCY = Param.option("--concurrency", "N",
            "Messages worked on at once (default: ${DEFAULT-VALUE}).").ints().withDefault("4");
    static final Param<Long> VISIBILITY_TIMEOUT = Param.option("--visibility-timeout", "S",
            "Seconds a received message stays hidden, renewed every heartbeat (default: ${DEFAULT-VALUE}).")
            .longs().withDefault("120");
    static final Param<Long> HEARTBEAT = Param.option("--heartbeat", "S",
            "Seconds between visibility renewals and SendTaskHeartbeat (default: ${DEFAULT-VALUE}).")
            .longs().withDefault("30");
    static final Param<Long> DRAIN = Param.option("--drain", "S",
            "Seconds work in progress may finish after SIGTERM before it is released (default: ${DEFAULT-VALUE}).")
            .longs().withDefault("60");
    static final Param<Path> DOWNLOADS = Param.option("--downloads", "DIR",
            "Local directory for downloads in progress (default: a new temporary directory).").paths();
    static final CommandSpec SPEC = CommandSpec.of("worker",
            List.of("Run the install worker: consume install and link messages from an SQS queue,",
                    "install into the store, answer Step Functions. Stops cleanly on SIGTERM."),
            List.of(), QUEUE_URL, STORE, CONCURRENCY, VISIBILITY_TIMEOUT, HEARTBEAT, DRAIN, DOWNLOADS);

    private final String queueUrl;
    private final Path store;
    private final int concurrency;
    private final long visibilityTimeout;
    private final long heartbeat;
    private final long drain;
    private final Path downloads;

    WorkerCommand(ParsedArgs args) {
        queueUrl = args.get(QUEUE_URL);
        store = args.get(STORE);
        concurrency = args.get(CONCURRENCY);
        visibilityTimeout = args.get(VISIBILITY_TIMEOUT);
        heartbeat = args.get(HEARTBEAT);
        drain = args.get(DRAIN);
        downloads = args.get(DOWNLOADS);
    }

    @Override
    public int call(PrintWriter out, PrintWriter err) {
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
