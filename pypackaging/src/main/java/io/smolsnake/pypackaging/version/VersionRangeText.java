package io.smolsnake.pypackaging.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a {@link VersionRange} for people, in PEP 440 words where they say exactly the same
 * thing: {@code [1.0, 1.0.post0.dev0)} is {@code ==1.0}, {@code [1.0.post3.dev0, ∞)} is
 * {@code >1.0.post2}, a gap that is one version or one prefix family is {@code !=1.5} or
 * {@code !=1.5.*}.
 */
final class VersionRangeText {
    private static final Version LEAST = Version.parse("0.dev0");

    private VersionRangeText() {}

    static String render(List<Cut> cuts) {
        if (cuts.isEmpty()) {
            return "∅";
        }
        List<String> groups = new ArrayList<>();
        int k = 0;
        while (k < cuts.size()) {
            // A group: intervals whose gaps can be named with != .
            int end = k + 1;
            List<String> gaps = new ArrayList<>();
            while (end + 1 < cuts.size()) {
                String gap = whole(cuts.get(end), cuts.get(end + 1));
                if (gap == null) {
                    break;
                }
                gaps.add("!=" + gap.substring(2));
                end += 2;
            }
            Cut lower = cuts.get(k);
            Cut upper = cuts.get(end);
            String single = gaps.isEmpty() ? whole(lower, upper) : null;
            if (single != null) {
                groups.add(single);
            } else {
                List<String> parts = new ArrayList<>();
                if (!lower.equals(Cut.NEG_INF)) {
                    parts.add(lowerText(lower));
                }
                parts.addAll(gaps);
                if (!upper.equals(Cut.POS_INF)) {
                    parts.add(upperText(upper));
                }
                groups.add(parts.isEmpty() ? "*" : String.join(", ", parts));
            }
            k = end + 1;
        }
        return String.join(" | ", groups);
    }

    /** {@code ==V} or {@code ==R.*} when {@code [lower, upper)} is exactly that, else null. */
    private static String whole(Cut lower, Cut upper) {
        Version v = lower.equals(Cut.NEG_INF) ? LEAST
                : lower.kind() == Cut.Kind.BELOW ? lower.version() : null;
        if (v == null || upper.version() == null) {
            return null;
        }
        if (upper.equals(Cut.above(v))) {
            return "==" + v;
        }
        if (!v.hasLocal() && upper.equals(Cut.below(VersionRange.successor(v)))) {
            return "==" + v;
        }
        if (!lower.equals(Cut.NEG_INF) && upper.kind() == Cut.Kind.BELOW && isReleaseDev0(v)) {
            int longest = Math.max(v.release().size(), upper.version().release().size());
            for (int n = 1; n <= longest; n++) {
                List<BigInteger> prefix = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    prefix.add(v.releasePart(i));
                }
                boolean startsFamily = v.equals(Version.release(v.epoch(), prefix).withDev(BigInteger.ZERO));
                if (startsFamily && upper.version().equals(VersionRange.nextPrefix(v.epoch(), prefix))) {
                    String epoch = v.epoch().signum() == 0 ? "" : v.epoch() + "!";
                    return "==" + epoch + prefix.stream().map(BigInteger::toString).collect(Collectors.joining(".")) + ".*";
                }
            }
        }
        return null;
    }

    private static boolean isReleaseDev0(Version v) {
        return v.pre() == null && v.post() == null && !v.hasLocal() && BigInteger.ZERO.equals(v.dev());
    }

    private static String lowerText(Cut cut) {
        Version w = cut.version();
        switch (cut.kind()) {
            case ABOVE:
            case ABOVE_RELEASE:
                return ">" + w;
            default:
                break;
        }
        if (!w.hasLocal() && w.dev() != null) {
            if (w.dev().signum() > 0) {
                return ">" + w.withDev(w.dev().subtract(BigInteger.ONE));
            }
            if (w.post() != null && w.post().signum() > 0) {
                return ">" + w.withPost(w.post().subtract(BigInteger.ONE));
            }
            if (w.post() == null && w.pre() != null && w.pre().number().signum() > 0) {
                return ">" + w.withPre(new Version.Pre(w.pre().phase(), w.pre().number().subtract(BigInteger.ONE)));
            }
        }
        return ">=" + w;
    }

    private static String upperText(Cut cut) {
        Version w = cut.version();
        switch (cut.kind()) {
            case ABOVE:
                return "<=" + w;
            case ABOVE_RELEASE:
                return "<=" + w + ".post*";
            default:
                break;
        }
        if (!w.hasLocal() && w.dev() != null) {
            if (w.dev().signum() > 0) {
                return "<=" + w.withDev(w.dev().subtract(BigInteger.ONE));
            }
            if (w.post() != null) {
                Version base = w.pre() == null ? w.baseVersion() : w.withPre(w.pre());
                return "<=" + (w.post().signum() == 0 ? base : w.withPost(w.post().subtract(BigInteger.ONE)));
            }
            if (w.pre() == null) {
                return "<" + w.baseVersion();
            }
        }
        return "<" + w;
    }
}
