package io.smolsnake.pypackaging.filename;

import io.smolsnake.pypackaging.name.PackageName;
import io.smolsnake.pypackaging.version.InvalidVersionException;
import io.smolsnake.pypackaging.version.Version;
import java.util.Objects;

/**
 * A source distribution filename, {@code {name}-{version}.tar.gz} or {@code .zip}, parsed like
 * packaging's {@code parse_sdist_filename}: the version is everything after the last dash (a PEP 440
 * version has none), the name is canonicalised.
 *
 * @param filename the filename as given
 * @param name the project name
 * @param version the version
 * @param extension {@code .tar.gz} or {@code .zip}
 */
public record SdistFilename(String filename, PackageName name, Version version, String extension) {
    public SdistFilename {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(extension, "extension");
    }

    /**
     * @throws InvalidFilenameException naming the filename and what is wrong with it
     */
    public static SdistFilename parse(String filename) {
        if (filename == null) {
            throw invalid("", "a filename is required", 0, 0);
        }
        String extension;
        if (filename.endsWith(".tar.gz")) {
            extension = ".tar.gz";
        } else if (filename.endsWith(".zip")) {
            extension = ".zip";
        } else {
            throw invalid(filename, "must end with .tar.gz or .zip", filename.length(), filename.length());
        }
        String stem = filename.substring(0, filename.length() - extension.length());
        int dash = stem.lastIndexOf('-');
        if (dash < 0) {
            throw invalid(filename, "must be {name}-{version}" + extension + " (no dash before the version)",
                    0, stem.length());
        }
        String namePart = stem.substring(0, dash);
        String versionPart = stem.substring(dash + 1);
        if (namePart.isEmpty()) {
            throw invalid(filename, "the project name is empty", 0, 0);
        }
        Version version;
        try {
            version = Version.parse(versionPart);
        } catch (InvalidVersionException e) {
            throw invalid(filename, "the version \"" + versionPart + "\" is not a valid PEP 440 version",
                    dash + 1, stem.length());
        }
        return new SdistFilename(filename, new PackageName(PackageName.canonicalize(namePart), namePart),
                version, extension);
    }

    @Override
    public String toString() {
        return filename;
    }

    private static InvalidFilenameException invalid(String filename, String why, int start, int end) {
        return new InvalidFilenameException("The source distribution filename \"" + filename + "\" is invalid: "
                + why, filename, start, end);
    }
}
