package io.smolsnake.pypackaging.locker;

import io.smolsnake.pypackaging.lock.Lock;
import java.util.List;

/** What {@link Locker#lock} produced. */
public sealed interface LockOutcome {
    /** Warnings a person should see (an index that did not answer, a missing extra, …). */
    List<String> warnings();

    /** A lock for the target. */
    record Locked(Lock lock, LockSummary summary, List<String> warnings) implements LockOutcome {
        public Locked {
            warnings = List.copyOf(warnings);
        }
    }

    /** No set of versions satisfies the requirements on the target; {@code message} says why. */
    record Unsatisfiable(String message, List<String> warnings) implements LockOutcome {
        public Unsatisfiable {
            warnings = List.copyOf(warnings);
        }
    }
}
