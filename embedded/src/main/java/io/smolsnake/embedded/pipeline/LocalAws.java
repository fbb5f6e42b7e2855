package io.smolsnake.embedded.pipeline;

import io.smolsnake.embedded.EmbeddedRuntime;
import io.smolsnake.embedded.lambda.LambdaService;
import io.smolsnake.embedded.lambda.LambdaSettings;
import io.smolsnake.embedded.s3.S3Service;
import io.smolsnake.embedded.s3.S3Settings;
import io.smolsnake.embedded.sfn.api.SfnService;
import io.smolsnake.embedded.sfn.integrations.AwsIntegrations;
import io.smolsnake.embedded.sfn.integrations.SqsService;
import io.smolsnake.inject.Bundles;
import io.smolsnake.inject.InjectHandler;
import io.smolsnake.inject.Injector;
import io.smolsnake.install.InstallService;
import io.smolsnake.install.Worker;
import io.smolsnake.lock.LockHandler;
import io.smolsnake.lock.LockService;
import io.smolsnake.pypackaging.index.PipConfig;
import io.smolsnake.verify.VerifyHandler;
import io.smolsnake.verify.Verifier;
import io.smolsnake.workflow.WorkflowDefinitions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole pipeline on one machine: the embedded S3, SQS, Lambda and Step Functions on loopback,
 * the three stage Lambdas registered in-process, the install worker running against a local store
 * (the "EFS" directory), and the pipeline state machine created from the same definition Terraform
 * deploys. What runs on AWS runs here, with the endpoints pointing at this process.
 */
public final class LocalAws implements AutoCloseable {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "000000000000";
    /** Where functions see the store, as on AWS. */
    public static final String MOUNT_PATH = "/mnt/smolsnake";
    public static final String ARTIFACT_BUCKET = "smolsnake-artifacts";
    public static final String QUEUE = "smolsnake-install";
    public static final String STATE_MACHINE = "smolsnake-pipeline";
    public static final String FILE_SYSTEM_ARN = "arn:aws:elasticfilesystem:" + REGION + ":" + ACCOUNT
            + ":access-point/fsap-smolsnake-local";
    /** The highest base port: the four services take {@code basePort} to {@code basePort + 3}. */
    public static final int MAX_BASE_PORT = 65535 - 3;
    static final String LOCK = "smolsnake-lock";
    static final String INJECT = "smolsnake-inject";
    static final String VERIFY = "smolsnake-verify";

    private final EmbeddedRuntime runtime = new EmbeddedRuntime();
    private final Path home;
    private final Path efs;
    private S3Client s3;
    private SqsClient sqs;
    private LambdaClient lambda;
    private SfnClient sfn;
    private Worker worker;
    private Thread workerThread;
    private String queueUrl;
    private String stateMachineArn;

    private final PipConfig pipConfig;

    private LocalAws(Path home, PipConfig pipConfig) {
        this.home = home;
        this.pipConfig = pipConfig;
        this.efs = home.resolve("efs");
    }

    /**
     * Starts everything under {@code home} ({@code $SMOLSNAKE_HOME}): S3 objects, the store and
     * environments ({@code efs/}), executions ({@code stepfunctions/}) survive a restart.
     *
     * @param log receives one line per service started and the worker's log lines
     */
    public static LocalAws start(Path home, Consumer<String> log) {
        return start(home, log, PipConfig.load());
    }

    /**
     * As {@link #start(Path, Consumer)}, with the package index settings the Lock stage uses (the
     * host's pip configuration by default; tests give a find-links directory).
     */
    public static LocalAws start(Path home, Consumer<String> log, PipConfig pipConfig) {
        return start(home, log, pipConfig, 0);
    }

    /**
     * As {@link #start(Path, Consumer, PipConfig)}, on fixed ports: Step Functions on
     * {@code basePort}, Lambda on {@code basePort + 1}, SQS on {@code + 2}, S3 on {@code + 3}
     * ({@code 0}: any free ports).
     */
    public static LocalAws start(Path home, Consumer<String> log, PipConfig pipConfig, int basePort) {
        if (basePort < 0 || basePort > MAX_BASE_PORT) {
            throw new IllegalArgumentException("the base port must be between 0 and " + MAX_BASE_PORT + ", got "
                    + basePort);
        }
        LocalAws aws = new LocalAws(home.toAbsolutePath().normalize(), pipConfig);
        try {
            aws.startAll(log, basePort);
            return aws;
        } catch (RuntimeException e) {
            aws.close();
            throw e;
        }
    }

    private static int port(int basePort, int offset) {
        return basePort == 0 ? 0 : basePort + offset;
    }

