package io.smolsnake.pypackaging.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smolsnake.pypackaging.ParseException;
import io.smolsnake.pypackaging.project.RequirementLine.Kind;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequirementsTxtTest {
    private static final Path MAIN = Path.of("requirements.txt");
    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "B".repeat(64);

    private static RequirementsFile read(Map<String, String> files) {
        return read(files, Map.of());
    }

    private static RequirementsFile read(Map<String, String> files, Map<String, String> env) {
        return RequirementsTxt.read(MAIN, env, p -> {
            String text = files.get(p.toString().replace('\\', '/'));
            if (text == null) {
                throw new NoSuchFileException(p.toString());
            }
            return text;
        });
    }

    private static List<String> texts(List<RequirementLine> lines) {
        return lines.stream().map(RequirementLine::text).toList();
    }

    @Test
    void readsRequirementsCommentsContinuationsAndHashes() {
        RequirementsFile f = read(Map.of("requirements.txt", """
                # a comment line
                requests[socks] >= 2.31  # trailing comment
                numpy==2.2.3 \\
                    --hash=sha256:%s \\
                    --hash sha256:%s

                pandas; python_version >= "3.9"
                url#fragment-is-not-a-comment
                """.formatted(SHA_A, SHA_B)));

        assertEquals(List.of("requests[socks] >= 2.31", "numpy==2.2.3", "pandas; python_version >= \"3.9\"",
                "url#fragment-is-not-a-comment"), texts(f.requirements()));
        assertEquals(List.of("sha256:" + SHA_A, "sha256:" + SHA_B.toLowerCase()), f.requirements().get(1).hashes());
        assertEquals(Origin.line(MAIN, 3, 1, "numpy==2.2.3 \\"), f.requirements().get(1).origin());
        assertEquals(Origin.line(MAIN, 2, 1, "requests[socks] >= 2.31  # trailing comment"),
                f.requirements().get(0).origin());
        assertEquals(List.of(MAIN), f.files());
    }

    @Test
    void includesAndConstraintsAreRelativeToTheIncludingFile() {
        RequirementsFile f = read(Map.of(
                "requirements.txt", "-r sub/base.txt\n--constraint=sub/pins.txt\nflask\n",
                "sub/base.txt", "-r ../common.txt\nboto3\n",
                "common.txt", "attrs\n",
                "sub/pins.txt", "attrs==25.1.0\n-r more.txt\n",
                "sub/more.txt", "click\n"));

        assertEquals(List.of("attrs", "boto3", "click", "flask"), texts(f.requirements()));
        assertEquals(List.of("attrs==25.1.0"), texts(f.constraints()));
        assertEquals(Path.of("common.txt"), f.requirements().get(0).origin().file());
        assertEquals(List.of(MAIN, Path.of("sub/base.txt"), Path.of("common.txt"), Path.of("sub/pins.txt"),
                Path.of("sub/more.txt")), f.files());
    }

    @Test
    void recordsIndexOptionsLastIndexUrlWinning() {
        RequirementsFile f = read(Map.of("requirements.txt", """
                -i https://first.example/simple
                --index-url https://mirror.example/simple
                --extra-index-url=https://extra.example/simple
                --extra-index https://abbreviated.example/simple
                -f wheels
                --find-links https://links.example/
                --no-index
                --pre
                --trusted-host mirror.example
                --require-hashes
                --only-binary :all:
                --prefer-binary
                """));

        assertEquals(new IndexOptions("https://mirror.example/simple",
                List.of("https://extra.example/simple", "https://abbreviated.example/simple"),
                List.of("wheels", "https://links.example/"), true, true, List.of("mirror.example"), true),
                f.options());
        assertEquals(List.of(), f.requirements());
    }

    @Test
    void expandsSetEnvironmentVariablesOnly() {
        RequirementsFile f = read(Map.of("requirements.txt", """
                --index-url https://${USER}:${TOKEN}@mirror.example/simple
                mypkg @ https://${HOST}/mypkg-1.0-py3-none-any.whl
                other==${lower_case}
                """), Map.of("TOKEN", "s3cret", "HOST", "files.example", "USER", ""));

        assertEquals("https://${USER}:s3cret@mirror.example/simple", f.options().indexUrl());
        assertEquals(List.of("mypkg @ https://files.example/mypkg-1.0-py3-none-any.whl", "other==${lower_case}"),
                texts(f.requirements()));
    }

    @Test
    void recordsLocalProjectsAndUrls() {
        RequirementsFile f = read(Map.of(
                "requirements.txt", "-r libs/reqs.txt\n./vendored/pkg[extra]\n"
                        + "https://files.example/x-1.0-py3-none-any.whl\nname @ https://files.example/n-1.tar.gz\n",
                "libs/reqs.txt", "-e ./mylib\n--editable=git+https://github.com/o/r#egg=r\nfile:../other\n"
                        + "dist/thing-1.0.tar.gz\n"));

        assertEquals(List.of(Kind.PATH, Kind.URL, Kind.PATH, Kind.PATH, Kind.PATH, Kind.URL, Kind.NAMED),
                f.requirements().stream().map(RequirementLine::kind).toList());
        RequirementLine editable = f.requirements().get(0);
        assertEquals("./mylib", editable.text());
        assertEquals(true, editable.editable());
        assertEquals(Path.of("libs/mylib"), editable.localPath());
        assertEquals(Origin.line(Path.of("libs/reqs.txt"), 1, 4, "-e ./mylib"), editable.origin());
        assertEquals(true, f.requirements().get(1).editable());
        assertEquals(Path.of("other"), f.requirements().get(2).localPath());
        assertEquals(Path.of("libs/dist/thing-1.0.tar.gz"), f.requirements().get(3).localPath());
        assertEquals(Path.of("vendored/pkg"), f.requirements().get(4).localPath());
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                Arguments.of("unknown option", Map.of("requirements.txt", "flask\n\nrequests==2.32.3 --hsah=sha256:00\n"), """
                        requirements.txt:3:18: unknown option --hsah
                            requests==2.32.3 --hsah=sha256:00
                                             ^~~~~~"""),
                Arguments.of("line option after requirement", Map.of("requirements.txt", "flask --pre\n"), """
                        requirements.txt:1:7: --pre must be on a line of its own, not after a requirement
                            flask --pre
                                  ^~~~~"""),
                Arguments.of("unknown option on its own line", Map.of("requirements.txt", "  --upgrade\n"), """
                        requirements.txt:1:3: unknown option --upgrade
                              --upgrade
                              ^~~~~~~~~"""),
                Arguments.of("unknown short option", Map.of("requirements.txt", "-x foo\n"), """
                        requirements.txt:1:1: unknown option -x
                            -x foo
                            ^~"""),
                Arguments.of("ambiguous abbreviation", Map.of("requirements.txt", "--no something\n"), """
                        requirements.txt:1:1: ambiguous option --no (could be --no-index, --no-binary)
                            --no something
                            ^~~~"""),
                Arguments.of("bad hash algorithm", Map.of("requirements.txt", "six --hash=md5:abc\n"), """
                        requirements.txt:1:12: allowed hash algorithms for --hash are sha256, sha384, sha512
                            six --hash=md5:abc
                                       ^~~"""),
                Arguments.of("short sha256", Map.of("requirements.txt", "six \\\n  --hash=sha256:abc\n"), """
                        requirements.txt:2:17: a sha256 digest is 64 hexadecimal digits
                              --hash=sha256:abc
                                            ^~~"""),
                Arguments.of("hash without requirement", Map.of("requirements.txt", "--hash=sha256:" + SHA_A + "\n"), """
                        requirements.txt:1:1: --hash belongs after a requirement on the same line
                            --hash=sha256:%s
                            ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~""".formatted(SHA_A)),
                Arguments.of("missing value", Map.of("requirements.txt", "-r\n"), """
                        requirements.txt:1:1: -r requires a value
                            -r
                            ^~"""),
                Arguments.of("no-binary", Map.of("requirements.txt", "--no-binary :all:\n"), """
                        requirements.txt:1:1: --no-binary cannot be honoured: smolsnake installs wheels only
                            --no-binary :all:
                            ^~~~~~~~~~~~~~~~~"""),
                Arguments.of("editable name", Map.of("requirements.txt", "-e requests\n"), """
                        requirements.txt:1:4: -e needs a local project path or a VCS URL, found 'requests'
                            -e requests
                               ^~~~~~~~"""),
                Arguments.of("missing include", Map.of("requirements.txt", "# deps\n-r base.txt\n"), """
                        requirements.txt:2:4: cannot read base.txt (no such file)
                            -r base.txt
                               ^~~~~~~~"""),
                Arguments.of("include cycle", Map.of("requirements.txt", "-r a.txt\n", "a.txt", "x\n-r requirements.txt\n"), """
                        a.txt:2:4: requirements files include each other: requirements.txt -> a.txt -> requirements.txt
                            -r requirements.txt
                               ^~~~~~~~~~~~~~~~"""),
                Arguments.of("editable constraint", Map.of("requirements.txt", "-c c.txt\n", "c.txt", "-e ./x\n"), """
                        c.txt:1:4: editable requirements are not allowed as constraints
                            -e ./x
                               ^~~"""),
                Arguments.of("unclosed quote", Map.of("requirements.txt", "-i 'https://x\n"), """
                        requirements.txt:1:4: no closing quotation
                            -i 'https://x
                               ^"""),
                Arguments.of("stray argument", Map.of("requirements.txt", "--pre flask\n"), """
                        requirements.txt:1:7: unexpected argument 'flask' (a requirement goes before the options)
                            --pre flask
                                  ^~~~~"""),
                Arguments.of("remote include", Map.of("requirements.txt", "-r https://x.example/r.txt\n"), """
                        requirements.txt:1:4: requirements files by URL are not supported; download it and give its path
                            -r https://x.example/r.txt
                               ^~~~~~~~~~~~~~~~~~~~~~~"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void badLines(String name, Map<String, String> files, String expected) {
        ProjectInputException e = assertThrows(ProjectInputException.class, () -> read(files));

        assertEquals(expected, e.getMessage());
    }

    @Test
    void missingTopFileNamesIt() {
        ProjectInputException e = assertThrows(ProjectInputException.class, () -> read(Map.of()));

        assertEquals("requirements.txt: cannot read the requirements file (no such file)", e.getMessage());
    }

    @Test
    void seamReportsARequirementParseErrorAtItsColumnInTheFile() {
        RequirementsFile f = read(Map.of("requirements.txt", "flask\n    requests >= \n"));
        RequirementLine line = f.requirements().get(1);

        ProjectInputException e = assertThrows(ProjectInputException.class, () -> line.parse(text -> {
            throw new ParseException("Expected a version after '>='", text, 11, 12);
        }));

        assertEquals("""
                requirements.txt:2:16: Expected a version after '>='
                        requests >=\s
                                   ^""", e.getMessage());
        assertEquals("flask", f.requirements().get(0).parse(String::toUpperCase).toLowerCase());
    }
}
