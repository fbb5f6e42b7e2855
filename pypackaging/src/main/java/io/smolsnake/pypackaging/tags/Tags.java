package io.smolsnake.pypackaging.tags;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tag generators, in packaging's order ({@code packaging.tags}): the first tag is the most preferred.
 * Every generator takes its target explicitly; nothing here looks at the machine it runs on.
 */
public final class Tags {
    private static final Pattern CPYTHON_ABI = Pattern.compile("cp\\d+(.*)");

    private Tags() {}

    /**
     * packaging's {@code cpython_tags}: {@code cpXY-<abi>-<platform>} for each given ABI, then
     * {@code cpXY-abi3-*} (or {@code abi3t} when the first ABI is free-threaded), {@code cpXY-none-*},
     * then the stable ABI of every older minor down to 3.2. {@code abi3}, {@code none} (and for a
     * free-threaded ABI {@code abi3t}) in {@code abis} are ignored: the rules above place them.
     */
    public static List<Tag> cpythonTags(PythonVersion python, List<String> abis, List<String> platforms) {
        String interpreter = "cp" + python.nodot();
        List<String> specific = new ArrayList<>(abis);
        boolean threaded = isThreaded(specific);
        specific.remove("abi3");
        if (threaded) {
            specific.remove("abi3t");
        }
        specific.remove("none");
        List<Tag> out = new ArrayList<>();
        for (String abi : specific) {
            addAll(out, interpreter, abi, platforms);
        }
        boolean stable = python.hasMinor() && python.atLeast(3, 2);
        boolean abi3 = stable && !threaded;
        boolean abi3t = stable && threaded;
        if (abi3) {
            addAll(out, interpreter, "abi3", platforms);
        }
        if (abi3t) {
            addAll(out, interpreter, "abi3t", platforms);
        }
        addAll(out, interpreter, "none", platforms);
        if (abi3 || abi3t) {
            for (int minor = python.minor().getAsInt() - 1; minor > 1; minor--) {
                String older = "cp" + PythonVersion.of(python.major(), minor).nodot();
                for (String platform : platforms) {
                    if (abi3) {
                        out.add(new Tag(older, "abi3", platform));
                    }
                    if (abi3t) {
                        out.add(new Tag(older, "abi3t", platform));
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** The CPython ABIs of a build: {@code cp312}, {@code cp313t}, {@code cp312d} then {@code cp312}... */
    public static List<String> cpythonAbis(PythonVersion python, boolean debug, boolean freeThreaded,
            boolean pymalloc, boolean ucs4) {
        String version = python.nodot();
        String threading = freeThreaded && python.atLeast(3, 13) ? "t" : "";
        String d = debug ? "d" : "";
        List<String> abis = new ArrayList<>();
        String m = "";
        String u = "";
        if (!python.atLeast(3, 8)) {
            m = pymalloc ? "m" : "";
            if (!python.atLeast(3, 3)) {
                u = ucs4 ? "u" : "";
            }
        } else if (debug) {
            // a debug build also loads normal extension modules
            abis.add("cp" + version + threading);
        }
        abis.add(0, "cp" + version + threading + d + m + u);
        return List.copyOf(abis);
    }

    /**
     * packaging's {@code generic_tags}: {@code <interpreter>-<abi>-<platform>} for each ABI, with
     * {@code none} appended when absent.
     */
    public static List<Tag> genericTags(String interpreter, List<String> abis, List<String> platforms) {
        List<String> all = new ArrayList<>(abis);
        if (!all.contains("none")) {
            all.add("none");
        }
        List<Tag> out = new ArrayList<>();
        for (String abi : all) {
            addAll(out, interpreter, abi, platforms);
        }
        return List.copyOf(out);
    }

    /**
     * packaging's {@code compatible_tags}: {@code py*-none-<platform>} from this version down, then
     * {@code <interpreter>-none-any} when an interpreter is given (null for none), then {@code py*-none-any}.
     */
    public static List<Tag> compatibleTags(PythonVersion python, String interpreter, List<String> platforms) {
        List<String> range = pyInterpreterRange(python);
        List<Tag> out = new ArrayList<>();
        for (String version : range) {
            addAll(out, version, "none", platforms);
        }
        if (interpreter != null && !interpreter.isEmpty()) {
            out.add(new Tag(interpreter, "none", "any"));
        }
        for (String version : range) {
            out.add(new Tag(version, "none", "any"));
        }
        return List.copyOf(out);
    }

    /** packaging's {@code pure_python_tags}: {@code py*-none-any} from this version down. */
    public static List<Tag> purePythonTags(PythonVersion python) {
        List<Tag> out = new ArrayList<>();
        for (String version : pyInterpreterRange(python)) {
            out.add(new Tag(version, "none", "any"));
        }
        return List.copyOf(out);
    }

    /** {@code py312}, {@code py3}, {@code py311} ... {@code py30}: this version, the major, then older minors. */
    static List<String> pyInterpreterRange(PythonVersion python) {
        List<String> out = new ArrayList<>();
        if (python.hasMinor()) {
            out.add("py" + python.nodot());
        }
        out.add("py" + python.major());
        if (python.hasMinor()) {
            for (int minor = python.minor().getAsInt() - 1; minor >= 0; minor--) {
                out.add("py" + PythonVersion.of(python.major(), minor).nodot());
            }
        }
        return out;
    }

    /** Whether the first ABI is a free-threaded CPython one ({@code cp313t}). */
    static boolean isThreaded(List<String> abis) {
        if (abis.isEmpty()) {
            return false;
        }
        Matcher m = CPYTHON_ABI.matcher(abis.get(0));
        return m.lookingAt() && m.group(1).contains("t");
    }

    private static void addAll(List<Tag> out, String interpreter, String abi, List<String> platforms) {
        for (String platform : platforms) {
            out.add(new Tag(interpreter, abi, platform));
        }
    }
}
