package io.smolsnake.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * Follows one pipeline execution through its history and shows it as a person reads it: the stage,
 * a bar for the installs (new vs cached), the elapsed time; under GitHub Actions a {@code ::group::}
 * per stage, {@code ::error::} on failure and a summary table in {@code $GITHUB_STEP_SUMMARY}.
 */
public final class Follower {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> STAGES = Set.of("Lock", "Install", "Link", "Inject", "Verify");

    private final SfnClient sfn;
    private final PrintWriter err;
    private final boolean tty;
    private final Path githubSummary;
    private final boolean github;
    private final Duration poll;

    /**
     * @param env the process environment ({@code GITHUB_ACTIONS}, {@code GITHUB_STEP_SUMMARY})
     */
    public Follower(SfnClient sfn, PrintWriter err, boolean tty, java.util.Map<String, String> env, Duration poll) {
        this.sfn = sfn;
        this.err = err;
        this.tty = tty;
        this.github = "true".equals(env.get("GITHUB_ACTIONS"));
        String summary = env.get("GITHUB_STEP_SUMMARY");
        this.githubSummary = github && summary != null && !summary.isBlank() ? Path.of(summary) : null;
        this.poll = poll;
    }

    /** What the history told so far. */
    private static final class View {
        String stage = "Lock";
        String openGroup;
        int packages;
        int cached;
        int toInstall;
        int installedDone;
        int installFailed;
        String function;
        String version;
        long bundleBytes;
        String environment;
        JsonNode verify;
        long lastId;
        Instant start;
        Instant at; // the time of the event being shown
    }

