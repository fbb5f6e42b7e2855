package io.smolsnake.pypackaging.version;

import io.smolsnake.pypackaging.PyText;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One PEP 440 version specifier such as {@code >=1.0}, {@code ~=2.2}, {@code ==1.4.*} or
 * {@code ===foo}, matching as pypa/packaging 26's {@code Specifier}.
 *
 * <p>Pre-releases: a specifier accepts pre-releases by default when its own version is one
 * ({@code >=1.0a1}), never for {@code !=} and {@code ==X.*}; {@link #withPrereleases} overrides
 * that. When nothing but pre-releases match, {@link #filter} and {@link #contains(String, Boolean)}
 * still accept them unless pre-releases are excluded explicitly.
 *
 * <p>Two specifiers are equal when they mean the same ({@code ==1.0} equals {@code ==1.0.0});
 * the pre-release override is ignored, as in packaging.
 */
public final class Specifier {
    private final Operator operator;
    private final String version;
    private final Boolean prereleases;
    private final Version parsed; // null only for === with a non-version string
    private final boolean wildcard;

    private Specifier(Operator operator, String version, Boolean prereleases) {
        this.operator = operator;
        this.version = version;
        this.prereleases = prereleases;
        this.wildcard = operator != Operator.ARBITRARY && version.endsWith(".*");
        String bare = wildcard ? version.substring(0, version.length() - 2) : version;
        this.parsed = Version.isValid(bare) ? Version.parse(bare) : null;
    }

    /**
     * Parses one specifier; white space around it and between operator and version is allowed.
     *
     * @throws InvalidSpecifierException naming the input and saying why it is not a specifier
     */
    public static Specifier parse(String text) {
        return parse(text, text == null ? "" : text, 0);
    }

    /** Parses {@code text}, which sits at {@code offset} in {@code whole}, for error columns. */
    static Specifier parse(String text, String whole, int offset) {
        if (text == null) {
            throw new InvalidSpecifierException("Invalid specifier: none given", "", 0, 0);
        }
        String trimmed = PyText.strip(text);
        int lead = trimmed.isEmpty() ? 0 : text.indexOf(trimmed);
        Operator op = Operator.prefixOf(trimmed);
        if (op == null) {
            String why = trimmed.isEmpty() ? "expected an operator and a version"
                    : "expected an operator (==, !=, <=, >=, <, >, ~=, ===) before the version";
            throw invalid(text, why, whole, offset + lead, offset + lead + Math.max(1, trimmed.length()));
        }
        String rest = trimmed.substring(op.symbol().length());
        String version = PyText.strip(rest);
        int versionStart = lead + op.symbol().length() + (version.isEmpty() ? rest.length() : rest.indexOf(version));
        String why = SpecifierGrammar.problem(op, version);
        if (why != null) {
            throw invalid(text, why, whole, offset + versionStart, offset + versionStart + Math.max(1, version.length()));
        }
        return new Specifier(op, version, null);
    }

    private static InvalidSpecifierException invalid(String text, String why, String whole, int start, int end) {
        return new InvalidSpecifierException("Invalid specifier: '" + text + "' (" + why + ")", whole, start, end);
    }

    /** This specifier with an explicit pre-release choice ({@code null}: the default rules). */
    public Specifier withPrereleases(Boolean allow) {
        return Objects.equals(allow, prereleases) ? this : new Specifier(operator, version, allow);
    }

    public Operator operator() {
        return operator;
    }

    /** The version as written after the operator, white space removed ({@code 1.4.*}, {@code v2}). */
    public String version() {
        return version;
    }

    /** Whether this is a prefix match ({@code ==1.4.*} or {@code !=1.4.*}). */
    public boolean isWildcard() {
        return wildcard;
    }

    /**
     * Whether pre-releases are accepted: the explicit choice if one was made, else true when the
     * specifier's own version is a pre-release (never for {@code !=} or {@code ==X.*}), and null for
     * {@code ===} with a string that is not a version.
     */
    public Boolean prereleases() {
        if (prereleases != null) {
            return prereleases;
        }
        if (operator == Operator.NOT_EQUAL || wildcard) {
            return false;
        }
        return parsed == null ? null : parsed.isPrerelease();
    }

    /** The explicit pre-release choice, or null. */
    Boolean prereleaseOverride() {
        return prereleases;
    }

    /** The parsed version (for {@code ==X.*} the prefix {@code X}); null for {@code ===} with a non-version. */
    Version parsedVersion() {
        return parsed;
    }

    /** Whether {@code candidate} matches with the default pre-release rules. */
    public boolean contains(Version candidate) {
        return !filterCandidates(List.of(Candidate.of(candidate)), null).isEmpty();
    }

    /**
     * Whether {@code candidate} matches. {@code prereleases} null applies the default rules (a lone
     * pre-release that matches is accepted unless this specifier excludes pre-releases explicitly).
     * A string that is not a version can only match {@code ===}.
     */
    public boolean contains(String candidate, Boolean prereleases) {
        return !filterCandidates(List.of(Candidate.of(candidate)), prereleases).isEmpty();
    }

    /** The versions of {@code candidates} this specifier accepts, in their order (packaging's {@code filter}). */
    public List<String> filter(List<String> candidates, Boolean prereleases) {
        List<Candidate> in = candidates.stream().map(Candidate::of).toList();
        return filterCandidates(in, prereleases).stream().map(Candidate::text).toList();
    }

    List<Candidate> filterCandidates(List<Candidate> candidates, Boolean allow) {
        boolean include = allow != null ? allow : Boolean.TRUE.equals(prereleases());
        boolean mayFallBack = allow == null && !Boolean.FALSE.equals(prereleases);
        List<Candidate> out = new ArrayList<>();
        List<Candidate> held = new ArrayList<>();
        boolean foundFinal = false;
        for (Candidate c : candidates) {
            if (c.version() == null) {
                if (operator == Operator.ARBITRARY && arbitraryMatch(c.text())) {
                    out.add(c);
                }
                continue;
            }
            if (!test(c)) {
                continue;
            }
            if (!c.version().isPrerelease() || include) {
                foundFinal = true;
                out.add(c);
            } else if (mayFallBack) {
                held.add(c);
            }
        }
        if (!foundFinal && mayFallBack) {
            out.addAll(held);
        }
        return out;
    }

    /** The operator's own test, ignoring pre-release preferences. */
    boolean test(Candidate c) {
        if (operator == Operator.ARBITRARY) {
            return arbitraryMatch(c.text());
        }
        return c.version() != null && matches(c.version());
    }

    boolean arbitraryMatch(String text) {
        return text != null && text.toLowerCase(Locale.ROOT).equals(version.toLowerCase(Locale.ROOT));
    }

    /** The operator's test on a version ({@code ===} compares the version's normalised text). */
    boolean matches(Version v) {
        switch (operator) {
            case ARBITRARY:
                return arbitraryMatch(v.toString());
            case EQUAL:
                return equalTo(v);
            case NOT_EQUAL:
                return !equalTo(v);
            case LESS_EQUAL:
                return v.publicVersion().compareTo(parsed) <= 0;
            case GREATER_EQUAL:
                return v.publicVersion().compareTo(parsed) >= 0;
            case COMPATIBLE:
                return v.publicVersion().compareTo(parsed) >= 0
                        && hasPrefix(v, parsed.epoch(), parsed.release().subList(0, parsed.release().size() - 1));
            case LESS:
                return lessThan(v);
            case GREATER:
                return greaterThan(v);
            default:
                throw new IllegalStateException(operator.name());
        }
    }

    private boolean equalTo(Version v) {
        if (wildcard) {
            return hasPrefix(v, parsed.epoch(), parsed.release());
        }
        return parsed.hasLocal() ? v.equals(parsed) : v.publicVersion().equals(parsed);
    }

    /** Same epoch and the release starts with {@code prefix}, padding the version's release with zeros. */
    static boolean hasPrefix(Version v, BigInteger epoch, List<BigInteger> prefix) {
        if (!v.epoch().equals(epoch)) {
            return false;
        }
        for (int i = 0; i < prefix.size(); i++) {
            if (!v.releasePart(i).equals(prefix.get(i))) {
                return false;
            }
        }
        return true;
    }

    private boolean lessThan(Version v) {
        if (v.compareTo(parsed) >= 0) {
            return false;
        }
        // <V excludes V's own pre-releases unless V is one.
        return parsed.isPrerelease() || !v.isPrerelease() || v.compareTo(parsed.withDev(BigInteger.ZERO)) < 0;
    }

    private boolean greaterThan(Version v) {
        if (v.compareTo(parsed) <= 0) {
            return false;
        }
        // >V excludes V's post-releases unless V is one, and V's local versions.
        if (!parsed.isPostrelease() && v.isPostrelease() && postBase(v).equals(parsed)) {
            return false;
        }
        return !(v.hasLocal() && v.publicVersion().equals(parsed));
    }

    /** The version {@code v} is a post-release of: {@code 1.0a1.post2.dev3 -> 1.0a1}. */
    private static Version postBase(Version v) {
        Version base = v.baseVersion();
        return v.pre() == null ? base : base.withPre(v.pre());
    }

    /** Operator plus version, white space removed: {@code >=1.0}, {@code ==1.4.*}. */
    @Override
    public String toString() {
        return operator.symbol() + version;
    }

    /** The canonical form equality uses: trailing zeros dropped except after {@code ~=}. */
    private String canonicalVersion() {
        if (operator == Operator.ARBITRARY || wildcard) {
            return version;
        }
        return Version.canonicalize(version, operator != Operator.COMPATIBLE);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Specifier s && operator == s.operator
                && canonicalVersion().equals(s.canonicalVersion()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(operator, canonicalVersion());
    }
}
