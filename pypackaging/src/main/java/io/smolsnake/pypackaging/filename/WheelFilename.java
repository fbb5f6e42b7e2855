package io.smolsnake.pypackaging.filename;

import io.smolsnake.pypackaging.name.PackageName;
import io.smolsnake.pypackaging.tags.InvalidTagException;
import io.smolsnake.pypackaging.tags.Tag;
import io.smolsnake.pypackaging.version.InvalidVersionException;
import io.smolsnake.pypackaging.version.Version;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A wheel filename ({@code {name}-{version}(-{build})?-{python}-{abi}-{platform}.whl}), parsed like
 * packaging's {@code parse_wheel_filename}: the name canonical, the version normalised, each tag
 * component possibly a compressed set ({@code py2.py3}, several platforms joined by {@code .}).
 *
 * @param filename the filename as given
 * @param name the project name (its {@link PackageName#original()} is the name as written)
 * @param version the version
 * @param build the build tag, if any
 * @param pythonTags the interpreter tags, in the order written
 * @param abiTags the ABI tags, in the order written
 * @param platformTags the platform tags, in the order written
 */
public record WheelFilename(String filename, PackageName name, Version version, Optional<BuildTag> build,
        List<String> pythonTags, List<String> abiTags, List<String> platformTags) {
    /** PEP 427's escaped project name: word characters and dots, no double underscore. */
    private static final Pattern NAME = Pattern.compile("[\\w.]+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern BUILD = Pattern.compile("([0-9]+)(.*)", Pattern.DOTALL);

    public WheelFilename {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(build, "build");
        pythonTags = List.copyOf(pythonTags);
        abiTags = List.copyOf(abiTags);
        platformTags = List.copyOf(platformTags);
    }

    /**
     * Parses a wheel filename, accepting compressed tag sets in any order.
     *
     * @throws InvalidFilenameException naming the filename and what is wrong with it
     */
    public static WheelFilename parse(String filename) {
        return parse(filename, false);
    }

    /**
     * Parses a wheel filename; with {@code validateOrder}, each compressed tag set must be in sorted
     * order as PEP 425 asks ({@code py2.py3}, not {@code py3.py2}).
     *
     * @throws InvalidFilenameException naming the filename and what is wrong with it
     */
    public static WheelFilename parse(String filename, boolean validateOrder) {
        if (filename == null) {
            throw invalid("", "a filename is required", 0, 0);
        }
        if (!filename.endsWith(".whl")) {
            throw invalid(filename, "must end with .whl", filename.length(), filename.length());
        }
        String stem = filename.substring(0, filename.length() - ".whl".length());
        String[] parts = stem.split("-", -1);
        if (parts.length != 5 && parts.length != 6) {
            throw invalid(filename, "must have 5 or 6 dash-separated parts"
                    + " ({name}-{version}(-{build})?-{python}-{abi}-{platform}.whl), found " + parts.length,
                    0, stem.length());
        }
        int column = 0;
        String namePart = parts[0];
        if (namePart.isEmpty()) {
            throw invalid(filename, "the project name is empty", 0, 0);
        }
        if (namePart.contains("__") || !NAME.matcher(namePart).matches()) {
            throw invalid(filename, "the project name \"" + namePart + "\" is invalid (an escaped name is letters,"
                    + " digits, '_' and '.', without '__')", 0, namePart.length());
        }
        PackageName name = new PackageName(PackageName.canonicalize(namePart), namePart);
        column += namePart.length() + 1;

        Version version;
        try {
            version = Version.parse(parts[1]);
        } catch (InvalidVersionException e) {
            throw invalid(filename, "the version \"" + parts[1] + "\" is not a valid PEP 440 version",
                    column, column + parts[1].length());
        }
        column += parts[1].length() + 1;

        Optional<BuildTag> build = Optional.empty();
        if (parts.length == 6) {
            Matcher m = BUILD.matcher(parts[2]);
            if (!m.matches()) {
                throw invalid(filename, "the build tag \"" + parts[2] + "\" must start with a digit",
                        column, column + parts[2].length());
            }
            build = Optional.of(new BuildTag(new BigInteger(m.group(1)), m.group(2)));
            column += parts[2].length() + 1;
        }

        int tagStart = column;
        String tag = String.join("-", List.of(parts).subList(parts.length - 3, parts.length));
        try {
            Tag.parse(tag, validateOrder);
        } catch (InvalidTagException e) {
            throw invalid(filename, "the tag \"" + tag + "\" is invalid: " + afterTag(e.reason()),
                    tagStart + e.start(), tagStart + e.end());
        }
        return new WheelFilename(filename, name, version, build, split(parts[parts.length - 3]),
                split(parts[parts.length - 2]), split(parts[parts.length - 1]));
    }

    /** Every tag the wheel carries: the product of its interpreter, ABI and platform tags. */
    public Set<Tag> tags() {
        return Tag.parse(String.join(".", pythonTags) + "-" + String.join(".", abiTags) + "-"
                + String.join(".", platformTags));
    }

    @Override
    public String toString() {
        return filename;
    }

    private static List<String> split(String component) {
        return List.of(component.split("\\.", -1));
    }

    /** The reason of a tag error without its leading {@code Invalid tag '...': }. */
    private static String afterTag(String reason) {
        int colon = reason.indexOf("': ");
        return colon >= 0 ? reason.substring(colon + 3) : reason;
    }

    private static InvalidFilenameException invalid(String filename, String why, int start, int end) {
        return new InvalidFilenameException("The wheel filename \"" + filename + "\" is invalid: " + why,
                filename, start, end);
    }
}
