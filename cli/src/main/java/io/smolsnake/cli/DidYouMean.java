package io.smolsnake.cli;

import java.util.ArrayList;
import java.util.List;

/** Which known names a mistyped one is close to, for "Did you mean" in usage errors. */
final class DidYouMean {
    private DidYouMean() {}

    /**
     * The {@code candidates} within a third of {@code typed}'s length in edits (an insertion, deletion,
     * substitution or swap of two neighbours), closest first; leading dashes are not counted, so
     * {@code -runtime} finds {@code --runtime}. A name of one or two letters is only matched with other
     * dashes ({@code --o} finds {@code -o}).
     */
    static List<String> among(String typed, List<String> candidates) {
        String t = undashed(typed);
        int limit = t.length() / 3;
        List<String> close = new ArrayList<>();
        List<Integer> distances = new ArrayList<>();
        for (String candidate : candidates) {
            int d = distance(t, undashed(candidate));
            if (d > limit || close.contains(candidate)) {
                continue;
            }
            int at = 0;
            while (at < distances.size() && distances.get(at) <= d) {
                at++;
            }
            close.add(at, candidate);
            distances.add(at, d);
        }
        return close;
    }

    /** {@code a}, {@code a or b}, {@code a, b or c}. */
    static String either(List<String> names) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            s.append(i == 0 ? "" : i == names.size() - 1 ? " or " : ", ").append(names.get(i));
        }
        return s.toString();
    }

    private static String undashed(String name) {
        int i = 0;
        while (i < name.length() && name.charAt(i) == '-') {
            i++;
        }
        return name.substring(i);
    }

    /** Edits from {@code a} to {@code b}: Levenshtein's, with a swap of neighbours as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[a.length()][b.length()];
    }
}
