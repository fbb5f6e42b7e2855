package io.smolsnake.pypackaging.locker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.smolsnake.pypackaging.index.IndexSource;
import io.smolsnake.pypackaging.index.ProjectCandidates;
import io.smolsnake.pypackaging.index.ProjectFile;
import io.smolsnake.pypackaging.index.ProjectLookup;
import io.smolsnake.pypackaging.index.ProjectPage;
import io.smolsnake.pypackaging.name.PackageName;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which answers a resolution memo can compare later, and that any change to one is seen. */
class AnswersTest {
    private static final IndexSource INDEX = IndexSource.index("https://pypi.example/simple/");
    private static final PackageName ALPHA = PackageName.of("alpha");
    private static final String SHA = "a".repeat(64);

    private static ProjectCandidates found(ProjectFile... files) {
        return new ProjectCandidates(ALPHA, List.of(new ProjectLookup.Found(INDEX,
                new ProjectPage(ALPHA, URI.create("https://pypi.example/simple/alpha/"), List.of(files)))));
    }

    private static ProjectFile file(String name, String sha256, String requiresPython, boolean yanked, long size) {
        return new ProjectFile(name, URI.create("https://files.example/" + name),
                sha256 == null ? Map.of() : Map.of("sha256", sha256), requiresPython, yanked, null, null, size);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a remote wheel without a sha256 cannot be compared | alpha-1.0-py3-none-any.whl | | false
            a remote wheel with a sha256 can                   | alpha-1.0-py3-none-any.whl | aaaa | true
            a remote sdist without one cannot be chosen anyway  | alpha-1.0.tar.gz | | true""")
    void remoteFilesAreComparedByTheirSha256(String why, String name, String sha, boolean comparable) {
        String digest = Answers.digest(found(file(name, sha == null ? null : SHA, null, false, 10)));

        assertEquals(comparable, digest != null, why);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            another sha256   | bbbb | >=3.8 | false | 10
            requires-python  | aaaa | >=3.9 | false | 10
            yanked           | aaaa | >=3.8 | true  | 10
            size             | aaaa | >=3.8 | false | 11""")
    void anyChangeToAFileChangesTheDigest(String change, String sha, String requiresPython, boolean yanked, long size) {
        String before = Answers.digest(found(file("alpha-1.0-py3-none-any.whl", SHA, ">=3.8", false, 10)));
        String after = Answers.digest(found(file("alpha-1.0-py3-none-any.whl", sha.equals("aaaa") ? SHA : "b".repeat(64),
                requiresPython, yanked, size)));

        assertNotNull(before);
        assertNotEquals(before, after, change);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not found   | not-found
            unreachable | unreachable""")
    void notFoundIsAnAnswerAndAnUnreachableSourceIsNone(String why, String kind) {
        ProjectLookup lookup = kind.equals("not-found") ? new ProjectLookup.NotFound(INDEX)
                : new ProjectLookup.Unreachable(INDEX, "connection refused");

        String digest = Answers.digest(new ProjectCandidates(ALPHA, List.of(lookup)));

        if (kind.equals("not-found")) {
            assertNotEquals(Answers.digest(found()), digest, why);
            assertNotNull(digest, why);
        } else {
            assertNull(digest, why);
        }
    }
}
