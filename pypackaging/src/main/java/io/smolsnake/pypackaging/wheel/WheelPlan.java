package io.smolsnake.pypackaging.wheel;

import io.smolsnake.pypackaging.name.PackageName;
import io.smolsnake.pypackaging.version.Version;
import io.smolsnake.pypackaging.wheel.WheelInstallException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything decided about a wheel before a byte is written: its paths checked, WHEEL, METADATA and
 * RECORD read, and each member mapped to where it goes in the destination. Building a plan reads
 * only the central directory, the dist-info files and symbolic-link targets.
 */
final class WheelPlan {
    /** The destination directory for {@code <name>-<version>.data/scripts}. */
    static final String SCRIPTS_DIR = "bin";
    /** The destination directory for {@code .data/headers}, followed by the distribution's name. */
    static final String HEADERS_DIR = "include";
    /** The destination directory for {@code .data/data}. */
    static final String DATA_DIR = "data";

    private static final Pattern WHEEL_VERSION = Pattern.compile("(\\d+)\\.(\\d+)");
    private static final Set<String> NOT_INSTALLED = Set.of("RECORD", "RECORD.jws", "RECORD.p7s", "INSTALLER");
    private static final Set<String> NEED_NO_RECORD_LINE = Set.of("RECORD", "RECORD.jws", "RECORD.p7s");

    enum Category { ROOT, SCRIPT, HEADER, DATA }

    /** One archive member and where it is written. */
    record Item(String member, String target, Category category, boolean executable, RecordFile.Line record) {}

    final PackageName name;
    final Version version;
    final String distInfo;
    final List<Item> items;
    /** The console and GUI script launchers to generate in {@link #SCRIPTS_DIR}. */
    final List<Launcher> launchers;
    final List<String> warnings;

    private WheelPlan(PackageName name, Version version, String distInfo, List<Item> items, List<Launcher> launchers,
            List<String> warnings) {
        this.name = name;
        this.version = version;
        this.distInfo = distInfo;
        this.items = items;
        this.launchers = launchers;
        this.warnings = warnings;
    }

    /** The top-level directories that hold scripts, headers or data rather than library files, sorted. */
    List<String> schemeDirectories() {
        return List.copyOf(schemeDirectories(items, launchers));
    }

    private static SortedSet<String> schemeDirectories(List<Item> items, List<Launcher> launchers) {
        SortedSet<String> used = new TreeSet<>();
        for (Item item : items) {
            if (item.category() != Category.ROOT) {
                used.add(item.target().substring(0, item.target().indexOf('/')));
            }
        }
        if (!launchers.isEmpty()) {
            used.add(SCRIPTS_DIR);
        }
        return used;
    }

