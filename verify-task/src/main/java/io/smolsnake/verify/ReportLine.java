package io.smolsnake.verify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The figures of a Lambda {@code REPORT} line in a log tail: INIT duration (cold starts only) and memory. */
record ReportLine(Double initDurationMs, Long maxMemoryMb) {
    private static final Pattern REPORT = Pattern.compile("^REPORT RequestId: .*$", Pattern.MULTILINE);
    private static final Pattern INIT = Pattern.compile("Init Duration: ([0-9.]+) ms");
    private static final Pattern MEMORY = Pattern.compile("Max Memory Used: (\\d+) MB");

    /** The last {@code REPORT} line's figures; nulls for what the tail does not show. */
    static ReportLine parse(String logTail) {
        Matcher line = REPORT.matcher(logTail == null ? "" : logTail);
        String last = null;
        while (line.find()) {
            last = line.group();
        }
        if (last == null) {
            return new ReportLine(null, null);
        }
        Matcher init = INIT.matcher(last);
        Matcher memory = MEMORY.matcher(last);
        return new ReportLine(init.find() ? Double.valueOf(init.group(1)) : null,
                memory.find() ? Long.valueOf(memory.group(1)) : null);
    }
}
