package io.smolsnake.pypackaging.version;

import io.smolsnake.pypackaging.PyText;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEP 440 version: parsed, normalised and ordered as pypa/packaging's {@code Version}.
 *
 * <p>Release numbers may be of any size. Two versions are {@link #equals equal} when they compare
 * equal ({@code 1.0 == 1.0.0}, {@code 1.0c1 == 1.0rc1}); {@link #toString()} is the normalised form.
 */
public final class Version implements Comparable<Version> {

    // The PEP 440 grammar with pip's permissive spellings (packaging's VERSION_PATTERN).
    private static final Pattern PATTERN = Pattern.compile(
            "v?"
                    + "(?:(?<epoch>[0-9]+)!)?"
                    + "(?<release>[0-9]+(?:\\.[0-9]+)*)"
                    + "(?<pre>[-_.]?(?<prel>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<pren>[0-9]+)?)?"
                    + "(?<post>(?:-(?<postn1>[0-9]+))|(?:[-_.]?(?<postl>post|rev|r)[-_.]?(?<postn2>[0-9]+)?))?"
                    + "(?<dev>[-_.]?(?<devl>dev)[-_.]?(?<devn>[0-9]+)?)?"
                    + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?",
            Pattern.CASE_INSENSITIVE);

    /** The pre-release phases in order. */
    public enum Phase {
        ALPHA("a"), BETA("b"), RC("rc");

        private final String letter;

        Phase(String letter) {
            this.letter = letter;
        }

        /** The normalised letter: {@code a}, {@code b} or {@code rc}. */
        public String letter() {
            return letter;
        }

        static Phase of(String spelling) {
            switch (spelling.toLowerCase(Locale.ROOT)) {
                case "a": case "alpha": return ALPHA;
                case "b": case "beta": return BETA;
                default: return RC; // c, rc, pre, preview
            }
        }
    }

    /** A pre-release marker such as {@code rc2}. */
    public record Pre(Phase phase, BigInteger number) {
        public Pre {
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(number, "number");
        }

        @Override
        public String toString() {
            return phase.letter() + number;
        }
    }

    private final BigInteger epoch;
    private final List<BigInteger> release;
    private final Pre pre;
    private final BigInteger post;
    private final BigInteger dev;
    private final List<Object> local; // BigInteger or lower-case String segments
    private final int hash;

    private Version(BigInteger epoch, List<BigInteger> release, Pre pre, BigInteger post, BigInteger dev,
            List<Object> local) {
        this.epoch = epoch;
        this.release = release;
        this.pre = pre;
        this.post = post;
        this.dev = dev;
        this.local = local;
        this.hash = computeHash();
    }

    /**
     * Parses a version, accepting every spelling PEP 440 allows (leading {@code v}, surrounding
     * whitespace, {@code alpha}/{@code c}/{@code rev} and the like, {@code -}/{@code _}/{@code .}
     * separators, upper case).
     *
     * @throws InvalidVersionException naming the input when it is not a PEP 440 version
     */
    public static Version parse(String text) {
        if (text == null) {
            throw new InvalidVersionException("Invalid version: none given", "");
        }
        String trimmed = PyText.strip(text);
        Matcher m = PATTERN.matcher(trimmed);
        if (!m.matches()) {
            int lead = text.indexOf(trimmed);
            int bad = lead + firstBadColumn(trimmed);
            throw new InvalidVersionException("Invalid version: '" + text + "'", text, bad, text.length());
        }
        BigInteger epoch = m.group("epoch") == null ? BigInteger.ZERO : new BigInteger(m.group("epoch"));
        List<BigInteger> release = new ArrayList<>();
        for (String part : m.group("release").split("\\.")) {
            release.add(new BigInteger(part));
        }
        Pre pre = null;
        if (m.group("prel") != null) {
            pre = new Pre(Phase.of(m.group("prel")), number(m.group("pren")));
        }
        BigInteger post = null;
        if (m.group("postn1") != null) {
            post = new BigInteger(m.group("postn1"));
        } else if (m.group("postl") != null) {
            post = number(m.group("postn2"));
        }
        BigInteger dev = m.group("devl") != null ? number(m.group("devn")) : null;
        List<Object> local = m.group("local") == null ? null : parseLocal(m.group("local"));
        return new Version(epoch, List.copyOf(release), pre, post, dev, local);
    }

    /** Whether {@code text} is a valid PEP 440 version. */
    public static boolean isValid(String text) {
        return text != null && PATTERN.matcher(PyText.strip(text)).matches();
    }

    /**
     * Builds a version from its parts, as packaging's {@code Version.from_parts}.
     *
     * @param local the local segment ({@code "ubuntu.1"}) or null
     */
    public static Version of(long epoch, List<Long> release, Pre pre, Long post, Long dev, String local) {
        if (release == null || release.isEmpty()) {
            throw new InvalidVersionException("Invalid version: a release segment is required", "");
        }
        if (epoch < 0 || release.stream().anyMatch(r -> r == null || r < 0)
                || (post != null && post < 0) || (dev != null && dev < 0)) {
            throw new InvalidVersionException("Invalid version: negative numbers are not allowed", "");
        }
        List<BigInteger> rel = release.stream().map(BigInteger::valueOf).toList();
        List<Object> loc = null;
        if (local != null) {
            if (!local.matches("(?i)[a-z0-9]+(?:[-_.][a-z0-9]+)*")) {
                throw new InvalidVersionException("Invalid local version label: '" + local + "'", local);
            }
            loc = parseLocal(local);
        }
        return new Version(BigInteger.valueOf(epoch), rel, pre,
                post == null ? null : BigInteger.valueOf(post), dev == null ? null : BigInteger.valueOf(dev), loc);
    }

    private static BigInteger number(String digits) {
        return digits == null ? BigInteger.ZERO : new BigInteger(digits);
    }

    private static List<Object> parseLocal(String text) {
        List<Object> segments = new ArrayList<>();
        for (String part : text.toLowerCase(Locale.ROOT).split("[-_.]")) {
            boolean digits = !part.isEmpty() && part.chars().allMatch(c -> c >= '0' && c <= '9');
            segments.add(digits ? new BigInteger(part) : part);
        }
        return Collections.unmodifiableList(segments);
    }

    /** The longest prefix the grammar accepts, as a column for the caret. */
    private static int firstBadColumn(String text) {
        for (int i = text.length(); i > 0; i--) {
            if (PATTERN.matcher(text.substring(0, i)).matches()) {
                return i;
            }
        }
        return 0;
    }

    public BigInteger epoch() {
        return epoch;
    }

    /** The release segment as written ({@code 1.0.0} stays three numbers). */
    public List<BigInteger> release() {
        return release;
    }

    /** The pre-release marker, or null. */
    public Pre pre() {
        return pre;
    }

    /** The post-release number, or null. */
    public BigInteger post() {
        return post;
    }

    /** The development release number, or null. */
    public BigInteger dev() {
        return dev;
    }

    /** The normalised local label ({@code ubuntu.1}), or null. */
    public String local() {
        if (local == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (Object segment : local) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(segment);
        }
        return sb.toString();
    }

    /** The i-th release number, 0 when the release is shorter. */
    public BigInteger releasePart(int index) {
        return index < release.size() ? release.get(index) : BigInteger.ZERO;
    }

    public boolean isPrerelease() {
        return pre != null || dev != null;
    }

    public boolean isPostrelease() {
        return post != null;
    }

    public boolean isDevrelease() {
        return dev != null;
    }

    public boolean hasLocal() {
        return local != null;
    }

    /** This version without its local label. */
    public Version publicVersion() {
        return local == null ? this : new Version(epoch, release, pre, post, dev, null);
    }

    /** Epoch and release only ({@code 1!2.0}). */
    public Version baseVersion() {
        if (pre == null && post == null && dev == null && local == null) {
            return this;
        }
        return new Version(epoch, release, null, null, null, null);
    }

    /** The same version with a different release segment, everything else dropped. */
    public static Version release(BigInteger epoch, List<BigInteger> release) {
        return new Version(epoch, List.copyOf(release), null, null, null, null);
    }

    /**
     * This version with {@code dev} set and post/local dropped: used to build the smallest version
     * of a family ({@code 1.0.dev0} is the least version starting {@code 1.0}).
     */
    public Version withDev(BigInteger devNumber) {
        return new Version(epoch, release, pre, post, devNumber, null);
    }

    /** This version with a post-release number set, dev and local dropped. */
    public Version withPost(BigInteger postNumber) {
        return new Version(epoch, release, pre, postNumber, null, null);
    }

    /** This version with a pre-release marker set, post, dev and local dropped ({@code 1.0 -> 1.0rc2}). */
    Version withPre(Pre marker) {
        return new Version(epoch, release, marker, null, null, null);
    }

    /** This version with its local label replaced ({@code null} removes it). */
    public Version withLocal(String label) {
        return new Version(epoch, release, pre, post, dev, label == null ? null : parseLocal(label));
    }

    @Override
    public int compareTo(Version o) {
        int c = epoch.compareTo(o.epoch);
        if (c != 0) {
            return c;
        }
        c = compareRelease(release, o.release);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(preRank(), o.preRank());
        if (c != 0) {
            return c;
        }
        if (pre != null && o.pre != null) {
            c = pre.phase().compareTo(o.pre.phase());
            if (c != 0) {
                return c;
            }
            c = pre.number().compareTo(o.pre.number());
            if (c != 0) {
                return c;
            }
        }
        // post: absent sorts first
        c = compareNullsFirst(post, o.post);
        if (c != 0) {
            return c;
        }
        // dev: absent sorts last
        c = compareNullsLast(dev, o.dev);
        if (c != 0) {
            return c;
        }
        return compareLocal(local, o.local);
    }

    /** 0: a dev release of the final (1.0.dev0 < 1.0a0); 1: a pre-release; 2: no pre-release. */
    private int preRank() {
        if (pre == null && post == null && dev != null) {
            return 0;
        }
        return pre == null ? 2 : 1;
    }

    private static int compareRelease(List<BigInteger> a, List<BigInteger> b) {
        int n = Math.max(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            BigInteger x = i < a.size() ? a.get(i) : BigInteger.ZERO;
            BigInteger y = i < b.size() ? b.get(i) : BigInteger.ZERO;
            int c = x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int compareNullsFirst(BigInteger a, BigInteger b) {
        if (a == null) {
            return b == null ? 0 : -1;
        }
        return b == null ? 1 : a.compareTo(b);
    }

    private static int compareNullsLast(BigInteger a, BigInteger b) {
        if (a == null) {
            return b == null ? 0 : 1;
        }
        return b == null ? -1 : a.compareTo(b);
    }

    private static int compareLocal(List<Object> a, List<Object> b) {
        if (a == null) {
            return b == null ? 0 : -1;
        }
        if (b == null) {
            return 1;
        }
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            int c;
            if (x instanceof BigInteger xi && y instanceof BigInteger yi) {
                c = xi.compareTo(yi);
            } else if (x instanceof BigInteger) {
                c = 1; // numeric segments sort after alphanumeric ones
            } else if (y instanceof BigInteger) {
                c = -1;
            } else {
                c = ((String) x).compareTo((String) y);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Version v && hash == v.hash && compareTo(v) == 0);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    private int computeHash() {
        int end = release.size();
        while (end > 0 && release.get(end - 1).signum() == 0) {
            end--;
        }
        return Objects.hash(epoch, release.subList(0, end), pre, post, dev, local);
    }

    /** The normalised form: {@code 1!2.0rc1.post3.dev4+local.5}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(publicString());
        if (local != null) {
            sb.append('+').append(local());
        }
        return sb.toString();
    }

    private String publicString() {
        StringBuilder sb = new StringBuilder();
        if (epoch.signum() != 0) {
            sb.append(epoch).append('!');
        }
        for (int i = 0; i < release.size(); i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(release.get(i));
        }
        if (pre != null) {
            sb.append(pre);
        }
        if (post != null) {
            sb.append(".post").append(post);
        }
        if (dev != null) {
            sb.append(".dev").append(dev);
        }
        return sb.toString();
    }

    /**
     * packaging's {@code canonicalize_version}: the normalised form, optionally without trailing
     * zeros in the release ({@code 1.4.0 -> 1.4}). A string that is not a version is returned as is.
     */
    public static String canonicalize(String text, boolean stripTrailingZero) {
        if (!isValid(text)) {
            return text;
        }
        Version v = parse(text);
        if (!stripTrailingZero) {
            return v.toString();
        }
        int end = v.release.size();
        while (end > 1 && v.release.get(end - 1).signum() == 0) {
            end--;
        }
        return new Version(v.epoch, v.release.subList(0, end), v.pre, v.post, v.dev, v.local).toString();
    }

}
