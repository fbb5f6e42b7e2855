package io.smolsnake.cli;

import io.smolsnake.embedded.EmbeddedRuntime;
import io.smolsnake.embedded.EmbeddedService;
import io.smolsnake.embedded.sfn.api.SfnService;
import io.smolsnake.embedded.sfn.integrations.AwsIntegrations;
import io.smolsnake.embedded.sfn.integrations.SqsService;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code smolsnake up}: the embedded AWS services on loopback. Prints one
 * {@code AWS_ENDPOINT_URL_<SERVICE>=http://127.0.0.1:PORT} line per service on stdout once all
 * listen, logs to stderr, and serves until SIGINT/SIGTERM (or until its thread is interrupted),
 * then closes every service.
 */
@Command(name = "up",
        mixinStandardHelpOptions = true,
        description = {"Start the embedded AWS services (Step Functions, SQS, ...) on 127.0.0.1 and serve until stopped.",
                "Prints one AWS_ENDPOINT_URL_<SERVICE>=... line per service on stdout."})
final class UpCommand implements Callable<Integer> {
    /**
     * The services, in start order; each may use the endpoints of those started before it. The
     * offset places it at {@code --port + offset} (with {@code --port 0}, any free port). Adding a
     * service is one line here.
     */
    static final List<Service> SERVICES = List.of(
            new Service("SQS", 1, up -> SqsService.start(up.port(1))),
            new Service("SFN", 0, up -> SfnService.start(new SfnService.Options(up.port(0), up.dataDir("stepfunctions"),
                    AwsIntegrations.of(up.endpoint("LAMBDA"), up.endpoint("SQS"), null)))));

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "Step Functions listens on N, the other services on N+1, N+2, ... (default 0: any free ports).")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep state machines and executions here across restarts (default: in memory).")
    Path dataDir;

    /** One embedded service: its id, its port offset, how to start it. */
    record Service(String id, int portOffset, Starter starter) {}

    @FunctionalInterface
    interface Starter {
        EmbeddedService start(Up up);
    }

    /** What a starter can ask: its port, a data directory of its own, the endpoints started so far. */
    record Up(int basePort, Path dataDir, EmbeddedRuntime runtime) {
        int port(int offset) {
            return basePort == 0 ? 0 : basePort + offset;
        }

        /** A sub-directory of --data-dir for one service, or null when state lives in memory. */
        Path dataDir(String name) {
            return dataDir == null ? null : dataDir.resolve(name);
        }

        /** The embedded service's endpoint, else the one in {@code AWS_ENDPOINT_URL_<ID>}, else null. */
        URI endpoint(String serviceId) {
            Optional<EmbeddedService> embedded = runtime.service(serviceId);
            if (embedded.isPresent()) {
                return embedded.get().endpoint();
            }
            String configured = System.getenv("AWS_ENDPOINT_URL_" + serviceId);
            return configured == null || configured.isBlank() ? null : URI.create(configured);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port + SERVICES.size() > 65535) {
            err.println("error: --port must be between 0 and " + (65535 - SERVICES.size()) + ", got " + port);
            return Main.EXIT_USAGE;
        }
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "smolsnake-up-shutdown");
        EmbeddedRuntime runtime = new EmbeddedRuntime();
        try {
            Up up = new Up(port, dataDir, runtime);
            for (Service service : SERVICES) {
                runtime.add(service.starter().start(up));
                err.println("smolsnake up: " + service.id() + " listens on " + runtime.service(service.id())
                        .map(EmbeddedService::endpoint).orElseThrow());
            }
            Runtime.getRuntime().addShutdownHook(hook);
            runtime.endpointVariables().forEach(out::println);
            out.flush();
            err.println("smolsnake up: serving; stop with Ctrl-C");
            err.flush();
            stop.await();
        } catch (InterruptedException e) {
            // stopped from within the process (tests)
            Thread.currentThread().interrupt();
            removeHook(hook);
        } catch (RuntimeException e) {
            err.println("error: cannot start the embedded services: " + e.getMessage());
            removeHook(hook);
            return Main.EXIT_FAILED;
        } finally {
            try {
                runtime.close();
            } finally {
                err.println("smolsnake up: stopped");
                err.flush();
                stopped.countDown();
            }
        }
        return 0;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // shutting down already, or never added
        }
    }
}
