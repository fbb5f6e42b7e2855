/*
 * smolsnake's native library, for the two loops an install spends its CPU in:
 *
 * - inflate: libdeflate's whole-buffer DEFLATE decoder (NativeInflate.inflate0). libdeflate decodes
 *   about twice as fast as zlib (which java.util.zip.Inflater uses); a wheel member's compressed and
 *   inflated sizes are known from the zip's central directory, so the whole-buffer interface is all
 *   that is needed.
 * - SHA-256: OpenSSL's (NativeSha256), with the CPU's SHA instructions where it has them. The JDK's
 *   SHA-256 is as fast only once C2 has compiled it; with this, a short command needs no C2 at all.
 *   The digest's state lives in a Java byte array, so nothing here allocates or must be freed.
 *
 * Built by build.sh during the Maven build when gcc and the libraries' development files are
 * present, linked statically against libdeflate and libcrypto: the library needs nothing but libc.
 */
#define OPENSSL_SUPPRESS_DEPRECATED /* the SHA256_* functions: the one-call digest needs no EVP provider */
#include <jni.h>
#include <libdeflate.h>
#include <openssl/sha.h>
#include <string.h>

/* The interface's version: NativeLibrary loads a library only when it is the one it was built with. */
JNIEXPORT jint JNICALL Java_io_smolsnake_pypackaging_wheel_NativeLibrary_version0(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return 1;
}

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

/* The size of a SHA-256 state, for the Java array that holds it. */
JNIEXPORT jint JNICALL Java_io_smolsnake_pypackaging_wheel_NativeSha256_stateSize0(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return (jint) sizeof(SHA256_CTX);
}

static SHA256_CTX *state_of(JNIEnv *env, jbyteArray state) {
    if ((*env)->GetArrayLength(env, state) < (jsize) sizeof(SHA256_CTX)) {
        return NULL;
    }
    return (SHA256_CTX *) (*env)->GetPrimitiveArrayCritical(env, state, NULL);
}

JNIEXPORT void JNICALL Java_io_smolsnake_pypackaging_wheel_NativeSha256_init0(JNIEnv *env, jclass cls,
        jbyteArray state) {
    (void) cls;
    SHA256_CTX *ctx = state_of(env, state);
    if (ctx != NULL) {
        SHA256_Init(ctx);
        (*env)->ReleasePrimitiveArrayCritical(env, state, ctx, 0);
    }
}

/* Adds data[offset, offset + length) (bounds checked by the caller). */
JNIEXPORT void JNICALL Java_io_smolsnake_pypackaging_wheel_NativeSha256_update0(JNIEnv *env, jclass cls,
        jbyteArray state, jbyteArray data, jint offset, jint length) {
    (void) cls;
    SHA256_CTX *ctx = state_of(env, state);
    if (ctx == NULL) {
        return;
    }
    unsigned char *bytes = (unsigned char *) (*env)->GetPrimitiveArrayCritical(env, data, NULL);
    if (bytes != NULL) {
        SHA256_Update(ctx, bytes + offset, (size_t) length);
        (*env)->ReleasePrimitiveArrayCritical(env, data, bytes, JNI_ABORT);
    }
    (*env)->ReleasePrimitiveArrayCritical(env, state, ctx, 0);
}

/* Adds a direct buffer's bytes [offset, offset + length) (bounds checked by the caller). */
JNIEXPORT void JNICALL Java_io_smolsnake_pypackaging_wheel_NativeSha256_updateDirect0(JNIEnv *env, jclass cls,
        jbyteArray state, jobject buffer, jint offset, jint length) {
    (void) cls;
    unsigned char *bytes = (unsigned char *) (*env)->GetDirectBufferAddress(env, buffer);
    if (bytes == NULL) {
        return;
    }
    SHA256_CTX *ctx = state_of(env, state);
    if (ctx != NULL) {
        SHA256_Update(ctx, bytes + offset, (size_t) length);
        (*env)->ReleasePrimitiveArrayCritical(env, state, ctx, 0);
    }
}

/* Writes the digest (32 bytes) to out and starts the state again. */
JNIEXPORT void JNICALL Java_io_smolsnake_pypackaging_wheel_NativeSha256_final0(JNIEnv *env, jclass cls,
        jbyteArray state, jbyteArray out) {
    (void) cls;
    unsigned char md[SHA256_DIGEST_LENGTH];
    SHA256_CTX *ctx = state_of(env, state);
    if (ctx == NULL) {
        return;
    }
    SHA256_Final(md, ctx);
    SHA256_Init(ctx);
    (*env)->ReleasePrimitiveArrayCritical(env, state, ctx, 0);
    (*env)->SetByteArrayRegion(env, out, 0, SHA256_DIGEST_LENGTH, (const jbyte *) md);
}
