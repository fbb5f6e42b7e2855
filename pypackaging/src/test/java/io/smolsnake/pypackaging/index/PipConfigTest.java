package io.smolsnake.pypackaging.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PipConfigTest {
    @TempDir
    Path root;

    private Path home;
    private Path etc;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void layout() throws IOException {
        home = Files.createDirectories(root.resolve("home"));
        etc = Files.createDirectories(root.resolve("etc"));
        env.put("XDG_CONFIG_DIRS", root.resolve("xdg1") + ":" + root.resolve("xdg2"));
    }

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private PipConfig load() {
        return PipConfig.load(env, home, etc);
    }

    @ParameterizedTest(name = "{0} overrides {1}")
    @CsvSource({
        // a later file in pip's order wins over an earlier one for the same section
        "etc/pip.conf, xdg1/pip/pip.conf",
        "xdg2/pip/pip.conf, xdg1/pip/pip.conf",
        "home/.pip/pip.conf, etc/pip.conf",
        "home/.config/pip/pip.conf, home/.pip/pip.conf",
        "venv/pip.conf, home/.config/pip/pip.conf",
        "custom.conf, venv/pip.conf",
    })
    void laterConfigFilesOverrideEarlierOnes(String winner, String loser) throws IOException {
        env.put("VIRTUAL_ENV", root.resolve("venv").toString());
        if (winner.equals("custom.conf")) {
            env.put("PIP_CONFIG_FILE", root.resolve("custom.conf").toString());
        }
        write(loser, "[global]\nindex-url = https://loser.example/simple\n");
        write(winner, "[global]\nindex-url = https://winner.example/simple\n");

        assertEquals(Optional.of("https://winner.example/simple"), load().indexUrl());
    }

    @Test
    void installSectionBeatsGlobalAndTheEnvironmentBeatsBoth() throws IOException {
        write("etc/pip.conf", "[install]\nindex-url = https://install.example/simple\nfind-links = /a\n");
        write("home/.config/pip/pip.conf", "[global]\nindex-url = https://global.example/simple\nfind-links = /b\n");
        env.put("PIP_FIND_LINKS", "/c  /d");

        PipConfig config = load();

        assertEquals(Optional.of("https://install.example/simple"), config.indexUrl());
        assertEquals(List.of("/c", "/d"), config.findLinks());
    }

    @Test
    void splitsListOptionsOnAnyWhitespaceIncludingContinuationLines() throws IOException {
        write("etc/pip.conf", """
                [global]
                extra-index-url =
                    https://one.example/simple
                    https://two.example/simple   file:///three
                constraint = /etc/constraints.txt
                """);

        PipConfig config = load();

        assertEquals(List.of("https://one.example/simple", "https://two.example/simple", "file:///three"),
                config.extraIndexUrls());
        assertEquals(List.of("/etc/constraints.txt"), config.constraints());
        assertEquals("\nhttps://one.example/simple\nhttps://two.example/simple   file:///three",
                config.items().get("global.extra-index-url"));
    }

    @Test
    void readsEnvironmentListsAndNormalisesKeysLikePip() {
        env.put("PIP_EXTRA_INDEX_URL", "https://a.example/simple https://b.example/simple");
        env.put("PIP_INDEX_URL", "https://main.example/simple");
        env.put("PIP_VERSION", "ignored as pip ignores it");

        PipConfig config = load();

        assertEquals(Map.of(":env:.extra-index-url", "https://a.example/simple https://b.example/simple",
                ":env:.index-url", "https://main.example/simple"), config.items());
        assertEquals(List.of(IndexSource.index("https://main.example/simple"), IndexSource.index("https://a.example/simple"),
                IndexSource.index("https://b.example/simple")), config.sources());
    }

    @Test
    void usesPypiWhenNoIndexUrlIsSetAndOnlyFindLinksWithNoIndex() throws IOException {
        write("etc/pip.conf", "[global]\nfind-links = /wheels\n");
        assertEquals(List.of(IndexSource.index(PipConfig.PYPI), IndexSource.findLinks("/wheels")), load().sources());

        env.put("PIP_NO_INDEX", "yes");
        assertEquals(List.of(IndexSource.findLinks("/wheels")), load().sources());
    }

    @Test
    void skipsUserFilesWhenPipConfigFileExistsAndAllFilesWhenItIsDevNull() throws IOException {
        write("home/.config/pip/pip.conf", "[global]\ntimeout = 5\n");
        write("etc/pip.conf", "[global]\nretries = 2\n");
        write("custom.conf", "[global]\nno-cache-dir = true\n");
        env.put("PIP_CONFIG_FILE", root.resolve("custom.conf").toString());

        assertEquals(List.of(etc.resolve("pip.conf"), root.resolve("custom.conf")), load().files());

        env.put("PIP_CONFIG_FILE", "/dev/null");
        assertEquals(List.of(), load().files());
        assertEquals(Map.of(":env:.config-file", "/dev/null"), load().items());
    }

    @Test
    void ignoresEmptyValuesWhenLookingUpAnOption() throws IOException {
        write("etc/pip.conf", "[global]\nindex-url = https://x.example/simple\n[install]\nindex-url =\n");

        assertEquals(Optional.of("https://x.example/simple"), load().indexUrl());
    }

    @Test
    void inheritsDefaultSectionAndAcceptsColonsAndComments() throws IOException {
        write("etc/pip.conf", "# comment\n[DEFAULT]\ntimeout: 9\n; another\n[global]\nIndex_URL: https://c.example\n");

        assertEquals(Map.of("global.timeout", "9", "global.index-url", "https://c.example"), load().items());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "index-url = x                      | 1 | comes before any [section] header",
        "[global]\\nindex-url x             | 2 | expected 'key = value', found 'index-url x'",
        "[global]\\na = 1\\nA = 2           | 3 | option 'a' appears twice in its section",
        "[global]\\n[global]                | 2 | section 'global' appears twice",
    })
    void rejectsFilesPipCannotLoadNamingFileAndLine(String text, int line, String reason) throws IOException {
        write("etc/pip.conf", text.replace("\\n", "\n"));

        PipConfigException e = assertThrows(PipConfigException.class, this::load);

        assertEquals(etc.resolve("pip.conf"), e.file());
        assertEquals(line, e.line());
        assertEquals(true, e.getMessage().contains(reason), e.getMessage());
    }

    static Stream<Arguments> reprs() {
        return Stream.of(
                Arguments.of("plain", "'plain'"),
                Arguments.of("it's", "\"it's\""),
                Arguments.of("both ' \"", "'both \\' \"'"),
                Arguments.of("back\\slash", "'back\\\\slash'"),
                Arguments.of("two\nlines", "'two\\nlines'"));
    }

    @ParameterizedTest
    @MethodSource("reprs")
    void rendersValuesAsPythonReprs(String value, String repr) {
        assertEquals(repr, PipConfig.pythonRepr(value));
    }

    @Test
    void agreesWithPipConfigListOnThisMachine() throws Exception {
        Process pip;
        try {
            pip = new ProcessBuilder("python3", "-m", "pip", "config", "list").redirectErrorStream(false).start();
        } catch (IOException e) {
            Assumptions.abort("python3 is not available: " + e.getMessage());
            return;
        }
        String out = new String(pip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(pip.waitFor(60, TimeUnit.SECONDS) && pip.exitValue() == 0,
                "pip is not installed for python3");
        Assumptions.assumeTrue(System.getenv("VIRTUAL_ENV") == null || Files.exists(Path.of(System.getenv("VIRTUAL_ENV"))),
                "VIRTUAL_ENV points nowhere");

        assertEquals(out, PipConfig.load().render());
    }
}
