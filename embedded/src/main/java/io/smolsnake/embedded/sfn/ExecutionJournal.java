package io.smolsnake.embedded.sfn;

import java.util.List;
import java.util.Map;

/**
 * Where an {@link Engine} writes down its executions as they run, so that a new engine can take
 * them up again ({@link Engine#recover}). Calls for one execution arrive in order; calls for
 * different executions may arrive concurrently.
 *
 * <p>Progress entries are opaque to the journal: keys name a branch or a waiting task, values
 * are JSON text the engine reads back.
 */
public interface ExecutionJournal {
    /** Keeps nothing. */
    ExecutionJournal NONE = new ExecutionJournal() {
        @Override
        public void saved(ExecutionSnapshot execution) {}

        @Override
        public void appended(String executionArn, HistoryEvent event) {}

        @Override
        public void progressed(String executionArn, String key, String value) {}

        @Override
        public void progressCleared(String executionArn, String keyPrefix) {}

        @Override
        public List<Saved> load() {
            return List.of();
        }
    };

    /** The execution started, ended or was redriven. */
    void saved(ExecutionSnapshot execution);

    /** A history event was added. */
    void appended(String executionArn, HistoryEvent event);

    /** A progress entry was set; {@code value} null removes it. */
    void progressed(String executionArn, String key, String value);

    /** Every progress entry whose key starts with {@code keyPrefix} was removed. */
    void progressCleared(String executionArn, String keyPrefix);

    /** Everything saved so far, one entry per execution. */
    List<Saved> load();

    /** One saved execution: its snapshot, its history oldest first, its progress entries. */
    record Saved(ExecutionSnapshot execution, List<HistoryEvent> history, Map<String, String> progress) {
        public Saved {
            history = List.copyOf(history);
            progress = Map.copyOf(progress);
        }
    }
}
