package io.smolsnake.core.stage;

import java.util.List;
import java.util.Locale;

/**
 * The body of an SQS message asking the install worker to assemble the environment of one lock
 * from store entries (the Link stage, after every package is installed). The worker resolves each
 * entry to its store key, assembles a link forest named by {@code digest}, and answers with a
 * {@link LinkResult} as JSON, or {@code Install.MissingEntry} / {@code Install.Conflict}.
 *
 * <pre>{@code
 * {"type": "link", "taskToken": "...", "target": {"runtime": "python3.12", "arch": "x86_64"},
 *  "digest": "<lock digest>", "entries": [{"name": "numpy", "version": "2.2.6", "sha256": "<64 hex>"}]}
 * }</pre>
 *
 * @param type always {@value #TYPE}
 * @param taskToken the Step Functions task token to answer (never logged)
 * @param target the lock's runtime and architecture
 * @param digest the lock's digest, which names the environment
 * @param entries the lock's packages, each by the wheel installed for it
 */
public record LinkMessage(String type, String taskToken, InstallMessage.TargetSpec target, String digest,
        List<Entry> entries) {
    /** The {@code type} of a link message. */
    public static final String TYPE = "link";

    public LinkMessage {
        if (!TYPE.equals(type)) {
            throw new IllegalArgumentException("a link message has type \"" + TYPE + "\", not \"" + type + "\"");
        }
        InstallMessage.requireText("taskToken", taskToken);
        if (target == null) {
            throw new IllegalArgumentException("a link message needs a target {runtime, arch}");
        }
        InstallMessage.requireText("digest", digest);
        if (entries == null) {
            throw new IllegalArgumentException("a link message needs its entries (an empty list for an empty lock)");
        }
        entries = List.copyOf(entries);
    }

    /** A link message ({@code type} filled in). */
    public static LinkMessage of(String taskToken, InstallMessage.TargetSpec target, String digest,
            List<Entry> entries) {
        return new LinkMessage(TYPE, taskToken, target, digest, entries);
    }

    /**
     * One package of the lock, by the wheel installed for it.
     *
     * @param name the distribution's name
     * @param version its version
     * @param sha256 the installed wheel's sha256, 64 hex digits (stored in lower case)
     */
    public record Entry(String name, String version, String sha256) {
        public Entry {
            InstallMessage.requireText("entries[].name", name);
            InstallMessage.requireText("entries[].version", version);
            if (sha256 == null || !InstallMessage.HEX64.matcher(sha256).matches()) {
                throw new IllegalArgumentException("expected a sha256 of 64 hex digits for " + name + ", got '"
                        + sha256 + "'");
            }
            sha256 = sha256.toLowerCase(Locale.ROOT);
        }
    }
}
