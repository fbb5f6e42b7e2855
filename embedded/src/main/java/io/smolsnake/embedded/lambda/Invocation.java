package io.smolsnake.embedded.lambda;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * What one invocation answered, as the Lambda {@code Invoke} API reports it.
 *
 * @param payload the response payload (the function's result, or its error document)
 * @param functionError null on success, else {@code Unhandled} (the {@code X-Amz-Function-Error} header)
 * @param logs the invocation's log lines: {@code START}, the function's output, {@code END}, {@code REPORT}
 * @param executedVersion the version that ran
 * @param report the figures of the {@code REPORT} line
 */
public record Invocation(byte[] payload, String functionError, String logs, String executedVersion, Report report) {
    private static final int TAIL_BYTES = 4096;

    public Invocation {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(report, "report");
    }

    public boolean failed() {
        return functionError != null;
    }

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** {@code X-Amz-Log-Result}: the base64 of the last 4 KB of the logs. */
    public String logTail() {
        byte[] all = logs.getBytes(StandardCharsets.UTF_8);
        int from = Math.max(0, all.length - TAIL_BYTES);
        byte[] tail = java.util.Arrays.copyOfRange(all, from, all.length);
        return Base64.getEncoder().encodeToString(tail);
    }

    /**
     * The figures Lambda prints on the {@code REPORT} line.
     *
     * @param initDurationMs INIT's duration on a cold start, else null
     */
    public record Report(String requestId, double durationMs, long billedDurationMs, int memorySizeMb,
            long maxMemoryUsedMb, Double initDurationMs) {

        /** {@code REPORT RequestId: … Duration: 1.23 ms Billed Duration: 2 ms Memory Size: 128 MB Max Memory Used: 40 MB Init Duration: 100.00 ms}. */
        public String line() {
            String line = String.format(java.util.Locale.ROOT,
                    "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB\tMax Memory Used: %d MB",
                    requestId, durationMs, billedDurationMs, memorySizeMb, maxMemoryUsedMb);
            if (initDurationMs != null) {
                line += String.format(java.util.Locale.ROOT, "\tInit Duration: %.2f ms", initDurationMs);
            }
            return line + "\t";
        }
    }
}
