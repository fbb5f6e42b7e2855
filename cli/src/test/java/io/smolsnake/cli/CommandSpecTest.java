package io.smolsnake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CommandSpecTest {
    static final Param<Path> DIR = Param.positional("DIR", "The directory (default: .).").paths().withDefault(".");
    static final Param<String> OUTPUT = Param.option("-o, --output", "FILE", "Where to write.");
    static final Param<String> REQUIREMENT = Param.option("-r, --requirement", "FILE", "A file (repeatable).").list();
    static final Param<Integer> JOBS = Param.option("-j, --jobs", "N", "At once (default: ${DEFAULT-VALUE}).").ints()
            .withDefault("4");
    static final Param<Long> TIMEOUT = Param.option("--timeout", "SECONDS", "Give up after this long.").longs();
    static final Param<Boolean> PRE = Param.flag("--pre", "Allow pre-releases.");
    static final Param<Boolean> QUIET = Param.flag("-q, --quiet", "Say less.");
    static final Param<String> MODE = Param.option("--mode", "MODE", "a or b.").choices("a", "b");
    static final CommandSpec DEMO = CommandSpec.of("demo", List.of("A demo command."), List.of(),
            DIR, OUTPUT, REQUIREMENT, JOBS, TIMEOUT, PRE, QUIET, MODE);

    static final Param<String> ARN = Param.positional("ARN", "The execution.").required();
    static final Param<Path> STORE = Param.option("--store", "DIR", "The store.").paths().required();
    static final Param<String> QUEUE = Param.option("--queue-url", "URL", "The queue.").required();
    static final Param<String> FILES = Param.positional("FILE", "Files.").list();
    static final CommandSpec STRICT = CommandSpec.of("strict", List.of("Needs things."), List.of(), ARN, STORE, QUEUE,
            FILES);

    /** What a parse gave, one field per parameter, for the tables. */
    private static String render(ParsedArgs a) {
        return "dir=" + a.get(DIR) + " out=" + a.get(OUTPUT) + " r=" + a.all(REQUIREMENT) + " j=" + a.get(JOBS)
                + " t=" + a.get(TIMEOUT) + " pre=" + a.flag(PRE) + " q=" + a.flag(QUIET) + " mode=" + a.get(MODE);
    }

    private static String[] args(String line) {
        return line.isEmpty() ? new String[0] : line.split(" ");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                              | dir=. out=null r=[] j=4 t=null pre=false q=false mode=null
            --output x                      | dir=. out=x r=[] j=4 t=null pre=false q=false mode=null
            --output=x                      | dir=. out=x r=[] j=4 t=null pre=false q=false mode=null
            --output=a=b                    | dir=. out=a=b r=[] j=4 t=null pre=false q=false mode=null
            --output=                       | dir=. out= r=[] j=4 t=null pre=false q=false mode=null
            -o x                            | dir=. out=x r=[] j=4 t=null pre=false q=false mode=null
            -ox                             | dir=. out=x r=[] j=4 t=null pre=false q=false mode=null
            -o=x                            | dir=. out=x r=[] j=4 t=null pre=false q=false mode=null
            -o -                            | dir=. out=- r=[] j=4 t=null pre=false q=false mode=null
            -r a -r b --requirement=c -rd   | dir=. out=null r=[a, b, c, d] j=4 t=null pre=false q=false mode=null
            -qj8                            | dir=. out=null r=[] j=8 t=null pre=false q=true mode=null
            --jobs -3 --timeout 9000000000  | dir=. out=null r=[] j=-3 t=9000000000 pre=false q=false mode=null
            d --pre                         | dir=d out=null r=[] j=4 t=null pre=true q=false mode=null
            --pre d                         | dir=d out=null r=[] j=4 t=null pre=true q=false mode=null
            --pre=false --quiet=TRUE        | dir=. out=null r=[] j=4 t=null pre=false q=true mode=null
            --mode b                        | dir=. out=null r=[] j=4 t=null pre=false q=false mode=b
            -- -o                           | dir=-o out=null r=[] j=4 t=null pre=false q=false mode=null
            --pre -- --pre                  | dir=--pre out=null r=[] j=4 t=null pre=true q=false mode=null
            -                               | dir=- out=null r=[] j=4 t=null pre=false q=false mode=null
            """)
    void readsEveryFormOfOptionAndPositional(String line, String expected) throws UsageException {
        assertEquals(expected, render(DEMO.parse(args(line), 0)));
    }

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                arguments(DEMO, "--outptu x", "Unknown option: '--outptu'\nDid you mean: --output?"),
                arguments(DEMO, "--outptu=x", "Unknown option: '--outptu'\nDid you mean: --output?"),
                arguments(DEMO, "-quiet", "Unknown option: '-qu'"),
                arguments(DEMO, "--zzz", "Unknown option: '--zzz'"),
                arguments(DEMO, "-x", "Unknown option: '-x'"),
                arguments(DEMO, "--output", "Missing required parameter for option '--output' (FILE)"),
                arguments(DEMO, "-o", "Missing required parameter for option '--output' (FILE)"),
                arguments(DEMO, "-o --pre", "Missing required parameter for option '--output' (FILE)"),
                arguments(DEMO, "-o -q", "Missing required parameter for option '--output' (FILE)"),
                arguments(DEMO, "-o --", "Missing required parameter for option '--output' (FILE)"),
                arguments(DEMO, "--jobs x", "Invalid value for option '--jobs': 'x' is not an int"),
                arguments(DEMO, "-j99999999999", "Invalid value for option '--jobs': '99999999999' is not an int"),
                arguments(DEMO, "--timeout 1.5", "Invalid value for option '--timeout': '1.5' is not a long"),
                arguments(DEMO, "--mode c", "Invalid value for option '--mode': 'c' is not one of a, b"),
                arguments(DEMO, "--pre=maybe", "Invalid value for option '--pre': 'maybe' is not a boolean"),
                arguments(DEMO, "\0", "Invalid value for positional parameter DIR: '\0' is not a path"
                        + " (Nul character not allowed)"),
                arguments(DEMO, "-o a --output=b", "option '--output' (FILE) should be specified only once"),
                arguments(DEMO, "--pre --pre", "option '--pre' should be specified only once"),
                arguments(DEMO, "a b", "Unmatched argument at index 1: 'b'"),
                arguments(DEMO, "a b --pre c", "Unmatched arguments from index 1: 'b', 'c'"),
                arguments(STRICT, "arn", "Missing required options: '--store=DIR', '--queue-url=URL'"),
                arguments(STRICT, "arn --queue-url q", "Missing required option: '--store=DIR'"),
                arguments(STRICT, "--queue-url q --store s", "Missing required parameter: 'ARN'"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("badCommandLines")
    void rejectsABadCommandLineSayingWhatIsWrong(CommandSpec spec, String line, String message) {
        UsageException e = assertThrows(UsageException.class, () -> spec.parse(args(line), 0));

        assertEquals(message, e.getMessage());
    }

    @Test
    void anErrorCarriesTheArgumentAndItsIndex() {
        UsageException e = assertThrows(UsageException.class,
                () -> DEMO.parse(new String[] {"demo", "--pre", "--jobs", "many"}, 1));

        assertEquals("many", e.argument());
        assertEquals(3, e.index());
    }

    @Test
    void aListPositionalTakesEveryArgumentLeftAndOptionsBetweenThem() throws UsageException {
        ParsedArgs a = STRICT.parse(args("arn x --store s y --queue-url q -- --queue-url"), 0);

        assertEquals("arn", a.get(ARN));
        assertEquals(List.of("x", "y", "--queue-url"), a.all(FILES));
        assertEquals(Path.of("s"), a.get(STORE));
        assertEquals("q", a.get(QUEUE));
    }

    @ParameterizedTest
    @CsvSource({"--help, true, false", "-h, true, false", "-hV, true, true", "--version, false, true",
            "-V, false, true"})
    void helpAndVersionSkipTheChecksOfWhatIsRequired(String option, boolean help, boolean version)
            throws UsageException {
        ParsedArgs a = STRICT.parse(new String[] {option}, 0);

        assertEquals(help, a.helpRequested());
        assertEquals(version, a.versionRequested());
    }

    @Test
    void theValuesOfAListCannotBeChanged() throws UsageException {
        List<String> files = DEMO.parse(args("-r a"), 0).all(REQUIREMENT);

        assertThrows(UnsupportedOperationException.class, () -> files.add("b"));
    }

    @Test
    void refusesToDeclareAnOptionTwice() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CommandSpec.of("twice",
                List.of(), List.of(), OUTPUT, Param.flag("-o, --overwrite", "Clash.")));

        assertEquals("twice: --overwrite is declared twice", e.getMessage());
    }

    @Test
    void refusesAPositionalThatCouldNeverBeGiven() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CommandSpec.of("order",
                List.of(), List.of(), DIR, ARN));

        assertEquals("order: ARN follows an optional or list positional parameter, so it could never be told apart",
                e.getMessage());
    }

    @Test
    void helpListsTheUsageDescriptionAndEveryParameterInTwoColumns() {
        String help = Help.help(DEMO, List.of());

        assertEquals("""
                Usage: smolsnake demo [-qhV] [-o=FILE] [-r=FILE]... [-j=N] [--timeout=SECONDS]
                                      [--pre] [--mode=MODE] [DIR]
                A demo command.
                      [DIR]                The directory (default: .).
                  -o, --output=FILE        Where to write.
                  -r, --requirement=FILE   A file (repeatable).
                  -j, --jobs=N             At once (default: 4).
                      --timeout=SECONDS    Give up after this long.
                      --pre                Allow pre-releases.
                  -q, --quiet              Say less.
                      --mode=MODE          a or b.
                  -h, --help               Show this help message and exit.
                  -V, --version            Print version information and exit.
                """, help);
    }
}