    static WheelPlan of(WheelSource source) {
        String wheel = source.filename();
        List<CentralDirectory.Member> members = source.members();
        checkPaths(wheel, members);
        String distInfo = distInfoDirectory(wheel, members);
        List<String> warnings = new ArrayList<>();
        Set<String> names = new HashSet<>();
        members.forEach(m -> names.add(m.name()));

        HeaderFile wheelFile = headers(source, names, distInfo + "/WHEEL");
        String wheelVersion = wheelFile.get("Wheel-Version").orElseThrow(() -> invalid(wheel,
                distInfo + "/WHEEL has no Wheel-Version"));
        Matcher v = WHEEL_VERSION.matcher(wheelVersion);
        if (!v.matches()) {
            throw invalid(wheel, distInfo + "/WHEEL has a malformed Wheel-Version '" + wheelVersion
                    + "' (expected major.minor, e.g. 1.0)");
        }
        if (!v.group(1).equals("1")) {
            throw new WheelInstallException(Kind.UNSUPPORTED, wheel, "Wheel-Version " + wheelVersion
                    + " is not supported (this installer reads version 1.x wheels); use an older wheel of "
                    + WheelSource.packageOf(wheel) + " or a newer smolsnake");
        }
        if (!v.group(2).matches("0+")) {
            warnings.add("Wheel-Version " + wheelVersion + " is newer than 1.0; installed as 1.0");
        }

        HeaderFile metadata = headers(source, names, distInfo + "/METADATA");
        String rawName = metadata.get("Name").orElseThrow(() -> invalid(wheel, distInfo + "/METADATA has no Name"));
        String rawVersion = metadata.get("Version").orElseThrow(() ->
                invalid(wheel, distInfo + "/METADATA has no Version"));
        PackageName name;
        Version version;
        try {
            name = PackageName.of(rawName);
            version = Version.parse(rawVersion);
        } catch (IllegalArgumentException e) {
            throw new WheelInstallException(Kind.INVALID_WHEEL, wheel, distInfo + "/METADATA: " + e.getMessage(),
                    List.of(), e);
        }
        String stem = distInfo.substring(0, distInfo.length() - ".dist-info".length());
        if (!stemMatches(stem, name, version)) {
            throw invalid(wheel, "the directory " + distInfo + " does not match METADATA's Name '" + rawName
                    + "' and Version '" + rawVersion + "'");
        }

        String recordPath = distInfo + "/RECORD";
        if (!names.contains(recordPath)) {
            throw invalid(wheel, recordPath + " is missing");
        }
        Map<String, RecordFile.Line> record;
        try {
            record = RecordFile.parse(source.readAll(recordPath));
        } catch (HeaderFile.MalformedException e) {
            throw invalid(wheel, recordPath + " is malformed:\n  " + e.getMessage());
        } catch (IOException e) {
            throw readFailure(wheel, recordPath, e);
        }

        List<Item> items = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> unrecorded = new ArrayList<>();
        String dataPrefix = stem + ".data/";
        for (CentralDirectory.Member member : members) {
            String path = member.name();
            if (member.isDirectory()) {
                continue;
            }
            String inDistInfo = path.startsWith(distInfo + "/") ? path.substring(distInfo.length() + 1) : null;
            RecordFile.Line line = record.get(path);
            if (inDistInfo != null && NEED_NO_RECORD_LINE.contains(inDistInfo)) {
                continue;
            }
            if (line == null || !line.hasHash()) {
                unrecorded.add(path + (line == null ? " is not listed in RECORD" : " has no hash in RECORD"));
            }
            if (inDistInfo != null && NOT_INSTALLED.contains(inDistInfo)) {
                continue;
            }
            Category category = Category.ROOT;
            String target = path;
            if (path.startsWith(dataPrefix)) {
                String rest = path.substring(dataPrefix.length());
                int slash = rest.indexOf('/');
                String scheme = slash < 0 ? rest : rest.substring(0, slash);
                String inner = slash < 0 ? "" : rest.substring(slash + 1);
                if (inner.isEmpty()) {
                    problems.add(path + ": a file directly in " + dataPrefix + " belongs to no scheme");
                    continue;
                }
                switch (scheme) {
                    case "purelib", "platlib" -> target = inner;
                    case "scripts" -> {
                        target = SCRIPTS_DIR + "/" + inner;
                        category = Category.SCRIPT;
                    }
                    case "headers" -> {
                        target = HEADERS_DIR + "/" + headersName(wheel, rawName) + "/" + inner;
                        category = Category.HEADER;
                    }
                    case "data" -> {
                        target = DATA_DIR + "/" + inner;
                        category = Category.DATA;
                    }
                    default -> {
                        problems.add(path + ": unknown scheme '" + scheme
                                + "' (expected purelib, platlib, scripts, headers or data)");
                        continue;
                    }
                }
            }
            if (member.isSymlink()) {
                checkSymlink(source, wheel, path, target, problems);
            }
            boolean executable = category == Category.SCRIPT || member.isExecutable();
            items.add(new Item(path, target, category, executable, line));
        }
        List<Launcher> launchers = launchers(source, names, distInfo);
        items = withoutScriptsReplacedBy(launchers, items, warnings);
        checkTargets(items, launchers, distInfo, problems);
        if (!problems.isEmpty()) {
            throw new WheelInstallException(Kind.INVALID_WHEEL, wheel,
                    problems.size() + " entr" + (problems.size() == 1 ? "y" : "ies")
                            + " cannot be installed; nothing was written", problems, null);
        }
        if (!unrecorded.isEmpty()) {
            throw new WheelInstallException(Kind.RECORD_MISMATCH, wheel, unrecorded.size() + " file"
                    + (unrecorded.size() == 1 ? " is" : "s are") + " not covered by " + recordPath
                    + "; nothing was written", unrecorded, null);
        }
        return new WheelPlan(name, version, distInfo, items, launchers, warnings);
    }

