package io.smolsnake.pypackaging.wheel;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * SHA-256 by OpenSSL, from {@link NativeLibrary} (with the CPU's SHA instructions where it has
 * them), as a {@link MessageDigest}: {@link Digests#sha256()} gives one where the library is loaded.
 * The JDK's SHA-256 is as fast only once C2 has compiled it; with this, {@code bin/smolsnake} runs a
 * short command with C1 alone, which compiles less and whose code has no profiling to do. The state
 * is a Java array, so an instance holds nothing that must be freed.
 */
final class NativeSha256 extends MessageDigest implements Cloneable {
    private static final int STATE_SIZE = NativeLibrary.loaded() ? stateSize0() : 0;

    private byte[] state = new byte[STATE_SIZE];

    NativeSha256() {
        super("SHA-256");
        if (!available()) {
            throw new IllegalStateException("the native library is not loaded: " + NativeLibrary.status());
        }
        init0(state);
    }

    /** Whether instances can be made. */
    static boolean available() {
        return NativeLibrary.loaded() && STATE_SIZE > 0;
    }

    @Override
    protected void engineUpdate(byte input) {
        update0(state, new byte[] {input}, 0, 1);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
        Objects.checkFromIndexSize(offset, len, input.length);
        if (len > 0) {
            update0(state, input, offset, len);
        }
    }

    @Override
    protected void engineUpdate(ByteBuffer input) {
        int len = input.remaining();
        if (len <= 0) {
            return;
        }
        if (input.isDirect()) {
            updateDirect0(state, input, input.position(), len);
            input.position(input.limit());
        } else if (input.hasArray()) {
            update0(state, input.array(), input.arrayOffset() + input.position(), len);
            input.position(input.limit());
        } else {
            super.engineUpdate(input);
        }
    }

    @Override
    protected byte[] engineDigest() {
        byte[] out = new byte[32];
        final0(state, out); // and starts again
        return out;
    }

    @Override
    protected int engineGetDigestLength() {
        return 32;
    }

    @Override
    protected void engineReset() {
        init0(state);
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        NativeSha256 copy = (NativeSha256) super.clone();
        copy.state = state.clone();
        return copy;
    }

    private static native int stateSize0();

    private static native void init0(byte[] state);

    private static native void update0(byte[] state, byte[] data, int offset, int length);

    private static native void updateDirect0(byte[] state, ByteBuffer data, int offset, int length);

    private static native void final0(byte[] state, byte[] out);
}
