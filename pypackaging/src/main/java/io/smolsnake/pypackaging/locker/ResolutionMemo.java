package io.smolsnake.pypackaging.locker;

import io.smolsnake.pypackaging.CacheFiles;
import io.smolsnake.pypackaging.index.IndexClient;
import io.smolsnake.pypackaging.index.IndexException;
import io.smolsnake.pypackaging.index.ProjectCandidates;
import io.smolsnake.pypackaging.name.PackageName;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Resolutions remembered by their inputs: one small file per key (the inputs, the target, the
 * settings and this build of smolsnake, hashed), holding what every package source answered for
 * each project the resolver asked about and the outcome (the lock's bytes, or why nothing fits).
 * An entry counts only when every source answers the same again; an entry that cannot be read is
 * a miss, and the next store replaces it. At most {@value #KEEP} entries are kept, the least
 * recently used going first.
 */
final class ResolutionMemo {
    static final String FORMAT = "smolsnake-resolution-memo 1";
    static final int KEEP = 200;
    private static final String PROJECT = "project ";
    private static final String FILE = "file ";

    /** What was remembered under a key. */
    record Entry(Map<String, String> validators, boolean locked, int packages, long download, long installed,
            byte[] body) {}

    private final Path dir;
    private final String build;

    private ResolutionMemo(Path dir, String build) {
        this.dir = dir;
        this.build = build;
    }

    /** The memo under {@code dir}, or empty when this build of smolsnake cannot be told from another. */
    static Optional<ResolutionMemo> open(Path dir) {
        String build = buildIdentity(ResolutionMemo.class);
        return build == null || dir == null ? Optional.empty() : Optional.of(new ResolutionMemo(dir, build));
    }

    /** A canonical key text: each part named and length-prefixed, so no two inputs write the same text. */
    static final class Key {
        private final StringBuilder text = new StringBuilder(4096);

        Key add(String name, Object value) {
            String v = String.valueOf(value);
            text.append(name).append(' ').append(v.length()).append(':').append(v).append('\n');
            return this;
        }
    }

    /** A new key, starting with the format and this build's identity. */
    Key key() {
        return new Key().add("format", FORMAT).add("build", build).add("java", Runtime.version());
    }

    /** The file name of {@code key}. */
    static String name(Key key) {
        return CacheFiles.key(key.text.toString());
    }

    /** What is remembered under {@code key}, when there is an entry and it reads whole. */
    Optional<Entry> read(String key) {
        try {
            return parse(Files.readAllBytes(dir.resolve(key)), key);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * What the sources answer now for an entry's projects and files.
     *
     * @param same whether every answer is the one remembered
     * @param answered the projects' answers, for a resolution that follows a mismatch (not to ask twice)
     */
    record Validation(boolean same, Map<PackageName, ProjectCandidates> answered) {}

    /**
     * Asks again what the entry's answers were: each project through {@code client} (its caches and
     * revalidation, as the resolver asks), each local file's identity, in parallel.
     */
    static Validation validate(Entry entry, IndexClient client) {
        List<Map.Entry<String, String>> all = new ArrayList<>(entry.validators().entrySet());
        Map<PackageName, ProjectCandidates> answered = new ConcurrentHashMap<>();
        if (all.isEmpty()) {
            return new Validation(true, answered);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(8, all.size()), r -> {
            Thread t = new Thread(r, "smolsnake-memo");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Boolean>> checks = new ArrayList<>();
            for (Map.Entry<String, String> v : all) {
                checks.add(pool.submit(() -> v.getValue().equals(answer(v.getKey(), client, answered))));
            }
            boolean same = true;
            for (Future<Boolean> check : checks) { // every one, so that a resolution after a mismatch asks none again
                try {
                    same &= check.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    same = false;
                }
            }
            return new Validation(same, answered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Validation(false, answered);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String answer(String validator, IndexClient client, Map<PackageName, ProjectCandidates> answered) {
        try {
            if (validator.startsWith(PROJECT)) {
                PackageName name = PackageName.of(validator.substring(PROJECT.length()));
                ProjectCandidates candidates = client.project(name);
                answered.put(name, candidates);
                return Answers.digest(candidates);
            }
            if (validator.startsWith(FILE)) {
                return Answers.stamp(new URI(validator.substring(FILE.length())));
            }
        } catch (IndexException | URISyntaxException | IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    /** The validator name of a project's answer. */
    static String project(PackageName name) {
        return PROJECT + name.normalized();
    }

    /** The validator name of a local file named by a direct URL. */
    static String file(URI url) {
        return FILE + url;
    }

    /** Marks an entry as just used, so that it is evicted last. */
    void touch(String key) {
        try {
            Files.setLastModifiedTime(dir.resolve(key), FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException | RuntimeException e) {
            // only the eviction order suffers
        }
    }

    /** Remembers {@code entry} under {@code key}, replacing what was there, and evicts beyond {@value #KEEP}. */
    void store(String key, Entry entry) {
        for (Map.Entry<String, String> v : entry.validators().entrySet()) {
            if (!v.getKey().matches("[^\t\n]+") || !v.getValue().matches("[^\t\n]+")) {
                return; // cannot be written back as read
            }
        }
        StringBuilder head = new StringBuilder(FORMAT).append('\n').append("key ").append(key).append('\n');
        entry.validators().forEach((k, v) -> head.append("validator\t").append(k).append('\t').append(v).append('\n'));
        head.append("outcome ").append(entry.locked() ? "locked" : "unsatisfiable").append('\n')
                .append("packages ").append(entry.packages()).append('\n')
                .append("download ").append(entry.download()).append('\n')
                .append("installed ").append(entry.installed()).append('\n')
                .append("body ").append(entry.body().length).append('\n');
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] check = ("check " + check(headBytes, entry.body()) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[headBytes.length + check.length + entry.body().length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(check, 0, all, headBytes.length, check.length);
        System.arraycopy(entry.body(), 0, all, headBytes.length + check.length, entry.body().length);
        CacheFiles.write(dir.resolve(key), all);
        evict();
    }

    private void evict() {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> entries = files.filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}")).toList();
            if (entries.size() <= KEEP) {
                return;
            }
            Map<Path, Long> used = new LinkedHashMap<>();
            for (Path p : entries) {
                used.put(p, Files.getLastModifiedTime(p).toMillis());
            }
            List<Path> oldestFirst = new ArrayList<>(entries);
            oldestFirst.sort(Comparator.comparing(used::get));
            for (Path p : oldestFirst.subList(0, entries.size() - KEEP)) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // the next store tries again
        }
    }

    static Optional<Entry> parse(byte[] all, String key) {
        Map<String, String> validators = new LinkedHashMap<>();
        String[] fields = new String[6]; // format, key, outcome, packages, download, installed
        int pos = 0;
        int bodyLength = -1;
        int headEnd = -1;
        String check = null;
        for (int line = 0; check == null; line++) {
            int nl = indexOf(all, pos);
            if (nl < 0) {
                return Optional.empty();
            }
            String text = new String(all, pos, nl - pos, StandardCharsets.UTF_8);
            if (line == 0) {
                if (!text.equals(FORMAT)) {
                    return Optional.empty();
                }
            } else if (text.startsWith("validator\t")) {
                String[] parts = text.split("\t", -1);
                if (parts.length != 3) {
                    return Optional.empty();
                }
                validators.put(parts[1], parts[2]);
            } else if (text.startsWith("key ")) {
                fields[1] = text.substring(4);
            } else if (text.startsWith("outcome ")) {
                fields[2] = text.substring(8);
            } else if (text.startsWith("packages ")) {
                fields[3] = text.substring(9);
            } else if (text.startsWith("download ")) {
                fields[4] = text.substring(9);
            } else if (text.startsWith("installed ")) {
                fields[5] = text.substring(10);
            } else if (text.startsWith("body ")) {
                bodyLength = Integer.parseInt(text.substring(5));
            } else if (text.startsWith("check ")) {
                headEnd = pos;
                check = text.substring(6);
            } else {
                return Optional.empty();
            }
            pos = nl + 1;
        }
        if (!key.equals(fields[1]) || bodyLength < 0 || all.length - pos != bodyLength
                || fields[2] == null || fields[3] == null || fields[4] == null || fields[5] == null
                || !(fields[2].equals("locked") || fields[2].equals("unsatisfiable"))) {
            return Optional.empty();
        }
        byte[] body = Arrays.copyOfRange(all, pos, all.length);
        if (!check.equals(check(Arrays.copyOfRange(all, 0, headEnd), body))) {
            return Optional.empty();
        }
        return Optional.of(new Entry(validators, fields[2].equals("locked"), Integer.parseInt(fields[3]),
                Long.parseLong(fields[4]), Long.parseLong(fields[5]), body));
    }

    private static int indexOf(byte[] all, int from) {
        for (int i = from; i < all.length; i++) {
            if (all[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String check(byte[] head, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(head);
            return HexFormat.of().formatHex(sha.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * What changes whenever the resolver's code may have: the jar (path, size, time) or the class
     * directory (every file's path, size and time) {@code type} was loaded from; null when unknown.
     */
    static String buildIdentity(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return null;
            }
            Path where = Path.of(source.getLocation().toURI());
            if (Files.isRegularFile(where)) {
                return "jar " + where + " " + Files.size(where) + " "
                        + Files.getLastModifiedTime(where).to(TimeUnit.NANOSECONDS);
            }
            if (Files.isDirectory(where)) {
                StringBuilder sb = new StringBuilder("classes ").append(where).append('\n');
                try (Stream<Path> files = Files.walk(where)) {
                    for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                        sb.append(where.relativize(p)).append(' ').append(Files.size(p)).append(' ')
                                .append(Files.getLastModifiedTime(p).to(TimeUnit.NANOSECONDS)).append('\n');
                    }
                }
                return CacheFiles.key(sb.toString());
            }
            return null;
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
