package io.smolsnake.pypackaging.wheel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenSSL's SHA-256 through the native library against the JDK's, on every way a digest is fed. */
class NativeSha256Test {
    @Test
    void isWhatDigestsGiveWhereverTheLibraryLoads() {
        assertEquals(NativeSha256.available(), Digests.sha256() instanceof NativeSha256, NativeLibrary.status());
        if (NativeLibrary.resource() != null && NativeSha256Test.class.getResource(NativeLibrary.resource()) != null
                && System.getenv("SMOLSNAKE_NO_NATIVE") == null) {
            assertTrue(NativeSha256.available(), "built into this build, so loaded: " + NativeLibrary.status());
        }
    }

    @Test
    void theLibraryNamedByTheLauncherIsLoadedAndAnythingElseFallsBackWithoutFailing(@TempDir Path dir) throws Exception {
        String resource = NativeLibrary.resource();
        assumeTrue(resource != null && NativeSha256Test.class.getResource(resource) != null
                && System.getenv("SMOLSNAKE_NO_NATIVE") == null, "the native library is not in this build");
        Path built = Path.of(NativeSha256Test.class.getResource(resource).toURI());
        assertEquals(List.of("loaded", "native"), status(built.toString()));
        assertEquals(List.of("loaded", "native"), status(dir.resolve("missing.so").toString()), "the build's own copy");
        Path notALibrary = Files.writeString(dir.resolve("text.so"), "not an ELF file");
        List<String> broken = status(notALibrary.toString());
        assertTrue(broken.get(0).startsWith("not loaded: java.lang.UnsatisfiedLinkError"), broken.toString());
        assertEquals("jdk", broken.get(1));
    }

    /** What a JVM started with {@code -Dsmolsnake.native.library=path} says of the library. */
    private static List<String> status(String path) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-D" + NativeLibrary.PATH_PROPERTY + "=" + path,
                "-cp", System.getProperty("java.class.path"), NativeStatus.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }

    @Test
    void knownAnswers() {
        assumeTrue(NativeSha256.available(), NativeLibrary.status());
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                HexFormat.of().formatHex(new NativeSha256().digest()));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                HexFormat.of().formatHex(new NativeSha256().digest("abc".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", HexFormat.of().formatHex(
                new NativeSha256().digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
                        .getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void matchesTheJdkWhateverThePiecesTheDataComesIn() throws Exception {
        assumeTrue(NativeSha256.available(), NativeLibrary.status());
        Random random = new Random(2026);
        for (int round = 0; round < 400; round++) {
            byte[] data = new byte[random.nextInt(round < 300 ? 300 : 300_000)];
            random.nextBytes(data);
            MessageDigest jdk = MessageDigest.getInstance("SHA-256");
            NativeSha256 ours = new NativeSha256();
            MessageDigest half = null;
            int at = 0;
            while (at < data.length) {
                int n = Math.min(data.length - at, random.nextInt(5) == 0 ? 1 : random.nextInt(70_000));
                switch (random.nextInt(4)) {
                    case 0 -> ours.update(data, at, n);
                    case 1 -> ours.update(ByteBuffer.wrap(data, at, n));
                    case 2 -> {
                        ByteBuffer direct = ByteBuffer.allocateDirect(n + 7);
                        direct.position(7);
                        direct.put(data, at, n).position(7);
                        ours.update(direct);
                        assertEquals(n + 7, direct.position(), "the buffer is consumed");
                    }
                    default -> {
                        for (int i = at; i < at + Math.min(n, 3); i++) {
                            ours.update(data[i]);
                        }
                        ours.update(data, at + Math.min(n, 3), n - Math.min(n, 3));
                    }
                }
                jdk.update(data, at, n);
                at += n;
                if (half == null && at >= data.length / 2) {
                    half = (MessageDigest) ours.clone(); // a clone goes on from where the original is
                    half.update(data, at, data.length - at);
                }
            }
            byte[] expected = jdk.digest();
            assertArrayEquals(expected, ours.digest(), "round " + round + ", " + data.length + " bytes");
            if (half != null) {
                assertArrayEquals(expected, half.digest(), "the clone, round " + round);
            }
            // digest() starts again, as the JDK's does
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), ours.digest(data));
        }
    }

    @Test
    void resetForgetsWhatWasAdded() {
        assumeTrue(NativeSha256.available(), NativeLibrary.status());
        NativeSha256 sha = new NativeSha256();
        sha.update("something else".getBytes(StandardCharsets.UTF_8));
        sha.reset();
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                HexFormat.of().formatHex(sha.digest("abc".getBytes(StandardCharsets.US_ASCII))));
    }
}
