package io.smolsnake.pypackaging.wheel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A console or GUI script launcher generated from {@code entry_points.txt} (the entry points
 * specification, "Use for scripts"): {@code bin/<name>}, byte for byte what pip writes on POSIX
 * (distlib's script template under a shebang line for the target interpreter).
 *
 * @param name the script's file name in {@code bin/}
 * @param module the module to import from
 * @param attribute the callable, possibly dotted ({@code Class.method})
 */
record Launcher(String name, String module, String attribute) {
    private static final Pattern NAME = Pattern.compile("[\\w.+-]+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern REFERENCE = Pattern.compile(
            "(\\w+(?:\\.\\w+)*)(?:\\s*:\\s*(\\w+(?:\\.\\w+)*))?\\s*(?:\\[[^\\[\\]]*\\])?",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final int KERNEL_SHEBANG_LIMIT = 127;

    /** A malformed entry point that would become a launcher. */
    static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    /**
     * The launchers {@code entry_points.txt} asks for, console scripts then GUI scripts, a later
     * definition of a name replacing an earlier one (as pip does), or every malformed line at once.
     */
    static List<Launcher> parse(byte[] entryPoints) throws MalformedException {
        Map<String, Launcher> launchers = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String section = null;
        int number = 0;
        for (String raw : new String(entryPoints, StandardCharsets.UTF_8).split("\r\n|\r|\n", -1)) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                continue;
            }
            if (!"console_scripts".equals(section) && !"gui_scripts".equals(section)) {
                continue;
            }
            String where = "entry_points.txt line " + number + " '" + line + "'";
            int eq = line.indexOf('=');
            if (eq < 0) {
                problems.add(where + ": expected 'name = module:function'");
                continue;
            }
            String name = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (!NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
                problems.add(where + ": '" + name + "' is not a script name (letters, digits, '_', '-', '.', '+')");
                continue;
            }
            Matcher reference = REFERENCE.matcher(value);
            if (!reference.matches()) {
                problems.add(where + ": '" + value + "' is not an object reference (module:function)");
            } else if (reference.group(2) == null) {
                problems.add(where + ": '" + value + "' names no function; a script entry point needs"
                        + " module:function");
            } else {
                launchers.remove(name);
                launchers.put(name, new Launcher(name, reference.group(1), reference.group(2)));
            }
        }
        if (!problems.isEmpty()) {
            throw new MalformedException(String.join("\n  ", problems));
        }
        return List.copyOf(launchers.values());
    }

    /** The launcher's bytes, run by {@code interpreter}. */
    byte[] content(String interpreter) {
        String callable = attribute.contains(".") ? attribute.substring(0, attribute.indexOf('.')) : attribute;
        String script = shebang(interpreter)
                + "# -*- coding: utf-8 -*-\n"
                + "import re\n"
                + "import sys\n"
                + "from " + module + " import " + callable + "\n"
                + "if __name__ == '__main__':\n"
                + "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n"
                + "    sys.exit(" + attribute + "())\n";
        return script.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * distlib's shebang: {@code #!interpreter} where the kernel can run it, else a {@code /bin/sh}
     * trampoline (a path with a space is double-quoted).
     */
    static String shebang(String interpreter) {
        int length = interpreter.getBytes(StandardCharsets.UTF_8).length + 3;
        if (interpreter.indexOf(' ') < 0 && length <= KERNEL_SHEBANG_LIMIT) {
            return "#!" + interpreter + "\n";
        }
        String quoted = interpreter.indexOf(' ') >= 0 && !interpreter.startsWith("\"")
                ? "\"" + interpreter + "\"" : interpreter;
        return "#!/bin/sh\n'''exec' " + quoted + " \"$0\" \"$@\"\n' '''\n";
    }
}
