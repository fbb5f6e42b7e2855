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
 * Reads a zip's central directory for what {@link java.util.zip.ZipFile} does not tell: every
 * entry in archive order (duplicates included) with its Unix mode from the external attributes.
 */
final class CentralDirectory {
    private static final int EOCD_SIG = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIG = 0x07064b50;
    private static final int ZIP64_EOCD_SIG = 0x06064b50;
    private static final int CEN_SIG = 0x02014b50;
    private static final int EOCD_SIZE = 22;

    /** One central directory record: its name and the Unix mode bits (0 where none were stored). */
    record Member(String name, int unixMode) {
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
        int pos = 0;
        while (pos + 46 <= cenSize && cen.getInt(pos) == CEN_SIG) {
            int nameLength = Short.toUnsignedInt(cen.getShort(pos + 28));
            int extraLength = Short.toUnsignedInt(cen.getShort(pos + 30));
            int commentLength = Short.toUnsignedInt(cen.getShort(pos + 32));
            int external = cen.getInt(pos + 38);
            if (pos + 46 + nameLength > cenSize) {
                throw new IOException("central directory entry " + members.size() + " is truncated");
            }
            String name;
            try {
                name = decoder.decode(cen.slice(pos + 46, nameLength)).toString();
            } catch (CharacterCodingException e) {
                throw new IOException("entry " + members.size() + " has a name that is not UTF-8", e);
            }
            members.add(new Member(name, external >>> 16));
            pos += 46 + nameLength + extraLength + commentLength;
        }
        if (members.size() != count) {
            throw new IOException("central directory lists " + count + " entries but holds " + members.size());
        }
        return members;
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