    /**
     * The directory under {@link #HEADERS_DIR} for this wheel's headers: the wheel file name's
     * distribution with {@code _} read as {@code -}, as pip names it ({@code include/python/<that>}
     * in a {@code --target} tree); METADATA's Name when the file name has no distribution part.
     */
    private static String headersName(String wheel, String metadataName) {
        int dash = wheel.indexOf('-');
        return dash > 0 && wheel.endsWith(".whl") ? wheel.substring(0, dash).replace('_', '-') : metadataName;
    }

    /** The launchers the dist-info's {@code entry_points.txt} asks for (none without one). */
    private static List<Launcher> launchers(WheelSource source, Set<String> names, String distInfo) {
        String path = distInfo + "/entry_points.txt";
        if (!names.contains(path)) {
            return List.of();
        }
        try {
            return Launcher.parse(source.readAll(path));
        } catch (Launcher.MalformedException e) {
            throw invalid(source.filename(), path + " declares scripts that cannot be generated; nothing was"
                    + " written:\n  " + e.getMessage());
        } catch (IOException e) {
            throw readFailure(source.filename(), path, e);
        }
    }

    /** A launcher replaces a {@code .data/scripts} file of the same name, as pip's does. */
    private static List<Item> withoutScriptsReplacedBy(List<Launcher> launchers, List<Item> items,
            List<String> warnings) {
        if (launchers.isEmpty()) {
            return items;
        }
        Set<String> generated = new HashSet<>();
        launchers.forEach(l -> generated.add(SCRIPTS_DIR + "/" + l.name()));
        List<Item> kept = new ArrayList<>(items.size());
        for (Item item : items) {
            if (item.category() == Category.SCRIPT && generated.contains(item.target())) {
                warnings.add(item.member() + " is replaced by the launcher entry_points.txt declares for "
                        + item.target());
            } else {
                kept.add(item);
            }
        }
        return kept;
    }

