package io.smolsnake.pypackaging.project;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * One logical line of a requirements file (continuation lines joined) in which every character
 * remembers the physical line and column it came from, so that a problem found after joining,
 * stripping comments and expanding variables is still reported where the user wrote it.
 */
final class LogicalLine {
    private final Path file;
    private final String[] physical;
    private final StringBuilder text = new StringBuilder();
    private int[] lines = new int[16];
    private int[] columns = new int[16];

    LogicalLine(Path file, String[] physical) {
        this.file = file;
        this.physical = physical;
    }

    /** Appends {@code s}, which starts at 1-based {@code line} and {@code column}. */
    void append(String s, int line, int column) {
        for (int i = 0; i < s.length(); i++) {
            add(s.charAt(i), line, column + i);
        }
    }

    private void add(char c, int line, int column) {
        int n = text.length();
        if (n == lines.length) {
            lines = Arrays.copyOf(lines, n * 2);
            columns = Arrays.copyOf(columns, n * 2);
        }
        text.append(c);
        lines[n] = line;
        columns[n] = column;
    }

    String text() {
        return text.toString();
    }

    boolean isEmpty() {
        return text.length() == 0;
    }

    /** Keeps the characters in {@code [start, end)}. */
    LogicalLine slice(int start, int end) {
        LogicalLine out = new LogicalLine(file, physical);
        for (int i = start; i < end; i++) {
            out.add(text.charAt(i), lines[i], columns[i]);
        }
        return out;
    }

    /** Replaces {@code [start, end)} by {@code replacement}, whose characters take the position of {@code start}. */
    LogicalLine replace(int start, int end, String replacement) {
        LogicalLine out = slice(0, start);
        for (int i = 0; i < replacement.length(); i++) {
            out.add(replacement.charAt(i), lines[start], columns[start]);
        }
        LogicalLine rest = slice(end, text.length());
        for (int i = 0; i < rest.text.length(); i++) {
            out.add(rest.text.charAt(i), rest.lines[i], rest.columns[i]);
        }
        return out;
    }

    /** Where the character at {@code index} was written (the end of the line for {@code index == length}). */
    Origin origin(int index) {
        if (text.length() == 0) {
            return Origin.line(file, 1, 1, "");
        }
        int i = Math.min(index, text.length() - 1);
        int column = columns[i] + (index > i ? 1 : 0);
        return Origin.line(file, lines[i], column, physical[lines[i] - 1]);
    }

    /** A problem over {@code [start, end)} of this line, reported at its physical position. */
    ProjectInputException.Problem problem(int start, int end, String reason) {
        Origin at = origin(start);
        int width = 1;
        if (end > start && end <= text.length() && lines[end - 1] == at.line()) {
            width = columns[end - 1] - at.column() + 1;
        }
        return ProjectInputException.Problem.at(at, at.column(), width, reason);
    }
}
