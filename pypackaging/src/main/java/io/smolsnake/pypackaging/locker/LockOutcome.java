package io.smolsnake.pypackaging.locker;

import io.smolsnake.pypackaging.lock.Lock;
import java.util.List;
import java.util.Objects;

/** What {@link Locker#lock} produced. */
public sealed interface LockOutcome {
    /** Warnings a person should see (an index that did not answer, a missing extra, …). */
    List<String> warnings();

    /**
     * A lock for the target. A class, not a record: a lock reused from the resolution memo is held as
     * its bytes, which are written as they are, and parsed only when {@link #lock()} is asked for.
     */
    final class Locked implements LockOutcome {
        private byte[] toml;
        private final LockSummary summary;
        private final List<String> warnings;
        private Lock lock;

        public Locked(Lock lock, LockSummary summary, List<String> warnings) {
            this.lock = Objects.requireNonNull(lock, "lock");
            this.toml = null;
            this.summary = summary;
            this.warnings = List.copyOf(warnings);
        }

        /** A lock known by its canonical bytes. */
        Locked(byte[] toml, LockSummary summary) {
            this.toml = toml.clone();
            this.summary = summary;
            this.warnings = List.of();
        }

        public synchronized Lock lock() {
            if (lock == null) {
                lock = Lock.parse(new String(toml, java.nio.charset.StandardCharsets.UTF_8), "the resolution memo");
            }
            return lock;
        }

        /** The lock's canonical bytes ({@link Lock#toBytes()}). */
        public synchronized byte[] toBytes() {
            if (toml == null) {
                toml = lock.toBytes();
            }
            return toml.clone();
        }

        public LockSummary summary() {
            return summary;
        }

        @Override
        public List<String> warnings() {
            return warnings;
        }

        @Override
        public String toString() {
            return "Locked[" + summary + ", warnings=" + warnings + "]";
        }
    }

    /** No set of versions satisfies the requirements on the target; {@code message} says why. */
    record Unsatisfiable(String message, List<String> warnings) implements LockOutcome {
        public Unsatisfiable {
            warnings = List.copyOf(warnings);
        }
    }
}
