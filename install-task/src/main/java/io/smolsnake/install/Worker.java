package io.smolsnake.install;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smolsnake.core.stage.InstallMessage;
import io.smolsnake.core.stage.InstallResult;
import io.smolsnake.core.stage.LinkMessage;
import io.smolsnake.core.stage.LinkResult;
import io.smolsnake.pypackaging.ParseException;
import io.smolsnake.pypackaging.tags.HostProbeException;
import io.smolsnake.pypackaging.tags.Target;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The install worker's message loop (what {@code smolsnake worker} runs on each EC2 instance):
 * long-polls an SQS queue, hands each {@link InstallMessage} or {@link LinkMessage} to the
 * {@link InstallService} on one of {@code concurrency} threads, and answers the message's task
 * token.
 *
 * <ul>
 *   <li>While a message is worked on, its visibility is extended to {@code visibilityTimeout} and
 *       {@code SendTaskHeartbeat} sent, every {@code heartbeat}.
 *   <li>The message is deleted only once Step Functions accepted the answer, or no longer knows the
 *       token ({@code TaskTimedOut}, {@code TaskDoesNotExist}, {@code InvalidToken}: nobody waits).
 *       When the answer cannot be delivered the message stays, and comes back after its visibility
 *       timeout (the store then answers at once, from the complete entry).
 *   <li>A body that is not a message is answered with {@code Install.InvalidMessage} when it has a
 *       task token, and otherwise left for the queue's dead-letter redrive.
 *   <li>{@link #shutdown()} (SIGTERM) stops taking messages, lets the work in progress finish for
 *       up to {@code drainTimeout}, and releases what is still running (visibility 0) so another
 *       worker takes it at once.
 * </ul>
 * Logs are JSON lines with the service name, message id and a task id derived from the token
 * (never the token).
 */
public final class Worker {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final int SQS_MAX_BATCH = 10;

    /**
     * How the worker polls and paces itself.
     *
     * @param queueUrl the queue to consume
     * @param concurrency messages worked on at once
     * @param visibilityTimeout how long a received message stays hidden, renewed every heartbeat
     * @param heartbeat how often to renew visibility and send {@code SendTaskHeartbeat}
     * @param receiveWait the long-poll wait ({@code WaitTimeSeconds}, at most 20 s)
     * @param drainTimeout how long {@link #shutdown()} lets work in progress finish
     */
    public record Settings(String queueUrl, int concurrency, Duration visibilityTimeout, Duration heartbeat,
            Duration receiveWait, Duration drainTimeout) {
        public Settings {
            if (queueUrl == null || queueUrl.isBlank()) {
                throw new IllegalArgumentException("the worker needs a queue URL");
            }
            if (concurrency < 1 || concurrency > 256) {
                throw new IllegalArgumentException("concurrency must be 1 to 256, got " + concurrency);
            }
            if (visibilityTimeout.toSeconds() < 1 || visibilityTimeout.toSeconds() > 43_200) {
                throw new IllegalArgumentException("the visibility timeout must be 1 s to 12 h, got "
                        + visibilityTimeout.toSeconds() + " s");
            }
            if (heartbeat.isNegative() || heartbeat.isZero() || heartbeat.compareTo(visibilityTimeout) >= 0) {
                throw new IllegalArgumentException("the heartbeat (" + heartbeat.toMillis() + " ms) must be shorter"
                        + " than the visibility timeout (" + visibilityTimeout.toSeconds() + " s), or messages"
                        + " reappear while they are being worked on");
            }
            if (receiveWait.isNegative() || receiveWait.toSeconds() > 20) {
                throw new IllegalArgumentException("the receive wait must be 0 to 20 s, got "
                        + receiveWait.toSeconds() + " s");
            }
            if (drainTimeout.isNegative()) {
                throw new IllegalArgumentException("the drain timeout must not be negative");
            }
        }

        /** Defaults: 4 at once, 120 s visibility, 30 s heartbeat, 20 s long poll, 60 s drain. */
        public static Settings of(String queueUrl) {
            return new Settings(queueUrl, 4, Duration.ofSeconds(120), Duration.ofSeconds(30), Duration.ofSeconds(20),
                    Duration.ofSeconds(60));
        }
    }

    private final Settings settings;
    private final SqsClient sqs;
    private final Callbacks callbacks;
    private final InstallService service;
    private final JsonLog log;
    private final Map<InstallMessage.TargetSpec, Target> targets = new ConcurrentHashMap<>();
    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
    private final Semaphore slots;
    private final ExecutorService workers;
    private final ScheduledExecutorService beats;
    private final AtomicBoolean coldStart = new AtomicBoolean(true);
    private final CountDownLatch loopDone = new CountDownLatch(1);
    private final long startNanos = System.nanoTime();
    private volatile boolean stopping;
    private boolean drained;

    /**
     * A worker answering through {@code sfn}, logging JSON lines to {@code log}. Once drained it
     * closes {@code service} (ending its bytecode compilers).
     */
    public Worker(Settings settings, SqsClient sqs, SfnClient sfn, InstallService service, PrintStream log) {
        this.settings = settings;
        this.sqs = sqs;
        this.callbacks = new Callbacks(sfn);
        this.service = service;
        this.log = new JsonLog(log);
        this.slots = new Semaphore(settings.concurrency());
        this.workers = Executors.newFixedThreadPool(settings.concurrency(), daemons("install-worker"));
        this.beats = Executors.newSingleThreadScheduledExecutor(daemons("install-heartbeat"));
    }

    /**
     * Consumes messages until {@link #stop()} or {@link #shutdown()}, then drains and closes the
     * service; returns when done.
     */
    public void run() {
        log.info("worker.start", "queueUrl", settings.queueUrl(), "concurrency", settings.concurrency(),
                "visibilityTimeout", settings.visibilityTimeout().toSeconds(), "heartbeat",
                settings.heartbeat().toMillis() / 1000.0, "store", service.store().root().toString());
        int failures = 0;
        try {
            while (!stopping) {
                int taken = takeSlots();
                if (taken == 0) {
                    continue;
                }
                List<Message> messages;
                try {
                    messages = sqs.receiveMessage(r -> r.queueUrl(settings.queueUrl()).maxNumberOfMessages(taken)
                            .waitTimeSeconds((int) settings.receiveWait().toSeconds())
                            .visibilityTimeout((int) settings.visibilityTimeout().toSeconds())
                            .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                            .messages();
                    failures = 0;
                } catch (SdkException e) {
                    slots.release(taken);
                    failures++;
                    log.error("receive.failed", "error", e.getMessage(), "attempt", failures);
                    pause(Duration.ofMillis(Math.min(20_000, 250L << Math.min(failures, 7))));
                    continue;
                }
                slots.release(taken - messages.size());
                for (Message message : messages) {
                    dispatch(message);
                }
            }
        } finally {
            loopDone.countDown();
            drain();
        }
        log.info("worker.stopped", "uptimeSeconds", seconds(startNanos));
    }

    /** Stops taking messages; {@link #run()} then drains and returns. */
    public void stop() {
        stopping = true;
    }

    /**
     * Stops taking messages and drains now (for a SIGTERM hook): work in progress gets
     * {@code drainTimeout} to finish, then what still runs is released to the queue. Waits for
     * {@link #run()}'s current long poll to end (it releases whatever it receives).
     */
    public void shutdown() {
        log.info("worker.stopping", "inFlight", inFlight.size());
        stop();
        drain();
        try {
            loopDone.await(settings.receiveWait().toSeconds() + 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int takeSlots() {
        try {
            if (!slots.tryAcquire(1, TimeUnit.SECONDS)) {
                return 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            return 0;
        }
        int taken = 1;
        while (taken < SQS_MAX_BATCH && slots.tryAcquire()) {
            taken++;
        }
        return taken;
    }

    private void dispatch(Message message) {
        InFlight work = new InFlight(message);
        if (stopping) {
            release(work, "stopping");
            slots.release();
            return;
        }
        inFlight.put(message.messageId(), work);
        try {
            workers.submit(() -> {
                try {
                    handle(work);
                } finally {
                    inFlight.remove(message.messageId());
                    slots.release();
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(message.messageId());
            release(work, "stopping");
            slots.release();
        }
    }

    private void handle(InFlight work) {
        Message message = work.message;
        String receiveCount = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        Job job;
        try {
            job = parse(message.body());
        } catch (InvalidMessage e) {
            work.taskId = JsonLog.taskId(e.token);
            log.error("message.invalid", "messageId", message.messageId(), "taskId", work.taskId,
                    "error", e.getMessage());
            if (e.token != null) {
                answer(work, e.token, null, InstallError.INVALID_MESSAGE.errorName(), "the message is not an install"
                        + " or link message: " + e.getMessage() + "; this is a bug in whatever sent it");
            }
            return;
        }
        work.taskId = JsonLog.taskId(job.token());
        log.info("message.start", "messageId", message.messageId(), "taskId", work.taskId, "type", job.type(),
                "subject", job.subject(), "receiveCount", receiveCount, "coldStart", coldStart.getAndSet(false),
                "uptimeSeconds", seconds(startNanos));
        long start = System.nanoTime();
        ScheduledFuture<?> beat = beats.scheduleAtFixedRate(() -> heartbeat(work, job.token()),
                settings.heartbeat().toMillis(), settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        String output = null;
        InstallException failure = null;
        try {
            output = job.run();
        } catch (InstallException e) {
            failure = e;
        } catch (RuntimeException e) {
            beat.cancel(false);
            log.error("message.crashed", "messageId", message.messageId(), "taskId", work.taskId,
                    "error", String.valueOf(e), "seconds", seconds(start));
            release(work, "crashed");
            return;
        } finally {
            beat.cancel(false);
        }
        if (work.released) {
            return;
        }
        if (failure == null) {
            log.info("message.done", "messageId", message.messageId(), "taskId", work.taskId,
                    "subject", job.subject(), "seconds", seconds(start), "result", output);
            answer(work, job.token(), output, null, null);
        } else {
            log.warn("message.failed", "messageId", message.messageId(), "taskId", work.taskId,
                    "subject", job.subject(), "error", failure.error().errorName(), "cause", failure.getMessage(),
                    "seconds", seconds(start));
            answer(work, job.token(), null, failure.error().errorName(), failure.getMessage());
        }
    }

    private void answer(InFlight work, String token, String output, String error, String cause) {
        Callbacks.Outcome outcome;
        try {
            outcome = output != null ? callbacks.success(token, output) : callbacks.failure(token, error, cause);
        } catch (SdkException e) {
            log.error("callback.failed", "messageId", work.message.messageId(), "taskId", work.taskId,
                    "error", e.getMessage(), "next", "the message is kept and comes back after its visibility timeout");
            return;
        }
        if (outcome == Callbacks.Outcome.GONE) {
            log.warn("task.gone", "messageId", work.message.messageId(), "taskId", work.taskId,
                    "detail", "Step Functions no longer waits for this task (timed out, ended or unknown);"
                            + " the message is deleted");
        }
        delete(work);
    }

    private void heartbeat(InFlight work, String token) {
        if (work.released) {
            return;
        }
        try {
            sqs.changeMessageVisibility(r -> r.queueUrl(settings.queueUrl())
                    .receiptHandle(work.message.receiptHandle())
                    .visibilityTimeout((int) settings.visibilityTimeout().toSeconds()));
        } catch (SdkException e) {
            log.warn("visibility.failed", "messageId", work.message.messageId(), "taskId", work.taskId,
                    "error", e.getMessage());
        }
        if (work.gone) {
            return;
        }
        try {
            if (callbacks.heartbeat(token) == Callbacks.Outcome.GONE) {
                work.gone = true;
                log.warn("heartbeat.gone", "messageId", work.message.messageId(), "taskId", work.taskId);
            }
        } catch (SdkException e) {
            log.warn("heartbeat.failed", "messageId", work.message.messageId(), "taskId", work.taskId,
                    "error", e.getMessage());
        }
    }

    private void delete(InFlight work) {
        try {
            sqs.deleteMessage(r -> r.queueUrl(settings.queueUrl()).receiptHandle(work.message.receiptHandle()));
        } catch (SdkException e) {
            log.error("delete.failed", "messageId", work.message.messageId(), "taskId", work.taskId,
                    "error", e.getMessage());
        }
    }

    private void release(InFlight work, String why) {
        work.released = true;
        try {
            sqs.changeMessageVisibility(r -> r.queueUrl(settings.queueUrl())
                    .receiptHandle(work.message.receiptHandle()).visibilityTimeout(0));
            log.info("message.released", "messageId", work.message.messageId(), "taskId", work.taskId, "why", why);
        } catch (SdkException e) {
            log.warn("release.failed", "messageId", work.message.messageId(), "taskId", work.taskId,
                    "error", e.getMessage());
        }
    }

    private synchronized void drain() {
        if (drained) {
            return;
        }
        drained = true;
        workers.shutdown();
        try {
            if (!workers.awaitTermination(settings.drainTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                for (InFlight work : inFlight.values()) {
                    release(work, "drain timeout");
                }
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            inFlight.values().forEach(work -> release(work, "interrupted"));
            workers.shutdownNow();
        }
        beats.shutdownNow();
        // nothing compiles any more: end the store's compiler processes rather than leave them
        // for the JVM's exit
        service.close();
    }

    private Job parse(String body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidMessage("the body is not JSON: " + e.getOriginalMessage(), null);
        }
        if (node == null || !node.isObject()) {
            throw new InvalidMessage("the body is not a JSON object", null);
        }
        String token = node.path("taskToken").isTextual() ? node.path("taskToken").asText() : null;
        String type = node.path("type").asText("");
        try {
            switch (type) {
                case InstallMessage.TYPE -> {
                    InstallMessage m = JSON.treeToValue(node, InstallMessage.class);
                    return new Job(type, m.taskToken(), m.name() + " " + m.version(), () -> JSON.writeValueAsString(
                            install(m)));
                }
                case LinkMessage.TYPE -> {
                    LinkMessage m = JSON.treeToValue(node, LinkMessage.class);
                    return new Job(type, m.taskToken(), m.digest(), () -> JSON.writeValueAsString(link(m)));
                }
                default -> throw new InvalidMessage("its type is '" + type + "'; expected 'install' or 'link'", token);
            }
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            String text = cause == e ? e.getOriginalMessage() : cause.getMessage();
            throw new InvalidMessage(text, token);
        }
    }

    private InstallResult install(InstallMessage message) {
        return service.install(InstallRequest.of(message, target(message.target(), message.filename())));
    }

    private LinkResult link(LinkMessage message) {
        return service.link(target(message.target(), message.digest()), message.digest(), message.entries());
    }

    private Target target(InstallMessage.TargetSpec spec, String subject) {
        try {
            return targets.computeIfAbsent(spec, InstallMessage.TargetSpec::resolve);
        } catch (ParseException | HostProbeException e) {
            throw new InstallException(InstallError.UNSUPPORTED, subject, subject + ": cannot install for target "
                    + spec + ": " + e.getMessage(), e);
        }
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e6) / 1e3;
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A received message and what became of it. */
    private static final class InFlight {
        final Message message;
        volatile String taskId;
        volatile boolean released;
        volatile boolean gone;

        InFlight(Message message) {
            this.message = message;
        }
    }

    @FunctionalInterface
    private interface Work {
        String run() throws JsonProcessingException;
    }

    /** One parsed message: its token, what to log it as, and the work that answers it. */
    private record Job(String type, String token, String subject, Work work) {
        String run() {
            try {
                return work.run();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the result as JSON", e);
            }
        }
    }

    /** A body that is not a valid message; {@code token} is its task token when it has one. */
    private static final class InvalidMessage extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient String token;

        InvalidMessage(String message, String token) {
            super(message);
            this.token = token;
        }
    }
}
