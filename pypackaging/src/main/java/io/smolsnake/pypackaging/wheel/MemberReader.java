package io.smolsnake.pypackaging.wheel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Reads members of an open zip archive with positional reads, from any number of threads at once:
 * one read for a member's local header and compressed data together (in chunks for a large one), no
 * lock shared between threads. {@link java.util.zip.ZipFile} reads through one synchronized
 * seek-and-read per few kilobytes, which the threads writing one wheel's members waited on.
 *
 * <p>Deflated members are inflated by {@link NativeInflate} (libdeflate) where it is available and
 * the member is at most {@link #WHOLE_LIMIT} bytes, else by the JDK's {@link Inflater}. Either way a
 * member must inflate to exactly the size its central directory record gives, or reading it fails
 * with a {@link ZipException} naming the member. Buffers and inflaters are kept for reuse until
 * {@link #close()}.
 */
final class MemberReader implements AutoCloseable {
    /** The largest member inflated in one piece (larger ones are streamed through the JDK's Inflater). */
    static final int WHOLE_LIMIT = 32 << 20;
    private static final int CHUNK = 256 << 10;
    private static final int LOCAL_SIG = 0x04034b50;
    private static final int LOCAL_HEADER = 30;
    /** Room for the local header's name and extra field read ahead with the data. */
    private static final int HEADER_SLACK = 512;

    private final FileChannel channel;
    private final String archive;
    private final boolean nativeInflate;
    private final ConcurrentLinkedQueue<Scratch> idle = new ConcurrentLinkedQueue<>();

    /**
     * @param channel the archive, open for reading (closed by the caller, after this reader)
     * @param archive the archive's name, for messages
     * @param nativeInflate whether to use {@link NativeInflate} where it is available
     */
    MemberReader(FileChannel channel, String archive, boolean nativeInflate) {
        this.channel = channel;
        this.archive = archive;
        this.nativeInflate = nativeInflate && NativeInflate.available();
    }

    /** The content of {@code member}; the caller closes the stream (which returns its buffers). */
    InputStream open(CentralDirectory.Member member) throws IOException {
        if (member.method() != 0 && member.method() != 8) {
            throw new ZipException("entry " + member.name() + " is compressed with method " + member.method()
                    + "; a wheel's members are stored or deflated");
        }
        if (member.method() == 0 && member.compressedSize() != member.size()) {
            throw new ZipException("entry " + member.name() + " is stored, but its sizes differ ("
                    + member.compressedSize() + " and " + member.size() + " bytes)");
        }
        Scratch scratch = take();
        try {
            boolean whole = member.compressedSize() <= WHOLE_LIMIT
                    && (member.method() == 0 || nativeInflate && member.size() <= WHOLE_LIMIT);
            int ahead = (int) Math.min(whole ? member.compressedSize() : CHUNK, member.compressedSize());
            ByteBuffer in = scratch.input(LOCAL_HEADER + HEADER_SLACK + ahead);
            long dataStart = readHeader(member, in, ahead);
            if (whole && member.method() == 0) {
                return new BufferStream(in.slice(in.position(), (int) member.size()), scratch);
            }
            if (whole) {
                return inflateWhole(member, in, scratch);
            }
            return new Inflating(member, dataStart, in, scratch);
        } catch (IOException | RuntimeException e) {
            give(scratch);
            throw e;
        }
    }

    /**
     * Reads the local header and, after it, up to {@code ahead} bytes of the member's data into
     * {@code in}; leaves {@code in}'s position at the data and its limit after what was read of it.
     * Returns the data's offset in the archive.
     */
    private long readHeader(CentralDirectory.Member member, ByteBuffer in, int ahead) throws IOException {
        long at = member.localHeader();
        long end = channel.size();
        int want = (int) Math.min(LOCAL_HEADER + HEADER_SLACK + ahead, end - at);
        if (want < LOCAL_HEADER) {
            throw new ZipException("entry " + member.name() + "'s local header lies past the end of the archive");
        }
        readFully(in.clear().limit(want), at);
        in.flip();
        if (in.getInt(0) != LOCAL_SIG) {
            throw new ZipException("entry " + member.name() + " has no local header where the central directory"
                    + " says (offset " + at + ")");
        }
        int skip = LOCAL_HEADER + Short.toUnsignedInt(in.getShort(26)) + Short.toUnsignedInt(in.getShort(28));
        long dataStart = at + skip;
        if (dataStart + member.compressedSize() > end) {
            throw new ZipException("entry " + member.name() + "'s data runs past the end of the archive");
        }
        if (skip + ahead > in.capacity()) { // a long local extra field: read the data again, at its place
            readFully(in.clear().limit(ahead), dataStart);
            in.flip();
        } else {
            int have = in.limit();
            if (have < skip + ahead) {
                readFully(in.limit(skip + ahead).position(have), at + have);
            }
            in.limit(skip + ahead).position(skip);
        }
        return dataStart;
    }

    private InputStream inflateWhole(CentralDirectory.Member member, ByteBuffer in, Scratch scratch)
            throws IOException {
        int size = (int) member.size();
        ByteBuffer data = in.slice();
        // one byte more than the central directory says, so that a member inflating to more is caught
        ByteBuffer out = scratch.output(size + 1);
        long inflated = NativeInflate.inflate0(data, data.remaining(), out, size + 1);
        if (inflated == NativeInflate.CORRUPT) {
            throw new ZipException("entry " + member.name() + "'s compressed data is corrupt");
        }
        if (inflated == NativeInflate.TOO_LONG || inflated > size) {
            throw new ZipException("entry " + member.name() + " inflates to more than the " + size
                    + " bytes its central directory record says");
        }
        if (inflated < 0) {
            throw new IOException("entry " + member.name() + " could not be inflated (native inflate: " + inflated + ")");
        }
        if (inflated != size) {
            throw new ZipException("entry " + member.name() + " inflates to " + inflated + " bytes, but its"
                    + " central directory record says " + size);
        }
        return new BufferStream(out.slice(0, size), scratch);
    }

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new ZipException(archive + " ends at offset " + at + ", inside a member");
            }
            at += n;
        }
    }

    private Scratch take() {
        Scratch scratch = idle.poll();
        return scratch != null ? scratch : new Scratch();
    }

    private void give(Scratch scratch) {
        idle.add(scratch);
    }

    @Override
    public void close() {
        Scratch scratch;
        while ((scratch = idle.poll()) != null) {
            if (scratch.inflater != null) {
                scratch.inflater.end();
            }
        }
    }

    /** One reader's buffers, reused member after member. */
    private static final class Scratch {
        private ByteBuffer in;
        private ByteBuffer out;
        private Inflater inflater;

        ByteBuffer input(int capacity) {
            if (in == null || in.capacity() < capacity) {
                in = ByteBuffer.allocateDirect(Math.max(capacity, 64 << 10)).order(ByteOrder.LITTLE_ENDIAN);
            }
            return in;
        }

        ByteBuffer output(int capacity) {
            if (out == null || out.capacity() < capacity) {
                out = ByteBuffer.allocateDirect(Math.max(capacity, 64 << 10));
            }
            return out;
        }

        Inflater inflater() {
            if (inflater == null) {
                inflater = new Inflater(true);
            } else {
                inflater.reset();
            }
            return inflater;
        }
    }

    /** A member already in memory. */
    private final class BufferStream extends InputStream {
        private final ByteBuffer content;
        private Scratch scratch;

        BufferStream(ByteBuffer content, Scratch scratch) {
            this.content = content;
            this.scratch = scratch;
        }

        @Override
        public int read() {
            return content.hasRemaining() ? content.get() & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (!content.hasRemaining()) {
                return -1;
            }
            int n = Math.min(len, content.remaining());
            content.get(b, off, n);
            return n;
        }

        @Override
        public int available() {
            return content.remaining();
        }

        @Override
        public void close() {
            if (scratch != null) {
                give(scratch);
                scratch = null;
            }
        }
    }

    /** A deflated member inflated as it is read, its compressed data read a chunk at a time. */
    private final class Inflating extends InputStream {
        private final CentralDirectory.Member member;
        private final Inflater inflater;
        private final ByteBuffer in;
        private long nextRead;
        private long unread;
        private long inflated;
        private Scratch scratch;

        Inflating(CentralDirectory.Member member, long dataStart, ByteBuffer in, Scratch scratch) {
            this.member = member;
            this.in = in;
            this.scratch = scratch;
            this.inflater = scratch.inflater();
            this.nextRead = dataStart + in.remaining();
            this.unread = member.compressedSize() - in.remaining();
            inflater.setInput(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            try {
                while (true) {
                    int n = inflater.inflate(b, off, len);
                    if (n > 0) {
                        inflated += n;
                        if (inflated > member.size()) {
                            throw new ZipException("entry " + member.name() + " inflates to more than the "
                                    + member.size() + " bytes its central directory record says");
                        }
                        return n;
                    }
                    if (inflater.finished()) {
                        if (inflated != member.size()) {
                            throw new ZipException("entry " + member.name() + " inflates to " + inflated
                                    + " bytes, but its central directory record says " + member.size());
                        }
                        return -1;
                    }
                    if (inflater.needsDictionary()) {
                        throw new ZipException("entry " + member.name() + "'s compressed data is corrupt");
                    }
                    if (inflater.needsInput()) {
                        if (unread == 0) {
                            throw new ZipException("entry " + member.name() + "'s compressed data ends early");
                        }
                        int n2 = (int) Math.min(unread, in.capacity());
                        readFully(in.clear().limit(n2), nextRead);
                        in.flip();
                        nextRead += n2;
                        unread -= n2;
                        inflater.setInput(in);
                    }
                }
            } catch (DataFormatException e) {
                throw new ZipException("entry " + member.name() + "'s compressed data is corrupt: " + e.getMessage());
            }
        }

        @Override
        public void close() {
            if (scratch != null) {
                give(scratch);
                scratch = null;
            }
        }
    }
}
