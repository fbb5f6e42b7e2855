package io.smolsnake.pypackaging.wheel;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * libdeflate's whole-buffer inflate, through JNI ({@code src/main/native/inflate.c}), where the build
 * put the library for this platform into the jar (it needs gcc and libdeflate's development files);
 * {@link #available()} is false otherwise, and {@link MemberReader} inflates with the JDK's
 * {@link java.util.zip.Inflater} instead. libdeflate decodes about twice as fast as zlib: on a lock
 * of numpy, scipy and scikit-learn, 0.35 s instead of 0.85 s of CPU.
 *
 * <p>The library is loaded from the classes directory as it is, or from a jar by way of a copy under
 * the cache directory (named by its content, written once and atomically). {@code
 * SMOLSNAKE_NO_NATIVE=1} turns it off.
 */
final class NativeInflate {
    static final String LIBRARY = "libsmolsnake-inflate.so";
    /** Returned by {@link #inflate0} for data that is not valid DEFLATE. */
    static final long CORRUPT = -1;
    /** Returned by {@link #inflate0} when the data inflates to more than the output's capacity. */
    static final long TOO_LONG = -3;

    private static final String STATUS;

    static {
        String status;
        try {
            status = load();
        } catch (IOException | URISyntaxException | UnsatisfiedLinkError | SecurityException e) {
            status = "not loaded: " + e;
        }
        STATUS = status;
    }

    private NativeInflate() {}

    /** Whether {@link #inflate0} can be called. */
    static boolean available() {
        return STATUS.equals("loaded");
    }

    /** "loaded", or why the library is not used (for diagnostics). */
    static String status() {
        return STATUS;
    }

    /**
     * Inflates raw DEFLATE data {@code in[0, inLength)} into {@code out[0, outCapacity)}; both must be
     * direct buffers (their positions and limits are ignored).
     *
     * @return the inflated size, or {@link #CORRUPT} or {@link #TOO_LONG} (or another negative value for
     *     a buffer that is not direct, or no memory)
     */
    static native long inflate0(ByteBuffer in, int inLength, ByteBuffer out, int outCapacity);

    private static String load() throws IOException, URISyntaxException {
        if ("1".equals(System.getenv("SMOLSNAKE_NO_NATIVE"))) {
            return "turned off by SMOLSNAKE_NO_NATIVE=1";
        }
        String platform = platform();
        if (platform == null) {
            return "not built for " + System.getProperty("os.name") + " " + System.getProperty("os.arch");
        }
        URL url = NativeInflate.class.getResource("/native/" + platform + "/" + LIBRARY);
        if (url == null) {
            return "not in this build (it needs gcc and libdeflate-dev when built)";
        }
        Path library = url.getProtocol().equals("file") ? Path.of(url.toURI()) : copied(url);
        System.load(library.toAbsolutePath().toString());
        return "loaded";
    }

    private static String platform() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return null;
        }
        return switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "linux-x86_64";
            case "aarch64" -> "linux-aarch64";
            default -> null;
        };
    }

    /** The library copied out of the jar, under a name made of its size and CRC-32. */
    private static Path copied(URL url) throws IOException {
        byte[] bytes;
        try (InputStream in = url.openStream()) {
            bytes = in.readAllBytes();
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        String name = "libsmolsnake-inflate-" + bytes.length + "-" + Long.toHexString(crc.getValue()) + ".so";
        IOException last = null;
        for (Path dir : new Path[] {cacheDir(), Path.of(System.getProperty("java.io.tmpdir"), "smolsnake-native")}) {
            if (dir == null) {
                continue;
            }
            Path file = dir.resolve(name);
            try {
                if (Files.isRegularFile(file) && Files.size(file) == bytes.length) {
                    return file;
                }
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, ".inflate", ".tmp");
                try {
                    Files.write(tmp, bytes);
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(tmp);
                }
                return file;
            } catch (IOException e) {
                last = e;
            }
        }
        throw last != null ? last : new IOException("no directory to copy " + LIBRARY + " to");
    }

    private static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "smolsnake", "native");
        }
        String home = System.getProperty("user.home");
        return home == null || home.isBlank() || home.equals("?") ? null : Path.of(home, ".cache", "smolsnake", "native");
    }
}
