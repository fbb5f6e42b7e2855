package io.smolsnake.pypackaging.wheel;

import io.smolsnake.pypackaging.wheel.WheelInstallException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A wheel file opened for reading, after its size and sha256 were checked against what the caller
 * expects. Nothing is read from the archive before that check passes.
 */
public final class WheelSource implements AutoCloseable {
    private static final int HASH_BUFFER = 1 << 20;

    private final Path path;
    private final String filename;
    private final FileChannel channel;
    private final List<CentralDirectory.Member> members;
    /** Each name's first member (a wheel with duplicates is refused before anything is read). */
    private final Map<String, CentralDirectory.Member> byName;
    private final MemberReader reader;

    private WheelSource(Path path, FileChannel channel, List<CentralDirectory.Member> members) {
        this.path = path;
        this.filename = String.valueOf(path.getFileName());
        this.channel = channel;
        this.members = members;
        this.byName = new HashMap<>(members.size() * 2);
        for (CentralDirectory.Member member : members) {
            byName.putIfAbsent(member.name(), member);
        }
        this.reader = new MemberReader(channel, filename, true);
    }

    /**
     * Opens {@code wheel} once its size and sha256 match {@code expected}.
     *
     * @throws WheelInstallException {@link Kind#HASH_MISMATCH} naming the expected and actual
     *     values, {@link Kind#INVALID_WHEEL} when the file is not a readable zip archive, or
     *     {@link Kind#IO_ERROR} when it cannot be read
     */
    public static WheelSource open(Path wheel, ExpectedDigest expected) {
        String filename = String.valueOf(wheel.getFileName());
        FileChannel channel = null;
        try {
            channel = FileChannel.open(wheel, StandardOpenOption.READ);
            verify(filename, channel, expected);
            List<CentralDirectory.Member> members;
            try {
                members = CentralDirectory.read(channel);
            } catch (IOException e) {
                throw new WheelInstallException(Kind.INVALID_WHEEL, filename,
                        "not a valid zip archive: " + e.getMessage(), List.of(), e);
            }
            WheelSource source = new WheelSource(wheel, channel, members);
            channel = null;
            return source;
        } catch (IOException e) {
            throw new WheelInstallException(Kind.IO_ERROR, filename, "cannot read the wheel: " + e, List.of(), e);
        } finally {
            closeQuietly(channel);
        }
    }

    private static void verify(String filename, FileChannel channel, ExpectedDigest expected) throws IOException {
        MessageDigest sha256 = Digests.sha256();
        ByteBuffer buffer = ByteBuffer.allocateDirect(HASH_BUFFER);
        long position = 0;
        int n;
        while ((n = channel.read(buffer, position)) >= 0) {
            position += n;
            buffer.flip();
            sha256.update(buffer);
            buffer.clear();
        }
        long size = position;
        String actual = HexFormat.of().formatHex(sha256.digest());
        boolean sizeDiffers = expected.size() >= 0 && expected.size() != size;
        if (sizeDiffers || !actual.equals(expected.sha256())) {
            String message = sizeDiffers
                    ? "the file's size and sha256 differ from the lock (expected " + expected.size()
                            + " bytes, got " + size + " bytes)"
                    : "the file's sha256 differs from the lock";
            throw new WheelInstallException(Kind.HASH_MISMATCH, filename, message + "; nothing was installed",
                    List.of("package:  " + packageOf(filename), "expected: sha256=" + expected.sha256(),
                            "actual:   sha256=" + actual,
                            "the download is corrupt or the lock is stale: download it again or re-lock"),
                    null);
        }
    }

    /**
     * Whether wheels and their files are hashed by the native library (OpenSSL's SHA-256), not the
     * JDK's, which is fast only once C2 has compiled it.
     */
    public static boolean hashesNatively() {
        return NativeSha256.available();
    }

    /** A new SHA-256 digest of the kind wheels are checked with (see {@link #hashesNatively()}). */
    public static MessageDigest newSha256() {
        return Digests.sha256();
    }

    /** The distribution part of a wheel file name, for messages only (before any parsing). */
    static String packageOf(String filename) {
        int dash = filename.indexOf('-');
        return dash > 0 ? filename.substring(0, dash) : filename;
    }

    /** The wheel's path. */
    public Path path() {
        return path;
    }

    /** The wheel's file name, used in messages. */
    public String filename() {
        return filename;
    }

    List<CentralDirectory.Member> members() {
        return members;
    }

    /** The content of {@code name}; the caller closes the stream. */
    InputStream open(String name) throws IOException {
        CentralDirectory.Member member = byName.get(name);
        if (member == null) {
            throw new IOException("entry " + name + " is missing from the archive");
        }
        return reader.open(member);
    }

    /** The whole content of a small member (WHEEL, METADATA, RECORD). */
    byte[] readAll(String name) throws IOException {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // the wheel was only read; a failed close loses nothing
        }
    }
}
