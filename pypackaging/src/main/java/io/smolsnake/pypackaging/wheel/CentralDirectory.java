package io.smolsnake.pypackaging.wheel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a zip's central directory: every entry in archive order (duplicates included) with its Unix
 * mode from the external attributes, and where its data lies ({@link MemberReader} reads it).
 */
final class CentralDirectory {
    private static final int EOCD_SIG = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIG = 0x07064b50;
    private static final int ZIP64_EOCD_SIG = 0x06064b50;
    private static final int CEN_SIG = 0x02014b50;
    private static final int EOCD_SIZE = 22;

    /**
     * One central directory record: its name, the Unix mode bits (0 where none were stored), its
     * compression method, its compressed and uncompressed sizes, and the offset of its local header.
     */
    record Member(String name, int unixMode, int method, long compressedSize, long size, long localHeader) {
        boolean isDirectory() {
            return name.endsWith("/");
        }

        boolean isExecutable() {
            return (unixMode & 0170000) != 0120000 && (unixMode & 0111) != 0;
        }

        boolean isSymlink() {
            return (unixMode & 0170000) == 0120000;
        }
    }

    private CentralDirectory() {}

    /** The members in archive order, or an {@link IOException} naming what is malformed. */
    static List<Member> read(FileChannel channel) throws IOException {
        long fileSize = channel.size();
        if (fileSize < EOCD_SIZE) {
            throw new IOException("too short to be a zip archive (" + fileSize + " bytes)");
        }
        int tailLength = (int) Math.min(fileSize, EOCD_SIZE + 0xFFFF);
        ByteBuffer tail = readAt(channel, fileSize - tailLength, tailLength);
        int eocd = -1;
        for (int i = tailLength - EOCD_SIZE; i >= 0; i--) {
            if (tail.getInt(i) == EOCD_SIG) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw new IOException("no end of central directory record: not a zip archive");
        }
        long count = Short.toUnsignedInt(tail.getShort(eocd + 10));
        long cenSize = Integer.toUnsignedLong(tail.getInt(eocd + 12));
        long cenOffset = Integer.toUnsignedLong(tail.getInt(eocd + 16));
        if (count == 0xFFFF || cenSize == 0xFFFFFFFFL || cenOffset == 0xFFFFFFFFL) {
            int locator = eocd - 20;
            if (locator < 0 || tail.getInt(locator) != ZIP64_LOCATOR_SIG) {
                throw new IOException("zip64 end of central directory locator missing");
            }
            long zip64Offset = tail.getLong(locator + 8);
            ByteBuffer z = readAt(channel, zip64Offset, 56);
            if (z.getInt(0) != ZIP64_EOCD_SIG) {
                throw new IOException("zip64 end of central directory record missing");
            }
            count = z.getLong(32);
            cenSize = z.getLong(40);
            cenOffset = z.getLong(48);
        }
        if (cenOffset < 0 || cenSize < 0 || cenOffset + cenSize > fileSize || cenSize > Integer.MAX_VALUE) {
            throw new IOException("central directory lies outside the file");
        }
        ByteBuffer cen = readAt(channel, cenOffset, (int) cenSize);
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<Member> members = new ArrayList<>();
        byte[] nameBytes = new byte[0xFFFF];
        int pos = 0;
        while (pos + 46 <= cenSize && cen.getInt(pos) == CEN_SIG) {
            int method = Short.toUnsignedInt(cen.getShort(pos + 10));
            long compressed = Integer.toUnsignedLong(cen.getInt(pos + 20));
            long size = Integer.toUnsignedLong(cen.getInt(pos + 24));
            int nameLength = Short.toUnsignedInt(cen.getShort(pos + 28));
            int extraLength = Short.toUnsignedInt(cen.getShort(pos + 30));
            int commentLength = Short.toUnsignedInt(cen.getShort(pos + 32));
            int external = cen.getInt(pos + 38);
            long localHeader = Integer.toUnsignedLong(cen.getInt(pos + 42));
            if (pos + 46L + nameLength + extraLength > cenSize) {
                throw new IOException("central directory entry " + members.size() + " is truncated");
            }
            String name;
            cen.get(pos + 46, nameBytes, 0, nameLength);
            if (isAscii(nameBytes, nameLength)) { // nearly every name: no decoder needed
                name = new String(nameBytes, 0, nameLength, StandardCharsets.ISO_8859_1);
            } else {
                try {
                    name = decoder.decode(cen.slice(pos + 46, nameLength)).toString();
                } catch (CharacterCodingException e) {
                    throw new IOException("entry " + members.size() + " has a name that is not UTF-8", e);
                }
            }
            if (size == 0xFFFFFFFFL || compressed == 0xFFFFFFFFL || localHeader == 0xFFFFFFFFL) {
                // the zip64 extra field holds, in this order, those of the three that did not fit
                long[] values = {size, compressed, localHeader};
                zip64(cen, pos + 46 + nameLength, extraLength, values, name);
                size = values[0];
                compressed = values[1];
                localHeader = values[2];
            }
            if (compressed < 0 || size < 0 || localHeader < 0 || localHeader + compressed > cenOffset) {
                throw new IOException("entry " + name + " lies outside the archive's data");
            }
            members.add(new Member(name, external >>> 16, method, compressed, size, localHeader));
            pos += 46 + nameLength + extraLength + commentLength;
        }
        if (members.size() != count) {
            throw new IOException("central directory lists " + count + " entries but holds " + members.size());
        }
        return members;
    }

    private static boolean isAscii(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Reads the zip64 extended information for the values in {@code values} that are 0xFFFFFFFF. */
    private static void zip64(ByteBuffer cen, int start, int length, long[] values, String name) throws IOException {
        int pos = start;
        int end = start + length;
        while (pos + 4 <= end) {
            int id = Short.toUnsignedInt(cen.getShort(pos));
            int size = Short.toUnsignedInt(cen.getShort(pos + 2));
            if (pos + 4 + size > end) {
                break;
            }
            if (id == 0x0001) {
                int at = pos + 4;
                for (int i = 0; i < values.length; i++) {
                    if (values[i] == 0xFFFFFFFFL) {
                        if (at + 8 > pos + 4 + size) {
                            throw new IOException("entry " + name + " has a truncated zip64 extra field");
                        }
                        values[i] = cen.getLong(at);
                        at += 8;
                    }
                }
                return;
            }
            pos += 4 + size;
        }
        throw new IOException("entry " + name + " needs a zip64 extra field and has none");
    }

    private static ByteBuffer readAt(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file at offset " + (position + buffer.position()));
            }
        }
        return buffer.flip().order(ByteOrder.LITTLE_ENDIAN);
    }
}
