package io.smolsnake.embedded.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/**
 * The buckets and their objects, in memory or under a data directory.
 *
 * <p>On disk: {@code <root>/<bucket>/bucket.json} (the creation time), {@code objects/} with one
 * {@link ObjectFile} per key (named by the SHA-256 of the key) and {@code tmp/} for writes in
 * flight. Every change becomes visible by one atomic rename: a bucket is built in a hidden sibling
 * and renamed into place, deleted by renaming it away first; an object is written to {@code tmp/}
 * and renamed over its file. Start-up drops whatever a crash left in hidden or temporary places.
 * The index of keys lives in memory in both modes, so listing never touches the disk.
 */
final class Store {
    /** S3 lists keys in UTF-8 byte order, which is code point order (not UTF-16 order). */
    static final Comparator<String> KEY_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    };

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An object: its attributes and where its bytes are. */
    sealed interface Blob permits InMemory, InFile {
        ObjectAttributes attributes();
    }

    record InMemory(ObjectAttributes attributes, byte[] bytes) implements Blob {
    }

    record InFile(ObjectAttributes attributes, Path file) implements Blob {
    }

    record Bucket(String name, Instant created, ConcurrentSkipListMap<String, Blob> objects) {
    }

    private final Path root;
    private final Map<String, Bucket> buckets = new TreeMap<>();

    private Store(Path root) {
        this.root = root;
    }

    static Store inMemory() {
        return new Store(null);
    }

    /** Opens (creating if needed) a data directory and indexes what it holds. */
    static Store open(Path root) {
        Store store = new Store(root);
        try {
            Files.createDirectories(root);
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    if (name.startsWith(".")) {
                        deleteTree(entry);
                    } else if (Files.isRegularFile(entry.resolve("bucket.json"))) {
                        store.buckets.put(name, load(entry, name));
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new S3Exception("cannot open the S3 data directory " + root + ": " + e.getMessage(),
                    root.toString(), e);
        }
        return store;
    }

    Optional<Path> root() {
        return Optional.ofNullable(root);
    }

    synchronized List<Bucket> buckets() {
        return new ArrayList<>(buckets.values());
    }

    synchronized Bucket bucket(String name) {
        Bucket bucket = buckets.get(name);
        if (bucket == null) {
            throw S3Exception.noSuchBucket(name);
        }
        return bucket;
    }

    synchronized Bucket createBucket(String name, Instant now) {
        if (buckets.containsKey(name)) {
            throw new S3Exception(409, "BucketAlreadyOwnedByYou",
                    "Your previous request to create the named bucket succeeded and you already own it.", "/" + name);
        }
        Bucket bucket = new Bucket(name, now, new ConcurrentSkipListMap<>(KEY_ORDER));
        if (root != null) {
            io(root.resolve(name), () -> {
                Path fresh = root.resolve(".new-" + UUID.randomUUID());
                Files.createDirectories(fresh.resolve("objects"));
                Files.createDirectories(fresh.resolve("tmp"));
                Files.write(fresh.resolve("bucket.json"),
                        JSON.writeValueAsBytes(Map.of("created", now.toEpochMilli())));
                Files.move(fresh, root.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            });
        }
        buckets.put(name, bucket);
        return bucket;
    }

    synchronized void deleteBucket(String name) {
        Bucket bucket = bucket(name);
        if (!bucket.objects().isEmpty()) {
            throw new S3Exception(409, "BucketNotEmpty", "The bucket you tried to delete is not empty", "/" + name);
        }
        if (root != null) {
            io(root.resolve(name), () -> {
                Path doomed = root.resolve(".deleted-" + UUID.randomUUID());
                Files.move(root.resolve(name), doomed, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(doomed);
            });
        }
        buckets.remove(name);
    }

    Blob object(String bucket, String key) {
        Blob blob = bucket(bucket).objects().get(key);
        if (blob == null) {
            throw S3Exception.noSuchKey(bucket, key);
        }
        return blob;
    }

    /** The object's attributes and the bytes of {@code range} (all when null), from one version. */
    ObjectFile.Content read(String bucket, String key, ByteRange range) {
        Blob blob = object(bucket, key);
        if (blob instanceof InMemory m) {
            byte[] bytes = range == null ? m.bytes()
                    : java.util.Arrays.copyOfRange(m.bytes(), (int) range.first(), (int) range.last() + 1);
            return new ObjectFile.Content(m.attributes(), bytes);
        }
        InFile f = (InFile) blob;
        try {
            return ObjectFile.read(f.file(), range);
        } catch (java.nio.file.NoSuchFileException e) {
            throw S3Exception.noSuchKey(bucket, key); // deleted or replaced since the lookup
        } catch (IOException e) {
            throw new S3Exception("cannot read " + f.file() + ": " + e.getMessage(), "/" + bucket + "/" + key, e);
        }
    }

    /** Stores (or replaces) an object; on disk the bytes are on stable storage before it becomes visible. */
    Blob put(String bucketName, ObjectAttributes attributes, byte[] body) {
        Bucket bucket = bucket(bucketName);
        if (root == null) {
            Blob blob = new InMemory(attributes, body.clone());
            synchronized (this) {
                bucket(bucketName).objects().put(attributes.key(), blob);
            }
            return blob;
        }
        Path directory = root.resolve(bucket.name());
        Path target = directory.resolve("objects").resolve(fileName(attributes.key()));
        Path[] temp = new Path[1];
        String resource = "/" + bucketName + "/" + attributes.key();
        io(target, () -> temp[0] = ObjectFile.writeTemp(directory.resolve("tmp"), attributes, body));
        try {
            synchronized (this) {
                Bucket current = bucket(bucketName);
                io(target, () -> Files.move(temp[0], target, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING));
                Blob blob = new InFile(attributes, target);
                current.objects().put(attributes.key(), blob);
                return blob;
            }
        } finally {
            try {
                Files.deleteIfExists(temp[0]);
            } catch (IOException e) {
                // a leftover in tmp/ is removed at the next start
            }
        }
    }

    /** Removes an object; removing one that does not exist is not an error (as in S3). */
    synchronized void delete(String bucketName, String key) {
        Bucket bucket = bucket(bucketName);
        if (bucket.objects().remove(key) != null && root != null) {
            io(root.resolve(bucketName), () -> Files.deleteIfExists(
                    root.resolve(bucketName).resolve("objects").resolve(fileName(key))));
        }
    }

    NavigableMap<String, Blob> objects(String bucket) {
        return bucket(bucket).objects();
    }

    static String fileName(String key) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static Bucket load(Path directory, String name) throws IOException {
        long created = JSON.readTree(directory.resolve("bucket.json").toFile()).path("created").asLong(0);
        Bucket bucket = new Bucket(name, Instant.ofEpochMilli(created), new ConcurrentSkipListMap<>(KEY_ORDER));
        Path tmp = directory.resolve("tmp");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        Path objects = directory.resolve("objects");
        Files.createDirectories(objects);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(objects)) {
            for (Path file : files) {
                ObjectAttributes attributes = ObjectFile.readAttributes(file);
                if (!file.getFileName().toString().equals(fileName(attributes.key()))) {
                    throw new IOException("object file " + file + " does not hold the key its name says");
                }
                bucket.objects().put(attributes.key(), new InFile(attributes, file));
            }
        }
        return bucket;
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void io(Path where, IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new S3Exception("the S3 data directory failed at " + where + ": " + e, where.toString(), e);
        }
    }
}
