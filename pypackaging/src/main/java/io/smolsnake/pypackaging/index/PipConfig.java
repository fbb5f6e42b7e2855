package io.smolsnake.pypackaging.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * pip's configuration, read as pip reads it: the global files ({@code $XDG_CONFIG_DIRS/pip/pip.conf}
 * for each directory, default {@code /etc/xdg}, then {@code /etc/pip.conf}), the user files ({@code
 * ~/.pip/pip.conf}, then {@code $XDG_CONFIG_HOME/pip/pip.conf}), the site file ({@code
 * $VIRTUAL_ENV/pip.conf}), the file named by {@code PIP_CONFIG_FILE}, then {@code PIP_*}
 * environment variables, each overriding the ones before. An option is looked up in {@code
 * [global]}, overridden by {@code [install]}, overridden by the environment.
 *
 * <p>Two differences from pip: without {@code VIRTUAL_ENV} the site file ({@code
 * sys.prefix/pip.conf}) is not read, since that needs the interpreter; and {@code PIP_CONFIG_FILE}
 * set to {@code /dev/null} disables the files as in pip.
 *
 * @param items every setting as {@code section.key} to raw value, as {@code pip config list} shows
 *     them (the environment's under {@code :env:})
 * @param files the configuration files that were read, in the order read
 */
public record PipConfig(SortedMap<String, String> items, List<Path> files) {
    /** pip's default index. */
    public static final String PYPI = "https://pypi.org/simple";

    private static final List<String> SECTIONS = List.of("global", "install", ":env:");

    public PipConfig {
        items = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(items));
        files = List.copyOf(files);
    }

    /** This process's pip configuration. */
    public static PipConfig load() {
        return load(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * The configuration for the given environment variables and home directory.
     *
     * @throws PipConfigException when a file exists and pip would fail to parse it
     */
    public static PipConfig load(Map<String, String> env, Path home) {
        return load(env, home, Path.of("/etc"));
    }

    /** As {@link #load(Map, Path)}, with {@code etc} standing for {@code /etc} (tests). */
    static PipConfig load(Map<String, String> env, Path home, Path etc) {
        String configFile = env.get("PIP_CONFIG_FILE");
        List<List<Path>> variants = new ArrayList<>(); // in pip's override order
        List<Path> global = new ArrayList<>();
        String xdgDirs = env.getOrDefault("XDG_CONFIG_DIRS", "");
        for (String dir : (xdgDirs.isBlank() ? "/etc/xdg" : xdgDirs).split(":")) {
            if (!dir.isBlank()) {
                global.add(Path.of(dir, "pip", "pip.conf"));
            }
        }
        global.add(etc.resolve("pip.conf"));
        variants.add(global);
        boolean envFileExists = configFile != null && !configFile.isEmpty() && Files.exists(Path.of(configFile));
        if (!envFileExists) {
            String xdgHome = env.get("XDG_CONFIG_HOME");
            Path configHome = xdgHome != null && !xdgHome.isBlank() && Path.of(xdgHome).isAbsolute()
                    ? Path.of(xdgHome) : home.resolve(".config");
            variants.add(List.of(home.resolve(".pip").resolve("pip.conf"), configHome.resolve("pip").resolve("pip.conf")));
        }
        String venv = env.get("VIRTUAL_ENV");
        variants.add(venv == null || venv.isBlank() ? List.of() : List.of(Path.of(venv, "pip.conf")));
        variants.add(configFile == null || configFile.isEmpty() ? List.of() : List.of(Path.of(configFile)));

        TreeMap<String, String> items = new TreeMap<>();
        List<Path> read = new ArrayList<>();
        if (!"/dev/null".equals(configFile)) {
            for (List<Path> variant : variants) {
                for (Path file : variant) {
                    if (!Files.isRegularFile(file)) {
                        continue;
                    }
                    String text;
                    try {
                        text = Files.readString(file);
                    } catch (IOException e) {
                        throw new PipConfigException(file, 0, "unreadable (" + e.getMessage() + ")");
                    }
                    IniFile.parse(text, file).forEach((section, values) ->
                            values.forEach((key, value) -> items.put(section + "." + normalize(key), value)));
                    read.add(file);
                }
            }
        }
        env.forEach((key, value) -> {
            if (key.startsWith("PIP_")) {
                String name = key.substring(4).toLowerCase(Locale.ROOT);
                if (!name.equals("version") && !name.equals("help")) {
                    items.put(":env:." + normalize(name), value);
                }
            }
        });
        return new PipConfig(items, read);
    }

    /** The effective value of an install option: {@code [global]} < {@code [install]} < environment; empty values ignored. */
    public Optional<String> option(String name) {
        String key = normalize(name);
        String found = null;
        for (String section : SECTIONS) {
            String value = items.get(section + "." + key);
            if (value != null && !value.isEmpty()) {
                found = value;
            }
        }
        return Optional.ofNullable(found);
    }

    /** A list option, split on whitespace as pip splits {@code append} options. */
    public List<String> listOption(String name) {
        return option(name).map(v -> Arrays.stream(v.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    /** The configured {@code index-url}, if any (pip then uses {@link #PYPI}). */
    public Optional<String> indexUrl() {
        return option("index-url");
    }

    public List<String> extraIndexUrls() {
        return listOption("extra-index-url");
    }

    public List<String> findLinks() {
        return listOption("find-links");
    }

    /** Constraint files pip applies to every install ({@code constraint}); the resolver must honour them. */
    public List<String> constraints() {
        return listOption("constraint");
    }

    /** Whether {@code no-index} is set: only find-links are used. */
    public boolean noIndex() {
        return option("no-index").map(PipConfig::truthy).orElse(false);
    }

    /** The sources pip would use: the index (default PyPI), the extra indexes, then find-links. */
    public List<IndexSource> sources() {
        List<IndexSource> sources = new ArrayList<>();
        if (!noIndex()) {
            sources.add(IndexSource.index(indexUrl().orElse(PYPI)));
            extraIndexUrls().forEach(u -> sources.add(IndexSource.index(u)));
        }
        findLinks().forEach(l -> sources.add(IndexSource.findLinks(l)));
        return sources;
    }

    private static boolean truthy(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "y", "yes", "t", "true", "on", "1" -> true;
            case "n", "no", "f", "false", "off", "0" -> false;
            default -> throw new IndexException("invalid truth value '" + value + "' for no-index");
        };
    }

    /** pip's key normalisation: lower case, {@code _} to {@code -}, leading {@code --} dropped. */
    static String normalize(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace('_', '-');
        return n.startsWith("--") ? n.substring(2) : n;
    }

    /** The settings as {@code pip config list} prints them (Python reprs of the values). */
    public String render() {
        StringBuilder out = new StringBuilder();
        items.forEach((k, v) -> out.append(k).append('=').append(pythonRepr(v)).append('\n'));
        return out.toString();
    }

    static String pythonRepr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == quote) {
                        out.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append(quote).toString();
    }

}