    /** Absolute paths, {@code ..}, empty or {@code .} segments, backslashes and duplicates, all at once. */
    private static void checkPaths(String wheel, List<CentralDirectory.Member> members) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CentralDirectory.Member member : members) {
            String path = member.name();
            String bare = member.isDirectory() ? path.substring(0, path.length() - 1) : path;
            if (path.startsWith("/") || isDriveAbsolute(path)) {
                problems.add("'" + path + "' is an absolute path");
            } else if (path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
                problems.add("'" + path + "' contains a backslash or NUL character");
            } else if (hasSegment(bare, true)) {
                problems.add("'" + path + "' escapes the destination with '..'");
            } else if (hasSegment(bare, false)) {
                problems.add("'" + path + "' has an empty or '.' path segment");
            } else if (!seen.add(path)) {
                problems.add("'" + path + "' appears more than once in the archive");
            }
        }
        if (!problems.isEmpty()) {
            throw new WheelInstallException(Kind.INVALID_WHEEL, wheel, "unsafe or malformed paths in the archive;"
                    + " nothing was written", problems, null);
        }
    }

    /*
     * The two checks below run for every member of every wheel, so they scan the path rather than
     * compile a pattern or split it each time.
     */

    /**
     * Whether {@code path} starts with a drive ({@code C:}); exactly what {@code ^[A-Za-z]:.*} matches,
     * which (no DOTALL) is no path with a line terminator after the drive.
     */
    private static boolean isDriveAbsolute(String path) {
        if (path.length() < 2 || path.charAt(1) != ':') {
            return false;
        }
        char drive = path.charAt(0);
        if (!(drive >= 'A' && drive <= 'Z' || drive >= 'a' && drive <= 'z')) {
            return false;
        }
        for (int i = 2; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a {@code /}-separated segment of {@code path} is {@code ..} ({@code dotDot}), or is
     * empty or {@code .} (otherwise; an empty path is one empty segment).
     */
    private static boolean hasSegment(String path, boolean dotDot) {
        for (int start = 0; ; ) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            int length = end - start;
            boolean found = dotDot
                    ? length == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.'
                    : length == 0 || length == 1 && path.charAt(start) == '.';
            if (found) {
                return true;
            }
            if (slash < 0) {
                return false;
            }
            start = slash + 1;
        }
    }

    private static String distInfoDirectory(String wheel, List<CentralDirectory.Member> members) {
        Set<String> found = new LinkedHashSet<>();
        for (CentralDirectory.Member member : members) {
            int slash = member.name().indexOf('/');
            if (slash > 0 && member.name().substring(0, slash).endsWith(".dist-info")) {
                found.add(member.name().substring(0, slash));
            }
        }
        if (found.size() != 1) {
            throw invalid(wheel, found.isEmpty() ? "the archive has no .dist-info directory"
                    : "the archive has " + found.size() + " .dist-info directories: " + String.join(", ", found));
        }
        return found.iterator().next();
    }

    /** Whether {@code <name>-<version>} (escaped as in wheel names) names this distribution. */
    private static boolean stemMatches(String stem, PackageName name, Version version) {
        for (int dash = stem.indexOf('-'); dash > 0; dash = stem.indexOf('-', dash + 1)) {
            String stemName = stem.substring(0, dash);
            String stemVersion = stem.substring(dash + 1);
            if (PackageName.canonicalize(stemName).equals(name.normalized()) && Version.isValid(stemVersion)
                    && Version.parse(stemVersion).equals(version)) {
                return true;
            }
        }
        return false;
    }

    private static HeaderFile headers(WheelSource source, Set<String> names, String path) {
        if (!names.contains(path)) {
            throw invalid(source.filename(), path + " is missing");
        }
        try {
            return HeaderFile.parse(source.readAll(path), path);
        } catch (HeaderFile.MalformedException e) {
            throw invalid(source.filename(), e.getMessage());
        } catch (IOException e) {
            throw readFailure(source.filename(), path, e);
        }
    }

    /** A symbolic link member is refused when its target leaves the destination (else written as a file, as pip does). */
    private static void checkSymlink(WheelSource source, String wheel, String path, String target,
            List<String> problems) {
        String link;
        try {
            link = new String(source.readAll(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw readFailure(wheel, path, e);
        }
        List<String> resolved = new ArrayList<>(List.of(target.split("/")));
        resolved.remove(resolved.size() - 1);
        boolean escapes = link.startsWith("/");
        for (String segment : link.split("/")) {
            if (escapes) {
                break;
            }
            if (segment.equals("..")) {
                if (resolved.isEmpty()) {
                    escapes = true;
                } else {
                    resolved.remove(resolved.size() - 1);
                }
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                resolved.add(segment);
            }
        }
        if (escapes) {
            problems.add("'" + path + "' is a symbolic link to '" + link + "', which leaves the destination");
        }
    }

    /** Two members writing one path, or a file where another member needs a directory. */
    private static void checkTargets(List<Item> items, List<Launcher> launchers, String distInfo,
            List<String> problems) {
        Map<String, String> byTarget = new HashMap<>();
        byTarget.put(distInfo + "/RECORD", distInfo + "/RECORD");
        byTarget.put(distInfo + "/INSTALLER", distInfo + "/INSTALLER");
        for (Launcher launcher : launchers) {
            byTarget.put(SCRIPTS_DIR + "/" + launcher.name(), "the launcher " + launcher.name() + " (entry_points.txt)");
        }
        for (Item item : items) {
            String other = byTarget.putIfAbsent(item.target(), item.member());
            if (other != null) {
                problems.add("'" + item.member() + "' and '" + other + "' both install to " + item.target());
            }
        }
        Set<String> schemeDirectories = schemeDirectories(items, launchers);
        for (Item item : items) {
            String target = item.target();
            int first = target.indexOf('/');
            if (item.category() == Category.ROOT && first > 0 && schemeDirectories.contains(target.substring(0, first))) {
                problems.add("'" + item.member() + "' is a library file under " + target.substring(0, first)
                        + "/, where this installer puts the wheel's " + switch (target.substring(0, first)) {
                            case SCRIPTS_DIR -> "scripts";
                            case HEADERS_DIR -> "headers";
                            default -> "data files";
                        } + "; the two cannot be told apart");
            }
            for (int slash = target.indexOf('/'); slash > 0; slash = target.indexOf('/', slash + 1)) {
                String parent = byTarget.get(target.substring(0, slash));
                if (parent != null) {
                    problems.add("'" + item.member() + "' needs " + target.substring(0, slash)
                            + " to be a directory, but '" + parent + "' installs a file there");
                }
            }
        }
    }

    static WheelInstallException invalid(String wheel, String message) {
        return new WheelInstallException(Kind.INVALID_WHEEL, wheel, message);
    }

    static WheelInstallException readFailure(String wheel, String path, IOException e) {
        Kind kind = e instanceof java.util.zip.ZipException ? Kind.INVALID_WHEEL : Kind.IO_ERROR;
        return new WheelInstallException(kind, wheel, "cannot read " + path + ": " + e.getMessage(), List.of(), e);
    }
}