    /**
     * Shows the execution until it ends, or until {@code timeout} (null: no limit) passes, or at
     * once when {@code wait} is false (one look, as {@code status} does).
     */
    public DeployResult follow(String executionArn, Duration timeout, boolean wait) {
        View view = new View();
        Instant deadline = timeout == null ? null : Instant.now().plus(timeout);
        while (true) {
            DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(executionArn));
            view.start = d.startDate();
            for (HistoryEvent e : newEvents(executionArn, view.lastId)) {
                view.lastId = Math.max(view.lastId, e.id());
                show(view, e);
            }
            String status = d.statusAsString();
            if (!"RUNNING".equals(status) || !wait) {
                return finish(view, d);
            }
            if (deadline != null && Instant.now().isAfter(deadline)) {
                line(view, "still running after " + timeout.toSeconds() + " s; follow it with: smolsnake status "
                        + executionArn);
                return result(view, d, "RUNNING", null, null);
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result(view, d, "RUNNING", null, "interrupted");
            }
        }
    }

    /**
     * The events after {@code after}, oldest first. Reads newest first and stops at the first page
     * that reaches what was seen, so following a long execution costs one request per poll.
     */
    private List<HistoryEvent> newEvents(String arn, long after) {
        List<HistoryEvent> out = new ArrayList<>();
        String token = null;
        boolean reached = false;
        do {
            String t = token;
            GetExecutionHistoryResponse page = sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(1000)
                    .reverseOrder(true).nextToken(t));
            for (HistoryEvent e : page.events()) {
                if (e.id() > after) {
                    out.add(e);
                } else {
                    reached = true;
                }
            }
            token = page.nextToken();
        } while (token != null && !reached);
        java.util.Collections.reverse(out);
        return out;
    }

    private void show(View v, HistoryEvent e) {
        v.at = e.timestamp();
        HistoryEventType type = e.type();
        if (e.stateEnteredEventDetails() != null && STAGES.contains(e.stateEnteredEventDetails().name())) {
            String name = e.stateEnteredEventDetails().name();
            v.stage = name;
            group(v, name);
            if (name.equals("Install")) {
                bar(v);
            } else {
                line(v, name + (name.equals("Lock") ? ": resolving for the function's runtime" : "") + " ...");
            }
        } else if (e.stateExitedEventDetails() != null && STAGES.contains(e.stateExitedEventDetails().name())) {
            JsonNode out = parse(e.stateExitedEventDetails().output());
            switch (e.stateExitedEventDetails().name()) {
                case "Lock" -> {
                    JsonNode lock = out.path("lock");
                    v.function = out.path("function").asText(null);
                    v.packages = lock.path("packages").asInt();
                    v.cached = lock.path("cached").asInt();
                    v.toInstall = lock.path("install").size();
                    v.environment = lock.path("environment").asText(null);
                    line(v, String.format(Locale.ROOT, "Lock: %d packages, %d in the store already, %d to install",
                            v.packages, v.cached, v.toInstall));
                }
                case "Install" -> line(v, "Install: " + v.installedDone + " installed");
                case "Link" -> line(v, "Link: " + out.path("link").path("files").asLong() + " files in the environment"
                        + (out.path("link").path("cached").asBoolean() ? " (assembled before)" : ""));
                case "Inject" -> {
                    JsonNode inject = out.path("inject");
                    v.version = inject.path("version").asText(null);
                    v.bundleBytes = inject.path("codeSize").asLong();
                    line(v, "Inject: version " + v.version + ", bundle " + v.bundleBytes + " bytes"
                            + (inject.path("updated").asBoolean(true) ? "" : " (code unchanged)"));
                }
                case "Verify" -> {
                    v.verify = out.path("verify").path("report");
                    line(v, "Verify: " + v.verify.path("imported").size() + " modules imported"
                            + (v.verify.hasNonNull("initDurationMs") ? ", init " + v.verify.get("initDurationMs")
                            + " ms" : "") + (v.verify.hasNonNull("alias") ? "; alias " + v.verify.get("alias")
                            .asText() + " -> " + v.version : ""));
                }
                default -> { }
            }
            endGroup(v);
        } else if (type == HistoryEventType.MAP_ITERATION_SUCCEEDED) {
            v.installedDone++;
            bar(v);
        } else if (type == HistoryEventType.MAP_ITERATION_FAILED) {
            v.installFailed++;
            bar(v);
        } else if (e.stateEnteredEventDetails() != null
                && e.stateEnteredEventDetails().name().equals("AlreadyLinked")) {
            line(v, "Link: the environment is assembled already");
        }
    }

    private DeployResult finish(View v, DescribeExecutionResponse d) {
        v.at = d.stopDate();
        endGroup(v);
        String status = d.statusAsString();
        DeployResult r;
        if ("SUCCEEDED".equals(status)) {
            JsonNode out = parse(d.output());
            v.function = out.path("function").asText(v.function);
            v.version = out.path("version").asText(v.version);
            v.environment = out.path("environment").asText(v.environment);
            v.bundleBytes = out.path("bundleBytes").asLong(v.bundleBytes);
            v.packages = out.path("packages").asInt(v.packages);
            v.cached = out.path("cached").asInt(v.cached);
            v.installedDone = out.path("installed").size();
            v.verify = out.path("verify");
            r = result(v, d, status, null, null);
            line(v, String.format(Locale.ROOT, "SUCCEEDED in %.1f s: %s version %s on %s", r.seconds(), v.function,
                    v.version, v.environment));
        } else if ("RUNNING".equals(status)) {
            r = result(v, d, status, null, null);
            line(v, "RUNNING, at " + v.stage);
        } else {
            r = result(v, d, status, d.error(), readable(d.cause()));
            line(v, status + " at " + v.stage + ": " + (d.error() == null ? "" : d.error() + ": ")
                    + (r.cause() == null ? "" : r.cause()));
            if (github) {
                err.println("::error title=smolsnake " + v.stage + " failed::" + (d.error() == null ? status
                        : d.error()) + ": " + oneLine(d.cause()));
            }
        }
        summary(r);
        err.flush();
        return r;
    }

    private DeployResult result(View v, DescribeExecutionResponse d, String status, String error, String cause) {
        Instant end = d.stopDate() != null ? d.stopDate() : Instant.now();
        double seconds = d.startDate() == null ? 0 : Duration.between(d.startDate(), end).toMillis() / 1000.0;
        return new DeployResult(status, d.executionArn(), v.function, v.version, v.stage, v.packages, v.installedDone,
                v.cached, v.bundleBytes, v.environment, seconds, error, cause,
                v.verify == null || v.verify.isMissingNode() ? null : v.verify);
    }

    private void bar(View v) {
        int total = Math.max(v.toInstall, v.installedDone + v.installFailed);
        int width = 24;
        int filled = total == 0 ? width : (int) Math.round(width * (double) (v.installedDone + v.installFailed) / total);
        String text = String.format(Locale.ROOT, "Install [%s%s] %d/%d new, %d cached%s", "#".repeat(filled),
                "-".repeat(width - filled), v.installedDone, total, v.cached,
                v.installFailed > 0 ? ", " + v.installFailed + " failed" : "");
        if (tty) {
            err.print("\r" + prefix(v) + text);
            if (v.installedDone + v.installFailed >= total) {
                err.println();
            }
            err.flush();
        } else {
            line(v, text);
        }
    }

    private void line(View v, String text) {
        err.println(prefix(v) + text);
        err.flush();
    }

    private String prefix(View v) {
        Instant at = v.at != null ? v.at : Instant.now();
        double t = v.start == null ? 0 : Duration.between(v.start, at).toMillis() / 1000.0;
        return String.format(Locale.ROOT, "[%6.1fs] ", t);
    }

    private void group(View v, String name) {
        if (github) {
            endGroup(v);
            err.println("::group::smolsnake " + name);
            v.openGroup = name;
        }
    }

    private void endGroup(View v) {
        if (github && v.openGroup != null) {
            err.println("::endgroup::");
            v.openGroup = null;
        }
    }

    private void summary(DeployResult r) {
        if (githubSummary == null) {
            return;
        }
        String table = "### smolsnake deploy: " + r.status() + "\n\n| | |\n|---|---|\n"
                + "| function | " + r.function() + " |\n| version | " + r.version() + " |\n"
                + "| packages | " + r.packages() + " (" + r.installed() + " installed, " + r.cached() + " cached) |\n"
                + "| bundle | " + r.bundleBytes() + " bytes |\n| environment | `" + r.environment() + "` |\n"
                + String.format(Locale.ROOT, "| time | %.1f s |\n", r.seconds())
                + (r.error() == null ? "" : "| error | " + r.error() + ": " + oneLine(r.cause()) + " |\n") + "\n";
        try {
            Files.writeString(githubSummary, table, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            err.println("warning: cannot append to $GITHUB_STEP_SUMMARY (" + githubSummary + "): " + e.getMessage());
        }
    }

    /**
     * A Lambda stage's failure arrives as the function's error document (message, type, stack trace);
     * a person needs the message. Text before the document (the stage's own words) is kept.
     */
    static String readable(String cause) {
        if (cause == null) {
            return null;
        }
        int brace = cause.indexOf('{');
        if (brace < 0) {
            return cause;
        }
        try {
            JsonNode doc = JSON.readTree(cause.substring(brace));
            if (doc.hasNonNull("errorMessage")) {
                return cause.substring(0, brace) + doc.get("errorMessage").asText();
            }
        } catch (IOException e) {
            // not a document: show it as it is
        }
        return cause;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace("\r", " ").replace("\n", " ");
    }

    private static JsonNode parse(String json) {
        try {
            return json == null ? JSON.nullNode() : JSON.readTree(json);
        } catch (IOException e) {
            return JSON.nullNode();
        }
    }
}