    private void startAll(Consumer<String> log, int basePort) {
        try {
            Files.createDirectories(efs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + efs, e);
        }
        S3Service s3Service = runtime.add(S3Service.start(S3Settings.persistentAt(home.resolve("s3"))
                .withPort(port(basePort, 3))));
        s3 = S3Client.builder().endpointOverride(s3Service.endpoint()).forcePathStyle(true).region(Region.of(REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
        if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(ARTIFACT_BUCKET))) {
            s3.createBucket(b -> b.bucket(ARTIFACT_BUCKET));
        }
        log.accept("S3 listens on " + s3Service.endpoint());

        SqsService sqsService = runtime.add(SqsService.start(port(basePort, 2)));
        sqs = SqsClient.builder().endpointOverride(sqsService.endpoint()).region(Region.of(REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
        queueUrl = sqs.createQueue(b -> b.queueName(QUEUE).attributes(Map.of(
                software.amazon.awssdk.services.sqs.model.QueueAttributeName.VISIBILITY_TIMEOUT, "300"))).queueUrl();
        log.accept("SQS listens on " + sqsService.endpoint());

        LambdaService lambdaService = runtime.add(LambdaService.start(LambdaSettings.defaults(home.resolve("lambda"))
                .withPort(port(basePort, 1))
                .withFileSystems(Map.of(MOUNT_PATH, efs))
                .withS3((bucket, key) -> object(bucket, key))
                .withLogs(line -> { }, warning -> log.accept("warning: " + warning))));
        lambda = LambdaClient.builder().endpointOverride(lambdaService.endpoint()).region(Region.of(REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
        registerStages(lambdaService);
        log.accept("Lambda listens on " + lambdaService.endpoint());

        SfnService sfnService = runtime.add(SfnService.start(new SfnService.Options(port(basePort, 0), home.resolve("stepfunctions"),
                AwsIntegrations.of(lambdaService.endpoint(), sqsService.endpoint(), null))));
        sfn = SfnClient.builder().endpointOverride(sfnService.endpoint()).region(Region.of(REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
        stateMachineArn = createStateMachine();
        log.accept("Step Functions listens on " + sfnService.endpoint());

        Path logs = home.resolve("logs");
        PrintStream workerLog;
        try {
            Files.createDirectories(logs);
            workerLog = new PrintStream(Files.newOutputStream(logs.resolve("worker.log"),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), true,
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + logs.resolve("worker.log"), e);
        }
        // one machine: as many installs at once as it has cores, and a short poll so stopping is quick
        Worker.Settings settings = new Worker.Settings(queueUrl, Math.max(2, Runtime.getRuntime().availableProcessors()),
                java.time.Duration.ofSeconds(120), java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(30));
        worker = new Worker(settings, sqs, sfn,
                InstallService.open(efs, home.resolve("downloads"), () -> s3), workerLog);
        log.accept("the install worker logs to " + logs.resolve("worker.log"));
        workerThread = new Thread(worker::run, "smolsnake-worker");
        workerThread.setDaemon(true);
        workerThread.start();
    }

    /** The stage Lambdas, in this process, translating the store root between the functions' view and the host's. */
    private void registerStages(LambdaService service) {
        LockService locks = new LockService(s3, home.resolve("work").resolve("lock"), pipConfig);
        LockHandler lock = new LockHandler(locks);
        service.registerJava(LOCK, (input, context) -> {
            Map<String, Object> request = new HashMap<>(input);
            if (MOUNT_PATH.equals(request.get("storeRoot"))) {
                request.put("storeRoot", efs.toString()); // the lock reads the store the worker writes
            }
            Map<String, Object> result = new HashMap<>(lock.handleRequest(request, context));
            Object env = result.get("environment");
            if (env instanceof String path && path.startsWith(efs.toString())) {
                result.put("environment", MOUNT_PATH + path.substring(efs.toString().length()));
            }
            return result;
        });
        InjectHandler inject = new InjectHandler(new Injector(lambda, Bundles.s3(s3)));
        service.registerJava(INJECT, inject);
        VerifyHandler verify = new VerifyHandler(new Verifier(lambda));
        service.registerJava(VERIFY, verify);
    }

    private String createStateMachine() {
        String definition = WorkflowDefinitions.pipeline(Map.of(
                "lock_function_arn", functionArn(LOCK),
                "inject_function_arn", functionArn(INJECT),
                "verify_function_arn", functionArn(VERIFY),
                "install_queue_url", queueUrl));
        Optional<String> existing = sfn.listStateMachinesPaginator(b -> { }).stateMachines().stream()
                .filter(m -> m.name().equals(STATE_MACHINE)).map(m -> m.stateMachineArn()).findFirst();
        if (existing.isPresent()) {
            // state kept from an earlier run: the queue URL (a new port) and the definition may have changed
            sfn.updateStateMachine(b -> b.stateMachineArn(existing.get()).definition(definition));
            return existing.get();
        }
        return sfn.createStateMachine(b -> b.name(STATE_MACHINE).definition(definition)
                .roleArn("arn:aws:iam::" + ACCOUNT + ":role/smolsnake-pipeline")).stateMachineArn();
    }

    private Optional<byte[]> object(String bucket, String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    public static String functionArn(String name) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + name;
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("smolsnake", "smolsnake"));
    }

    public EmbeddedRuntime runtime() {
        return runtime;
    }

    public Path home() {
        return home;
    }

    /** The local "EFS": the store and the environments, as the host sees them. */
    public Path efs() {
        return efs;
    }

    public S3Client s3() {
        return s3;
    }

    public LambdaClient lambda() {
        return lambda;
    }

    public SfnClient sfn() {
        return sfn;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public String queueUrl() {
        return queueUrl;
    }

    public String stateMachineArn() {
        return stateMachineArn;
    }

    /** Each service's endpoint, by SDK service id ({@code S3}, {@code SQS}, {@code LAMBDA}, {@code SFN}). */
    public Map<String, URI> endpoints() {
        Map<String, URI> out = new java.util.LinkedHashMap<>();
        runtime.services().forEach(s -> out.put(s.serviceId(), s.endpoint()));
        return out;
    }

    /** A host path under the local EFS as a function sees it ({@code /mnt/smolsnake/...}), and back. */
    public Path hostPath(String functionPath) {
        if (functionPath.startsWith(MOUNT_PATH)) {
            return efs.resolve(functionPath.substring(MOUNT_PATH.length()).replaceFirst("^/", ""));
        }
        return Path.of(functionPath);
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.shutdown();
        }
        if (workerThread != null) {
            try {
                workerThread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (AutoCloseable c : new AutoCloseable[] {sfn, lambda, sqs, s3}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing a client cannot fail in a way that matters here
            }
        }
        runtime.close();
    }
}
