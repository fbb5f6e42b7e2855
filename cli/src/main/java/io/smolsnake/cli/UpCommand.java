package io.smolsnake.cli;

import io.smolsnake.embedded.pipeline.LocalAws;
import io.smolsnake.pypackaging.index.PipConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code smolsnake up}: the whole pipeline on loopback, as {@code deploy} finds it on AWS: Step
 * Functions with the pipeline state machine, Lambda with the stage functions, SQS, S3 with the
 * artifact bucket, and the install worker on the local store. Prints one
 * {@code AWS_ENDPOINT_URL_<SERVICE>=…} line per service and the {@code SMOLSNAKE_…} settings
 * {@code deploy} needs on stdout once all listen (so {@code eval} can read them), logs to stderr,
 * and serves until SIGINT/SIGTERM (or until its thread is interrupted), then stops everything.
 */
final class UpCommand implements Command {
    /** The services whose endpoints are printed, in this order. */
    static final List<String> SERVICES = List.of("SFN", "LAMBDA", "SQS", "S3");

    static final Param<Integer> PORT = Param.option("--port", "N",
            "Step Functions listens on N, Lambda on N+1, SQS on N+2, S3 on N+3 (default 0: any free ports).")
            .ints().withDefault("0");
    static final Param<Path> DATA_DIR = Param.option("--data-dir", "DIR",
            "Where the state lives (default: $SMOLSNAKE_HOME, else $XDG_DATA_HOME/smolsnake).").paths();
    static final CommandSpec SPEC = CommandSpec.of("up",
            List.of("Serve the whole pipeline on 127.0.0.1 (Step Functions, Lambda, SQS, S3 and the install"
                    + " worker) until stopped.",
                    "Prints AWS_ENDPOINT_URL_<SERVICE>=... and SMOLSNAKE_...=... lines on stdout: with them in the"
                    + " environment, smolsnake deploy (and the AWS SDKs and CLI) use this pipeline.",
                    "State (store, environments, objects, executions) lives in --data-dir and survives a restart."),
            List.of("0:stopped", "1:could not start (a port in use, ...)", "2:bad input"),
            PORT, DATA_DIR);

    private final Map<String, String> env;
    private final int port;
    private final Path dataDir;

    UpCommand(Map<String, String> env, ParsedArgs args) {
        this.env = env;
        port = args.get(PORT);
        dataDir = args.get(DATA_DIR);
    }

    @Override
    public int call(PrintWriter out, PrintWriter err) {
        if (port < 0 || port > LocalAws.MAX_BASE_PORT) {
            err.println("error: --port must be between 0 and " + LocalAws.MAX_BASE_PORT + ", got " + port);
            return Main.EXIT_USAGE;
        }
        Path home = dataDir != null ? dataDir : Home.dir(env);
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
        LocalAws aws = null;
        boolean interrupted = false;
        try {
            aws = LocalAws.start(home, line -> {
                err.println("smolsnake up: " + line);
                err.flush();
            }, PipConfig.load(env, Path.of(System.getProperty("user.home"))), port);
            Runtime.getRuntime().addShutdownHook(hook);
            Map<String, java.net.URI> endpoints = aws.endpoints();
            for (String service : SERVICES) {
                out.println("AWS_ENDPOINT_URL_" + service + "=" + endpoints.get(service));
            }
            out.println("SMOLSNAKE_STATE_MACHINE_ARN=" + aws.stateMachineArn());
            out.println("SMOLSNAKE_ARTIFACT_BUCKET=" + LocalAws.ARTIFACT_BUCKET);
            out.println("SMOLSNAKE_FILE_SYSTEM_ARN=" + LocalAws.FILE_SYSTEM_ARN);
            out.flush();
            err.println("smolsnake up: serving the pipeline from " + aws.home() + "; stop with Ctrl-C");
            err.println("smolsnake up: the AWS SDKs need some credentials and the region " + LocalAws.REGION
                    + " (any key works here), e.g. AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION="
                    + LocalAws.REGION);
            err.println("smolsnake up: create the function on the Lambda endpoint, then: smolsnake deploy DIR"
                    + " --function NAME");
            err.flush();
            stop.await();
        } catch (InterruptedException e) {
            // stopped from within the process (tests): stop cleanly first (stopping waits for the worker)
            interrupted = true;
            removeHook(hook);
        } catch (RuntimeException e) {
            err.println("error: cannot start the pipeline: " + e.getMessage());
            removeHook(hook);
            return Main.EXIT_FAILED;
        } finally {
            try {
                if (aws != null) {
                    aws.close();
                }
            } finally {
                err.println("smolsnake up: stopped");
                err.flush();
                stopped.countDown();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
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
