package io.smolsnake.pypackaging.metadata;

import io.smolsnake.pypackaging.ParseException;
import io.smolsnake.pypackaging.PyText;
import io.smolsnake.pypackaging.name.ExtraName;
import io.smolsnake.pypackaging.name.PackageName;
import io.smolsnake.pypackaging.requirement.InvalidRequirementException;
import io.smolsnake.pypackaging.requirement.Requirement;
import io.smolsnake.pypackaging.version.InvalidVersionException;
import io.smolsnake.pypackaging.version.SpecifierSet;
import io.smolsnake.pypackaging.version.Version;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The core metadata of a distribution, read from a wheel's {@code METADATA}, an sdist's
 * {@code PKG-INFO} or a PEP 658 {@code .metadata} file.
 *
 * @param metadataVersion {@code Metadata-Version}, e.g. {@code 2.4}
 * @param name {@code Name} as written
 * @param version {@code Version}
 * @param summary {@code Summary}, or {@code null}
 * @param requiresPython {@code Requires-Python}, empty when absent
 * @param requiresDist every {@code Requires-Dist}, in order
 * @param providesExtra every {@code Provides-Extra} as written, in order
 * @param description the body (or, in old documents, the {@code Description} field), or {@code null}
 * @param fields every field as read, keyed by lower-case field name, values in order
 */
public record CoreMetadata(
        String metadataVersion,
        String name,
        Version version,
        String summary,
        SpecifierSet requiresPython,
        List<Requirement> requiresDist,
        List<String> providesExtra,
        String description,
        Map<String, List<String>> fields) {

    private static final Set<String> SINGLE = Set.of("metadata-version", "name", "version", "summary",
            "requires-python", "description");

    public CoreMetadata {
        if (metadataVersion == null || name == null || version == null) {
            throw new IllegalArgumentException("Metadata-Version, Name and Version are required");
        }
        requiresPython = requiresPython == null ? SpecifierSet.empty() : requiresPython;
        requiresDist = List.copyOf(requiresDist);
        providesExtra = List.copyOf(providesExtra);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        fields.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        fields = Collections.unmodifiableMap(copy);
    }

    /**
     * Reads a UTF-8 encoded document.
     *
     * @throws InvalidMetadataException when it is not UTF-8, or see {@link #parse(String)}
     */
    public static CoreMetadata parse(byte[] document) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(document)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidMetadataException("Core metadata is not valid UTF-8", null, 0, "", 0, 0);
        }
        return parse(text);
    }

    /**
     * Reads a document.
     *
     * @throws InvalidMetadataException naming the field and line: a required field
     *     ({@code Metadata-Version}, {@code Name}, {@code Version}) missing or repeated, or a
     *     malformed {@code Name}, {@code Version}, {@code Requires-Python}, {@code Requires-Dist} or
     *     {@code Provides-Extra}
     */
    public static CoreMetadata parse(String document) {
        HeaderReader.Document doc = HeaderReader.read(document);
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Map<String, HeaderReader.Field> single = new LinkedHashMap<>();
        List<Requirement> requiresDist = new ArrayList<>();
        List<String> providesExtra = new ArrayList<>();
        for (HeaderReader.Field f : doc.fields()) {
            String key = f.name().toLowerCase(Locale.ROOT);
            fields.computeIfAbsent(key, k -> new ArrayList<>()).add(f.value());
            if (SINGLE.contains(key)) {
                HeaderReader.Field earlier = single.putIfAbsent(key, f);
                if (earlier != null) {
                    throw invalid(f, "Field '" + f.name() + "' appears more than once (lines " + earlier.line()
                            + " and " + f.line() + ")");
                }
            } else if (key.equals("requires-dist")) {
                requiresDist.add(requirement(f));
            } else if (key.equals("provides-extra")) {
                String extra = PyText.strip(f.value());
                if (!PackageName.isValid(extra)) {
                    throw invalid(f, "Invalid Provides-Extra on line " + f.line() + ": '" + extra
                            + "' is not a valid extra name");
                }
                providesExtra.add(extra);
            }
        }
        String metadataVersion = PyText.strip(required(single, "Metadata-Version").value());
        HeaderReader.Field nameField = required(single, "Name");
        String name = PyText.strip(nameField.value());
        if (!PackageName.isValid(name)) {
            throw invalid(nameField, "Invalid Name on line " + nameField.line() + ": '" + name
                    + "' is not a valid project name");
        }
        HeaderReader.Field versionField = required(single, "Version");
        Version version;
        try {
            version = Version.parse(PyText.strip(versionField.value()));
        } catch (InvalidVersionException e) {
            throw invalid(versionField, "Invalid Version on line " + versionField.line(), e);
        }
        SpecifierSet requiresPython = SpecifierSet.empty();
        HeaderReader.Field python = single.get("requires-python");
        if (python != null) {
            try {
                requiresPython = SpecifierSet.parse(python.value());
            } catch (InvalidVersionException e) {
                throw invalid(python, "Invalid Requires-Python on line " + python.line(), e);
            }
        }
        HeaderReader.Field summary = single.get("summary");
        HeaderReader.Field descriptionField = single.get("description");
        String description = !doc.body().isEmpty() ? doc.body()
                : descriptionField != null ? descriptionField.value() : null;
        return new CoreMetadata(metadataVersion, name, version, summary == null ? null : summary.value(),
                requiresPython, requiresDist, providesExtra, description, fields);
    }

    /** The project name, PEP 503 normalised. */
    public PackageName packageName() {
        return PackageName.of(name);
    }

    /** The {@code Provides-Extra} names, PEP 685 normalised. */
    public List<ExtraName> extras() {
        return providesExtra.stream().map(ExtraName::of).distinct().toList();
    }

    /** Every value of a field (case-insensitive name), in order; empty when absent. */
    public List<String> values(String field) {
        return fields.getOrDefault(field.toLowerCase(Locale.ROOT), List.of());
    }

    private static Requirement requirement(HeaderReader.Field f) {
        try {
            return Requirement.parse(f.value());
        } catch (InvalidRequirementException e) {
            throw invalid(f, "Invalid Requires-Dist on line " + f.line(), e);
        }
    }

    private static HeaderReader.Field required(Map<String, HeaderReader.Field> single, String field) {
        HeaderReader.Field f = single.get(field.toLowerCase(Locale.ROOT));
        if (f == null) {
            throw new InvalidMetadataException("Missing required field '" + field + "'", field, 0, "", 0, 0);
        }
        return f;
    }

    private static InvalidMetadataException invalid(HeaderReader.Field f, String reason) {
        return new InvalidMetadataException(reason, f.name(), f.line(), f.value(), 0, f.value().length());
    }

    private static InvalidMetadataException invalid(HeaderReader.Field f, String where, ParseException cause) {
        InvalidMetadataException e = new InvalidMetadataException(where + ": " + cause.reason(), f.name(), f.line(),
                cause.input(), cause.start(), cause.end());
        e.initCause(cause);
        return e;
    }
}
