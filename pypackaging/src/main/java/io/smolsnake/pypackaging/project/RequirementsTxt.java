package io.smolsnake.pypackaging.project;

import io.smolsnake.pypackaging.PyText;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a requirements file the way pip does ({@code pip/_internal/req/req_file.py}):
 *
 * <ol>
 *   <li>a line ending in {@code \} continues on the next one (unless it is a comment line);
 *   <li>{@code #} at the start of a line or after white space starts a comment;
 *   <li>{@code ${VAR}} (upper-case letters, digits, {@code _}) is replaced by the variable's value
 *       when it is set and not empty, and left alone otherwise;
 *   <li>everything before the first word starting with {@code -} is the requirement, the rest are
 *       options, split like a POSIX shell; long options may be abbreviated to a unique prefix.
 * </ol>
 *
 * <p>Supported options: {@code -r/--requirement} and {@code -c/--constraint} (relative to the
 * including file; cycles are an error), {@code -e/--editable}, {@code -i/--index-url},
 * {@code --extra-index-url}, {@code -f/--find-links}, {@code --no-index}, {@code --pre},
 * {@code --trusted-host}, {@code --require-hashes}, and per requirement {@code --hash} (several
 * allowed). {@code --only-binary}, {@code --prefer-binary} and {@code --use-feature} are accepted
 * and have no effect (smolsnake installs wheels only). {@code --no-binary},
 * {@code --config-settings} and {@code --global-option} ask for builds smolsnake never does and
 * are errors, as is any unknown option.
 *
 * <p>Where smolsnake differs from pip, on purpose: a relative local project path ({@code ./pkg}) is
 * resolved against the requirements file's directory, not the working directory (a lock is made
 * away from the user's shell); stray arguments after an option are an error rather than ignored;
 * requirements files given by URL are not supported.
 */
public final class RequirementsTxt {
    /** Reads the text of an input file (the file system, or a map in tests). */
    @FunctionalInterface
    public interface Loader {
        String load(Path file) throws IOException;
    }

    private static final Pattern COMMENT_LINE = Pattern.compile("^\\s*#", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern COMMENT = Pattern.compile("(^|\\s+)#.*$", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern ENV_VAR = Pattern.compile("\\$\\{([A-Z0-9_]+)\\}");
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    private static final List<String> ARCHIVES = List.of(".whl", ".zip", ".tar.gz", ".tgz", ".tar", ".tar.bz2",
            ".tbz", ".tar.xz", ".txz", ".tlz", ".tar.lz", ".tar.lzma");
    private static final Map<String, Integer> HASH_LENGTHS = Map.of("sha256", 64, "sha384", 96, "sha512", 128);

    private final Map<String, String> env;
    private final Loader loader;
    private final List<RequirementLine> requirements = new ArrayList<>();
    private final List<RequirementLine> constraints = new ArrayList<>();
    private final LinkedHashSet<Path> files = new LinkedHashSet<>();
    private final Deque<Path> including = new ArrayDeque<>();
    private String indexUrl;
    private final LinkedHashSet<String> extraIndexUrls = new LinkedHashSet<>();
    private final LinkedHashSet<String> findLinks = new LinkedHashSet<>();
    private final LinkedHashSet<String> trustedHosts = new LinkedHashSet<>();
    private boolean noIndex;
    private boolean pre;
    private boolean requireHashes;

    private RequirementsTxt(Map<String, String> env, Loader loader) {
        this.env = env == null ? Map.of() : env;
        this.loader = loader;
    }

    /**
     * Reads {@code file} and everything it includes from the file system.
     *
     * @param env the environment for {@code ${VAR}} expansion (usually {@code System.getenv()})
     * @throws ProjectInputException at the first bad line (as pip does), or when a file is missing
     */
    public static RequirementsFile read(Path file, Map<String, String> env) {
        return read(file, env, f -> Files.readString(f, StandardCharsets.UTF_8));
    }

    /** Reads {@code file} and everything it includes through {@code loader}. */
    public static RequirementsFile read(Path file, Map<String, String> env, Loader loader) {
        return read(List.of(file), env, loader);
    }

    /**
     * Reads several requirements files as pip does for {@code -r a.txt -r b.txt}: requirements and
     * constraints in order, index options merged (the last {@code --index-url} wins).
     */
    public static RequirementsFile read(List<Path> files, Map<String, String> env, Loader loader) {
        RequirementsTxt parser = new RequirementsTxt(env, loader);
        for (Path file : files) {
            String text;
            try {
                text = loader.load(file);
            } catch (IOException e) {
                throw new ProjectInputException(ProjectInputException.Problem.key(file, null,
                        "cannot read the requirements file (" + describe(e) + ")"));
            }
            parser.parseFile(file, text, false);
        }
        return new RequirementsFile(parser.requirements, parser.constraints, new IndexOptions(parser.indexUrl,
                List.copyOf(parser.extraIndexUrls), List.copyOf(parser.findLinks), parser.noIndex, parser.pre,
                List.copyOf(parser.trustedHosts), parser.requireHashes), List.copyOf(parser.files));
    }

    private void parseFile(Path file, String text, boolean constraint) {
        including.push(file.toAbsolutePath().normalize());
        files.add(file);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] physical = text.split("\r\n|\r|\n", -1);
        for (LogicalLine line : join(file, physical)) {
            LogicalLine clean = expand(stripComment(line));
            if (!clean.isEmpty()) {
                handle(file, clean, constraint);
            }
        }
        including.pop();
    }

    /** pip's {@code join_lines}: a trailing backslash joins the next line, unless the line is a comment. */
    private static List<LogicalLine> join(Path file, String[] physical) {
        List<LogicalLine> out = new ArrayList<>();
        LogicalLine pending = null;
        int count = physical.length;
        if (count > 0 && physical[count - 1].isEmpty()) {
            count--;
        }
        for (int i = 0; i < count; i++) {
            String line = physical[i];
            int number = i + 1;
            boolean comment = COMMENT_LINE.matcher(line).find();
            if (!line.endsWith("\\") || comment) {
                LogicalLine target = pending != null ? pending : new LogicalLine(file, physical);
                if (comment) {
                    target.append(" ", number, 1);
                }
                target.append(line, number, 1);
                out.add(target);
                pending = null;
            } else {
                if (pending == null) {
                    pending = new LogicalLine(file, physical);
                }
                int start = 0;
                int end = line.length();
                while (start < end && line.charAt(start) == '\\') {
                    start++;
                }
                while (end > start && line.charAt(end - 1) == '\\') {
                    end--;
                }
                pending.append(line.substring(start, end), number, start + 1);
            }
        }
        if (pending != null) {
            out.add(pending);
        }
        return out;
    }

    private static LogicalLine stripComment(LogicalLine line) {
        String text = line.text();
        Matcher m = COMMENT.matcher(text);
        int end = m.find() ? m.start() : text.length();
        String kept = text.substring(0, end);
        String stripped = PyText.strip(kept);
        int start = stripped.isEmpty() ? 0 : kept.indexOf(stripped);
        return line.slice(start, start + stripped.length());
    }

    private LogicalLine expand(LogicalLine line) {
        LogicalLine out = line;
        Matcher m = ENV_VAR.matcher(out.text());
        int from = 0;
        while (m.find(from)) {
            String value = env.get(m.group(1));
            if (value == null || value.isEmpty()) {
                from = m.end();
            } else {
                out = out.replace(m.start(), m.end(), value);
                from = m.start() + value.length();
                m = ENV_VAR.matcher(out.text());
            }
        }
        return out;
    }

    private void handle(Path file, LogicalLine line, boolean constraint) {
        String text = line.text();
        int optionsStart = text.length();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '-' && (i == 0 || text.charAt(i - 1) == ' ')) {
                optionsStart = i;
                break;
            }
        }
        String args = text.substring(0, Math.max(0, optionsStart == 0 ? 0 : optionsStart - 1)).stripTrailing();
        if (optionsStart == text.length()) {
            args = text.stripTrailing();
        }
        List<Option> options = Options.parse(line, text, optionsStart);
        if (!args.isEmpty()) {
            List<String> hashes = new ArrayList<>();
            for (Option o : options) {
                if (o.spec() == Options.Spec.HASH) {
                    hashes.add(hash(line, o));
                } else {
                    o.unsupported(line);
                    throw new ProjectInputException(line.problem(o.start(), o.end(), o.name()
                            + " must be on a line of its own, not after a requirement"));
                }
            }
            addRequirement(file, line, 0, args, hashes, false, constraint);
            return;
        }
        for (Option o : options) {
            o.unsupported(line);
            switch (o.spec()) {
                case HASH -> throw new ProjectInputException(line.problem(o.start(), o.end(),
                        "--hash belongs after a requirement on the same line"));
                // as pip: -r inside a constraints file includes requirements, -c includes constraints
                case REQUIREMENT, CONSTRAINT -> include(file, line, o, o.spec() == Options.Spec.CONSTRAINT);
                case EDITABLE -> addRequirement(file, line, o.valueStart(), o.value(), List.of(), true, constraint);
                case INDEX_URL -> indexUrl = o.value();
                case EXTRA_INDEX_URL -> extraIndexUrls.add(o.value());
                case FIND_LINKS -> findLinks.add(findLinks(file, o.value()));
                case NO_INDEX -> noIndex = true;
                case PRE -> pre = true;
                case TRUSTED_HOST -> trustedHosts.add(o.value());
                case REQUIRE_HASHES -> requireHashes = true;
                default -> {
                    // accepted, no effect: smolsnake only ever installs wheels
                }
            }
        }
    }

    private void include(Path file, LogicalLine line, Option o, boolean asConstraint) {
        String value = o.value();
        Matcher scheme = SCHEME.matcher(value);
        Path target;
        try {
            target = includeTarget(file, value, scheme);
        } catch (IllegalArgumentException e) {
            throw new ProjectInputException(line.problem(o.valueStart(), o.valueStart() + value.length(),
                    "not a valid path: " + e.getMessage()));
        }
        if (target == null) {
            throw new ProjectInputException(line.problem(o.valueStart(), o.valueStart() + value.length(),
                    "requirements files by URL are not supported; download it and give its path"));
        }
        Path key = target.toAbsolutePath().normalize();
        if (including.contains(key)) {
            List<String> chain = new ArrayList<>();
            including.descendingIterator().forEachRemaining(p -> chain.add(name(p)));
            chain.add(name(target));
            throw new ProjectInputException(line.problem(o.valueStart(), o.valueStart() + value.length(),
                    "requirements files include each other: " + String.join(" -> ", chain)));
        }
        String text;
        try {
            text = loader.load(target);
        } catch (IOException e) {
            throw new ProjectInputException(line.problem(o.valueStart(), o.valueStart() + value.length(),
                    "cannot read " + target + " (" + describe(e) + ")"));
        }
        parseFile(target, text, asConstraint);
    }

    private static String name(Path p) {
        return String.valueOf(p.getFileName() == null ? p : p.getFileName());
    }

    /** The file {@code -r}/{@code -c} names, or null for a remote URL. */
    private static Path includeTarget(Path file, String value, Matcher scheme) {
        if (!scheme.find()) {
            return resolve(file, value);
        }
        return scheme.group(1).toLowerCase(Locale.ROOT).equals("file") ? fileUrlPath(file, value) : null;
    }

    private void addRequirement(Path file, LogicalLine line, int start, String text, List<String> hashes,
            boolean editable, boolean constraint) {
        Origin origin = line.origin(start);
        int end = start + text.length();
        RequirementLine req;
        try {
            req = classify(file, text, origin, hashes, editable);
        } catch (IllegalArgumentException e) {
            throw new ProjectInputException(line.problem(start, end, "not a valid path or URL: " + e.getMessage()));
        }
        if (editable && req.kind() == RequirementLine.Kind.NAMED) {
            throw new ProjectInputException(line.problem(start, end,
                    "-e needs a local project path or a VCS URL, found '" + text + "'"));
        }
        if (constraint) {
            if (editable) {
                throw new ProjectInputException(line.problem(start, end,
                        "editable requirements are not allowed as constraints"));
            }
            if (req.kind() != RequirementLine.Kind.NAMED) {
                throw new ProjectInputException(line.problem(start, end,
                        "constraints must name a package (name==version or name @ url)"));
            }
            constraints.add(req);
        } else {
            requirements.add(req);
        }
    }

    /** pip's distinction between a named requirement, a local path and a bare URL. */
    static RequirementLine classify(Path file, String text, Origin origin, List<String> hashes, boolean editable) {
        Matcher scheme = SCHEME.matcher(text);
        if (scheme.find()) {
            if (scheme.group(1).toLowerCase(Locale.ROOT).equals("file")) {
                String url = text.split(";\\s", 2)[0].strip();
                return new RequirementLine(text, origin, hashes, editable, RequirementLine.Kind.PATH,
                        fileUrlPath(file, stripExtras(url)));
            }
            return new RequirementLine(text, origin, hashes, editable, RequirementLine.Kind.URL, null);
        }
        String path = stripExtras(text.split(";", 2)[0].strip());
        boolean archive = ARCHIVES.stream().anyMatch(path.toLowerCase(Locale.ROOT)::endsWith);
        if (looksLikePath(path) || archive) {
            String[] at = text.split("@", 2);
            if (!(at.length == 2 && !looksLikePath(at[0]))) {
                return new RequirementLine(text, origin, hashes, editable, RequirementLine.Kind.PATH,
                        resolve(file, path));
            }
        }
        return new RequirementLine(text, origin, hashes, editable, RequirementLine.Kind.NAMED, null);
    }

    private static boolean looksLikePath(String s) {
        return s.indexOf('/') >= 0 || s.indexOf('\\') >= 0 || s.startsWith(".");
    }

    private static String stripExtras(String path) {
        Matcher m = Pattern.compile("^(.+)(\\[[^\\]]+\\])$").matcher(path);
        return m.matches() ? m.group(1) : path;
    }

    private static Path resolve(Path file, String path) {
        Path p = Path.of(path);
        Path dir = file.getParent();
        return (p.isAbsolute() || dir == null ? p : dir.resolve(p)).normalize();
    }

    private static Path fileUrlPath(Path file, String url) {
        if (url.regionMatches(true, 0, "file://", 0, 7)) {
            return Path.of(URI.create(url.replace(" ", "%20")).getPath());
        }
        return resolve(file, url.substring("file:".length()));
    }

    private static String findLinks(Path file, String value) {
        return SCHEME.matcher(value).find() ? value : resolve(file, value).toString();
    }

    private static String hash(LogicalLine line, Option o) {
        String value = o.value();
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw new ProjectInputException(line.problem(o.valueStart(), o.valueStart() + value.length(),
                    "--hash takes a hash name and a value, like --hash=sha256:abcde…"));
        }
        String algorithm = value.substring(0, colon).toLowerCase(Locale.ROOT);
        String digest = value.substring(colon + 1);
        Integer length = HASH_LENGTHS.get(algorithm);
        if (length == null) {
            throw new ProjectInputException(line.problem(o.valueStart(), o.valueStart() + colon,
                    "allowed hash algorithms for --hash are sha256, sha384, sha512"));
        }
        if (digest.length() != length || !HEX.matcher(digest).matches()) {
            throw new ProjectInputException(line.problem(o.valueStart() + colon + 1, o.valueStart()
                    + value.length(), "a " + algorithm + " digest is " + length + " hexadecimal digits"));
        }
        return algorithm + ":" + digest.toLowerCase(Locale.ROOT);
    }

    static String describe(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file"
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
