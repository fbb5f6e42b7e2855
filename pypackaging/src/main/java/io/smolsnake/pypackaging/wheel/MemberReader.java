package io.smolsnake.pypackaging.wheel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Reads members of an open zip archive with positional reads, from any number of threads at once:
 * one read for a member's local header and compressed data together (in chunks for a large one), no
 * lock shared between threads. {@link java.util.zip.ZipFile} reads through one synchronized
 * seek-and-read per few kilobytes, which the threads writing one wheel's members waited on.
 *
 * <p>Deflated members are inflated by {@link NativeInflate} (libdeflate) where it is available, in
 * one piece, else as they are read by the JDK's {@link Inflater}. Either way a member must inflate
 * to exactly the size its central directory record gives, or reading it fails with a {@link
 * ZipException} naming the member.
 *
 * <p>Buffers and inflaters are pooled for the whole process, for every archive: a fresh direct
 * buffer costs the kernel a page fault per page and the JDK a pass to zero it, which for buffers
 * sized to each member came to a quarter of a second of CPU on a lock of numpy, scipy and
 * scikit-learn. Small members (up to {@link #SMALL_MEMBER}) use sets of buffers of at most twice
 * that; a larger member is inflated in one piece only when one of {@link #LARGE_SETS} large sets is
 * free (else it is streamed through the JDK's Inflater), so that at most that many large buffers
 * are ever made.
 */
final class MemberReader {
    /** The largest member inflated in one piece (larger ones are streamed through the JDK's Inflater). */
    static final int WHOLE_LIMIT = 32 << 20;
    /** Members up to this size are read with the small buffer sets. */
    static final int SMALL_MEMBER = 1 << 20;
    /** How many large buffer sets there are at most. */
    static final int LARGE_SETS = 2;
    /** Most small buffer sets kept in the pool. */
    private static final int POOLED = 16;
    private static final int CHUNK = 256 << 10;
    private static final int LOCAL_SIG = 0x04034b50;
    private static final int LOCAL_HEADER = 30;
    /** Room for the local header's name and extra field read ahead with the data. */
    private static final int HEADER_SLACK = 512;
    private static final Pool SMALL = new Pool(POOLED);
    private static final Pool LARGE = new Pool(LARGE_SETS);
    private static final Semaphore LARGE_FREE = new Semaphore(LARGE_SETS);

    private final FileChannel channel;
    private final String archive;
    private final boolean nativeInflate;

    /**
     * @param channel the archive, open for reading (closed by the caller once no stream is open)
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
        boolean small = member.size() <= SMALL_MEMBER && member.compressedSize() <= 2L * SMALL_MEMBER;
        boolean whole = member.method() == 0 ? small
                : nativeInflate && (small || member.size() <= WHOLE_LIMIT && member.compressedSize() <= WHOLE_LIMIT
                        && LARGE_FREE.tryAcquire());
        boolean large = whole && !small;
        Scratch scratch = large ? LARGE.take() : SMALL.take();
        try {
            int ahead = (int) Math.min(whole ? member.compressedSize() : CHUNK, member.compressedSize());
            ByteBuffer in = scratch.input(LOCAL_HEADER + HEADER_SLACK + ahead, large);
            long dataStart = readHeader(member, in, ahead);
            if (whole && member.method() == 0) {
                return new BufferStream(in.slice(in.position(), (int) member.size()), scratch, large);
            }
            if (whole) {
                return inflateWhole(member, in, scratch, large);
            }
            return new Streaming(member, dataStart, in, scratch);
        } catch (IOException | RuntimeException e) {
            release(scratch, large);
            throw e;
        }
    }

    private static void release(Scratch scratch, boolean large) {
        if (large) {
            LARGE.give(scratch);
            LARGE_FREE.release();
        } else {
            SMALL.give(scratch);
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

    private InputStream inflateWhole(CentralDirectory.Member member, ByteBuffer in, Scratch scratch, boolean large)
            throws IOException {
        int size = (int) member.size();
        ByteBuffer data = in.slice();
        // one byte more than the central directory says, so that a member inflating to more is caught
        ByteBuffer out = scratch.output(size + 1, large);
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
        return new BufferStream(out.slice(0, size), scratch, large);
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

    /** Idle buffer sets, at most {@code most} of them. */
    private static final class Pool {
        private final ConcurrentLinkedQueue<Scratch> idle = new ConcurrentLinkedQueue<>();
        private final AtomicInteger count = new AtomicInteger();
        private final int most;

        Pool(int most) {
            this.most = most;
        }

        Scratch take() {
            Scratch scratch = idle.poll();
            if (scratch == null) {
                return new Scratch();
            }
            count.decrementAndGet();
            return scratch;
        }

        void give(Scratch scratch) {
            if (count.incrementAndGet() > most) {
                count.decrementAndGet();
                scratch.end();
                return;
            }
            idle.add(scratch);
        }
    }

    /** One stream's buffers and inflater, pooled between streams. */
    private static final class Scratch {
        private ByteBuffer in;
        private ByteBuffer out;
        private Inflater inflater;

        ByteBuffer input(int capacity, boolean large) {
            if (in == null || in.capacity() < capacity) {
                in = ByteBuffer.allocateDirect(sizeFor(capacity, large)).order(ByteOrder.LITTLE_ENDIAN);
            }
            return in;
        }

        ByteBuffer output(int capacity, boolean large) {
            if (out == null || out.capacity() < capacity) {
                out = ByteBuffer.allocateDirect(sizeFor(capacity, large));
            }
            return out;
        }

        /**
         * A small set's buffers grow to the next power of two (at least 64 KiB), a large set's to the
         * next 4 MiB: a buffer grown once serves the members after it.
         */
        private static int sizeFor(int capacity, boolean large) {
            if (large) {
                long rounded = ((long) capacity + (4 << 20) - 1) & ~((4L << 20) - 1);
                return (int) Math.min(Integer.MAX_VALUE - 8, rounded);
            }
            return Math.max(64 << 10, Integer.highestOneBit(Math.max(1, capacity - 1)) << 1);
        }

        Inflater inflater() {
            if (inflater == null) {
                inflater = new Inflater(true);
            } else {
                inflater.reset();
            }
            return inflater;
        }

        void end() {
            if (inflater != null) {
                inflater.end();
                inflater = null;
            }
            in = null;
            out = null;
        }
    }

    /** A member already in memory. */
    private static final class BufferStream extends InputStream {
        private final ByteBuffer content;
        private final boolean large;
        private Scratch scratch;

        BufferStream(ByteBuffer content, Scratch scratch, boolean large) {
            this.content = content;
            this.scratch = scratch;
            this.large = large;
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
                release(scratch, large);
                scratch = null;
            }
        }
    }

    /**
     * A member read a chunk at a time as it is read: inflated by the JDK's Inflater, or, stored,
     * passed on as it is.
     */
    private final class Streaming extends InputStream {
        private final CentralDirectory.Member member;
        private final Inflater inflater;
        private final ByteBuffer in;
        private long nextRead;
        private long unread;
        private long inflated;
        private Scratch scratch;

        Streaming(CentralDirectory.Member member, long dataStart, ByteBuffer in, Scratch scratch) {
            this.member = member;
            this.in = in;
            this.scratch = scratch;
            this.inflater = member.method() == 0 ? null : scratch.inflater();
            this.nextRead = dataStart + in.remaining();
            this.unread = member.compressedSize() - in.remaining();
            if (inflater != null) {
                inflater.setInput(in);
            }
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
            if (inflater == null) {
                return readStored(b, off, len);
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
                        refill();
                        inflater.setInput(in);
                    }
                }
            } catch (DataFormatException e) {
                throw new ZipException("entry " + member.name() + "'s compressed data is corrupt: " + e.getMessage());
            }
        }

        private int readStored(byte[] b, int off, int len) throws IOException {
            if (!in.hasRemaining()) {
                if (unread == 0) {
                    return -1;
                }
                refill();
            }
            int n = Math.min(len, in.remaining());
            in.get(b, off, n);
            return n;
        }

        private void refill() throws IOException {
            int n = (int) Math.min(unread, in.capacity());
            readFully(in.clear().limit(n), nextRead);
            in.flip();
            nextRead += n;
            unread -= n;
        }

        @Override
        public void close() {
            if (scratch != null) {
                release(scratch, false);
                scratch = null;
            }
        }
    }
}
