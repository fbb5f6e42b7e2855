/*
 * smolsnake's native inflate: libdeflate's whole-buffer DEFLATE decoder behind one JNI function,
 * io.smolsnake.pypackaging.wheel.NativeInflate.inflate0. libdeflate decodes about twice as fast as
 * zlib (which java.util.zip.Inflater uses); a wheel member's compressed and inflated sizes are known
 * from the zip's central directory, so the whole-buffer interface is all that is needed.
 * Built by build.sh during the Maven build when gcc and libdeflate's headers are present, linked
 * statically against libdeflate: the library needs nothing but libc.
 */
#include <jni.h>
#include <libdeflate.h>

/*
 * Inflates in[0, inLength) (raw DEFLATE) into out[0, outCapacity), both direct buffers.
 * Returns the inflated size, or a negative code: -1 corrupt data, -3 more than outCapacity bytes,
 * -100 a buffer that is not direct, -101 no memory.
 */
JNIEXPORT jlong JNICALL Java_io_smolsnake_pypackaging_wheel_NativeInflate_inflate0(
        JNIEnv *env, jclass cls, jobject in, jint inLength, jobject out, jint outCapacity) {
    (void) cls;
    void *source = (*env)->GetDirectBufferAddress(env, in);
    void *target = (*env)->GetDirectBufferAddress(env, out);
    if (source == NULL || target == NULL || inLength < 0 || outCapacity < 0
            || (*env)->GetDirectBufferCapacity(env, in) < inLength
            || (*env)->GetDirectBufferCapacity(env, out) < outCapacity) {
        return -100;
    }
    struct libdeflate_decompressor *decompressor = libdeflate_alloc_decompressor();
    if (decompressor == NULL) {
        return -101;
    }
    size_t inflated = 0;
    enum libdeflate_result result = libdeflate_deflate_decompress(decompressor, source, (size_t) inLength,
            target, (size_t) outCapacity, &inflated);
    libdeflate_free_decompressor(decompressor);
    switch (result) {
        case LIBDEFLATE_SUCCESS: return (jlong) inflated;
        case LIBDEFLATE_INSUFFICIENT_SPACE: return -3;
        default: return -1;
    }
}
