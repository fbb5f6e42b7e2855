package io.smolsnake.pypackaging.resolver;

import java.util.ArrayList;
import java.util.List;

/** A set of integers as sorted half-open intervals: the smallest {@link VersionSet} for solver tests. */
record IntSet(List<int[]> ranges) implements VersionSet<IntSet, Integer> {
    static final int MIN = Integer.MIN_VALUE;
    static final int MAX = Integer.MAX_VALUE;

    static IntSet full() {
        return new IntSet(List.of(new int[] {MIN, MAX}));
    }

    static IntSet empty() {
        return new IntSet(List.of());
    }

    /** {@code [from, to)}. */
    static IntSet between(int from, int to) {
        return from >= to ? empty() : new IntSet(List.of(new int[] {from, to}));
    }

    static IntSet exactly(int v) {
        return between(v, v + 1);
    }

    @Override
    public IntSet complement() {
        List<int[]> out = new ArrayList<>();
        int start = MIN;
        for (int[] r : ranges) {
            if (r[0] > start) {
                out.add(new int[] {start, r[0]});
            }
            start = r[1];
        }
        if (start < MAX) {
            out.add(new int[] {start, MAX});
        }
        return new IntSet(out);
    }

    @Override
    public IntSet intersection(IntSet other) {
        List<int[]> out = new ArrayList<>();
        for (int[] a : ranges) {
            for (int[] b : other.ranges) {
                int lo = Math.max(a[0], b[0]);
                int hi = Math.min(a[1], b[1]);
                if (lo < hi) {
                    out.add(new int[] {lo, hi});
                }
            }
        }
        return new IntSet(out);
    }

    @Override
    public IntSet union(IntSet other) {
        return complement().intersection(other.complement()).complement();
    }

    @Override
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    @Override
    public boolean contains(Integer v) {
        return ranges.stream().anyMatch(r -> r[0] <= v && v < r[1]);
    }

    @Override
    public String toString() {
        if (ranges.isEmpty()) {
            return "∅";
        }
        List<String> parts = new ArrayList<>();
        for (int[] r : ranges) {
            if (r[0] == MIN && r[1] == MAX) {
                parts.add("*");
            } else if (r[1] == r[0] + 1) {
                parts.add("==" + r[0]);
            } else if (r[0] == MIN) {
                parts.add("<" + r[1]);
            } else if (r[1] == MAX) {
                parts.add(">=" + r[0]);
            } else {
                parts.add(">=" + r[0] + ",<" + r[1]);
            }
        }
        return String.join(" | ", parts);
    }
}
