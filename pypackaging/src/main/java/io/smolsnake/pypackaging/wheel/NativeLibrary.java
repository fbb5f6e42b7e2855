package io.smolsnake.pypackaging.wheel;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * smolsnake's JNI library ({@code src/main/native}: libdeflate's inflate and OpenSSL's SHA-256, for
 * {@link NativeInflate} and {@link NativeSha256}), where the build put it into the jar for this
 * platform (it needs gcc and the libraries' development files); {@link #loaded()} is false otherwise,
 * and the JDK's {@link java.util.zip.Inflater} and SHA-256 are used instead.
 *
 * <p>The library is loaded from where the system property {@value #PATH_PROPERTY} says ({@code
 * bin/smolsnake} names the build's copy, so that the jar is not opened for it), else from the
 * classes directory as it is, or from a jar by way of a copy under the cache directory (named by its
 * content, written once and atomically); in each case only when its {@link #VERSION} is this code's.
 * {@code SMOLSNAKE_NO_NATIVE=1} turns it off.
 */
final class NativeLibrary {
    static final String NAME = "libsmolsnake-native.so";
    /** The system property naming the library's file, tried first. */
    static final String PATH_PROPERTY = "smolsnake.native.library";
    /** The JNI interface's version, which the library reports: a library from another build is not used. */
    static final int VERSION = 1;

    private static final String STATUS;

    static {
        String status;
        try {
            status = load();
        } catch (IOException | URISyntaxException | UnsatisfiedLinkError | RuntimeException e) {
            // whatever goes wrong, the JDK inflates and hashes instead: never a class that cannot initialise
            status = "not loaded: " + e;
        }
        STATUS = status;
    }

    private NativeLibrary() {}

    /** Whether the library's functions can be called. */
    static boolean loaded() {
        return STATUS.equals("loaded");
    }

    /** "loaded", or why the library is not used (for diagnostics). */
    static String status() {
        return STATUS;
    }

    /** The resource the build puts the library at for this platform, or null for a platform it is not built for. */
    static String resource() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return null;
        }
        String platform = switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "linux-x86_64";
            case "aarch64" -> "linux-aarch64";
            default -> null;
        };
        return platform == null ? null : "/native/" + platform + "/" + NAME;
    }

    private static String load() throws IOException, URISyntaxException {
        if ("1".equals(System.getenv("SMOLSNAKE_NO_NATIVE"))) {
            return "turned off by SMOLSNAKE_NO_NATIVE=1";
        }
        String named = System.getProperty(PATH_PROPERTY);
        if (named != null && Files.isRegularFile(Path.of(named))) {
            System.load(Path.of(named).toAbsolutePath().toString());
            int version = version0();
            return version == VERSION ? "loaded" : named + " is version " + version + " of the library, not " + VERSION;
        }
        String resource = resource();
        if (resource == null) {
            return "not built for " + System.getProperty("os.name") + " " + System.getProperty("os.arch");
        }
        URL url = NativeLibrary.class.getResource(resource);
        if (url == null) {
            return "not in this build (it needs gcc, libdeflate-dev and libssl-dev when built)";
        }
        Path library = url.getProtocol().equals("file") ? Path.of(url.toURI()) : copied(url);
        System.load(library.toAbsolutePath().toString());
        int version = version0();
        return version == VERSION ? "loaded" : "version " + version + " of the library, not " + VERSION;
    }

    private static native int version0();

    /** The library copied out of the jar, under a name made of its size and CRC-32. */
    private static Path copied(URL url) throws IOException {
        byte[] bytes;
        try (InputStream in = url.openStream()) {
            bytes = in.readAllBytes();
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        String name = "libsmolsnake-native-" + bytes.length + "-" + Long.toHexString(crc.getValue()) + ".so";
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
                Path tmp = Files.createTempFile(dir, ".native", ".tmp");
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
        throw last != null ? last : new IOException("no directory to copy " + NAME + " to");
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
