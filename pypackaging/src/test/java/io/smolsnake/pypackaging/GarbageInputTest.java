package io.smolsnake.pypackaging;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.smolsnake.pypackaging.filename.SdistFilename;
import io.smolsnake.pypackaging.filename.WheelFilename;
import io.smolsnake.pypackaging.lock.InvalidLockException;
import io.smolsnake.pypackaging.lock.Lock;
import io.smolsnake.pypackaging.metadata.CoreMetadata;
import io.smolsnake.pypackaging.name.PackageName;
import io.smolsnake.pypackaging.project.ProjectInputException;
import io.smolsnake.pypackaging.project.PyprojectToml;
import io.smolsnake.pypackaging.requirement.Marker;
import io.smolsnake.pypackaging.requirement.Requirement;
import io.smolsnake.pypackaging.tags.Tag;
import io.smolsnake.pypackaging.version.Specifier;
import io.smolsnake.pypackaging.version.SpecifierSet;
import io.smolsnake.pypackaging.version.Version;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every parser rejects garbage with its own exception, naming the input: never a bare
 * NullPointerException, IndexOutOfBoundsException or NumberFormatException. The inputs are
 * seeded mutations of valid strings, so a failure is reproducible.
 */
class GarbageInputTest {
    private static final String ALPHABET = "abcxyz019._-+!*=<>~;:,[]()@/\\'\" \t\n\u00e9\u0663\ud83d\ude00#%$";

    private static final Map<String, Consumer<String>> PARSERS = new LinkedHashMap<>();

    static {
        PARSERS.put("Version", Version::parse);
        PARSERS.put("Specifier", Specifier::parse);
        PARSERS.put("SpecifierSet", SpecifierSet::parse);
        PARSERS.put("Requirement", Requirement::parse);
        PARSERS.put("Marker", Marker::parse);
        PARSERS.put("PackageName", PackageName::of);
        PARSERS.put("WheelFilename", WheelFilename::parse);
        PARSERS.put("SdistFilename", SdistFilename::parse);
        PARSERS.put("Tag", Tag::parse);
        PARSERS.put("CoreMetadata", CoreMetadata::parse);
        PARSERS.put("Lock", s -> Lock.parse(s, "garbage.toml"));
        PARSERS.put("Toml", Toml::parse);
        PARSERS.put("PyprojectToml", s -> PyprojectToml.parse(s, Path.of("pyproject.toml")));
    }

    private static final List<String> SEEDS = List.of("1.0.post2.dev3+local.7", ">=1.0,<2.0,!=1.5.*",
            "pandas[excel,plot] >=2.2 ; python_version >= '3.11' and sys_platform == 'linux'",
            "name @ https://example.com/name-1.0-py3-none-any.whl", "extra == 'x' or (os_name != 'nt')",
            "numpy-2.2.6-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", "foo_bar-1.0.tar.gz",
            "py2.py3-none-any", "Metadata-Version: 2.1\nName: a\nVersion: 1.0\nRequires-Dist: b>=1\n",
            "lock-version = \"1.0\"\ncreated-by = \"x\"\n[[packages]]\nname = \"a\"\nversion = \"1\"\n",
            "[project]\ndependencies = [\"a>=1\", 'b']\nt = 1979-05-27T07:32:00.5-07:00 # c\nn = [0xf_f, 1e-3, -0.0]\n"
                    + "[tool.smolsnake]\ns = \"\"\"\\\n x\\u00e9\"\"\"\ni = {a.b = 1_000, c = '''\nd''', e = +inf}\n[[x.y]]\n");

    @Test
    void everyParserRejectsGarbageWithItsOwnException() {
        Random random = new Random(20261122);
        List<String> problems = new ArrayList<>();
        int tried = 0;
        for (Map.Entry<String, Consumer<String>> parser : PARSERS.entrySet()) {
            for (int i = 0; i < 1500; i++) {
                String input = mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
                tried++;
                try {
                    parser.getValue().accept(input);
                } catch (ParseException | InvalidLockException | Toml.TomlException | ProjectInputException e) {
                    if (e.getMessage() == null || e.getMessage().isBlank()) {
                        problems.add(parser.getKey() + " gave no message for " + show(input));
                    }
                } catch (RuntimeException e) {
                    problems.add(parser.getKey() + " threw " + e.getClass().getName() + " for " + show(input) + ": "
                            + e.getMessage());
                }
                if (problems.size() > 20) {
                    fail(String.join("\n", problems));
                }
            }
        }
        assertTrue(problems.isEmpty(), () -> tried(problems));
        assertTrue(tried > 10_000);
    }

    private static String tried(List<String> problems) {
        return problems.size() + " problems:\n" + String.join("\n", problems);
    }

    private static String mutate(String seed, Random random) {
        StringBuilder s = new StringBuilder(seed);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = s.length() == 0 ? 0 : random.nextInt(s.length());
            switch (random.nextInt(4)) {
                case 0 -> s.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 1 -> {
                    if (s.length() > 0) {
                        s.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (s.length() > 0) {
                        s.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    }
                }
                default -> s.setLength(at); // truncate
            }
        }
        return s.toString();
    }

    private static String show(String input) {
        return "'" + input.replace("\n", "\\n").replace("\t", "\\t") + "'";
    }
}
