package io.smolsnake.pypackaging.wheel;

/** Prints {@link NativeLibrary#status()} and what a digest is, for tests that start a JVM of their own. */
public final class NativeStatus {
    private NativeStatus() {}

    public static void main(String[] args) {
        System.out.println(NativeLibrary.status());
        System.out.println(Digests.sha256() instanceof NativeSha256 ? "native" : "jdk");
    }
}
