package io.smolsnake.pypackaging.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Random access to the bytes of a file that may be local or remote (HTTP {@code Range}). */
public interface RangeReader extends Closeable {

    /** The total size in bytes. */
    long size() throws IOException;

    /**
     * Exactly {@code length} bytes starting at {@code offset}.
     *
     * @throws IOException when the range lies outside the file or cannot be read
     */
    byte[] read(long offset, int length) throws IOException;

    @Override
    default void close() throws IOException {}

    /** A reader over a local file. */
    static RangeReader of(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        return new RangeReader() {
            @Override
            public long size() throws IOException {
                return channel.size();
            }

            @Override
            public byte[] read(long offset, int length) throws IOException {
                RangeReaders.checkRange(offset, length, channel.size(), file.toString());
                ByteBuffer buffer = ByteBuffer.allocate(length);
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, offset + buffer.position()) < 0) {
                        throw new IOException("unexpected end of " + file + " at " + (offset + buffer.position()));
                    }
                }
                return buffer.array();
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    /** A reader over bytes in memory. */
    static RangeReader of(byte[] bytes) {
        return new RangeReader() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public byte[] read(long offset, int length) throws IOException {
                RangeReaders.checkRange(offset, length, bytes.length, "in-memory file");
                return java.util.Arrays.copyOfRange(bytes, (int) offset, (int) offset + length);
            }
        };
    }
}
