package io.smolsnake.pypackaging.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectTest {
    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Project load(List<Path> files, List<String> extras) {
        return Project.load(dir, files, extras, Map.of(), f -> Files.readString(f));
    }

    private static List<String> texts(Project p) {
        return p.requirements().stream().map(RequirementLine::text).toList();
    }

    private static final String PYPROJECT = """
            [project]
            name = "app"
            version = "1"
            requires-python = ">=3.12"
            dependencies = ["pandas"]
            [project.optional-dependencies]
            s3 = ["boto3"]
            [tool.smolsnake]
            runtime = "python3.12"
            arch = "x86_64"
            """;

    @Test
    void projectDependenciesWinOverARequirementsTxtBesideThem() throws IOException {
        write("pyproject.toml", PYPROJECT);
        write("requirements.txt", "pandas==2.2.3\n");

        Project p = load(List.of(), List.of("s3"));

        assertEquals(List.of("pandas", "boto3"), texts(p));
        assertEquals(">=3.12", p.requiresPython().specifiers());
        assertEquals("python3.12", p.settings().runtime());
        assertEquals(List.of(dir.resolve("pyproject.toml")), p.inputs());
    }

    @Test
    void explicitRequirementFilesWinAndPyprojectStillGivesSettings() throws IOException {
        write("pyproject.toml", PYPROJECT);
        write("deploy/requirements.txt", "-c pins.txt\npandas\n--index-url https://mirror.example/simple\n");
        write("deploy/pins.txt", "pandas==2.2.3\n");

        Project p = load(List.of(Path.of("deploy/requirements.txt")), List.of());

        assertEquals(List.of("pandas"), texts(p));
        assertEquals("pandas==2.2.3", p.constraints().get(0).text());
        assertEquals("https://mirror.example/simple", p.index().indexUrl());
        assertEquals("x86_64", p.settings().arch());
        assertEquals(List.of(dir.resolve("pyproject.toml"), dir.resolve("deploy/requirements.txt"),
                dir.resolve("deploy/pins.txt")), p.inputs());
    }

    @Test
    void settingsCanNameTheRequirementFiles() throws IOException {
        write("pyproject.toml", PYPROJECT + "requirements = \"locked.txt\"\n");
        write("locked.txt", "numpy\n");

        assertEquals(List.of("numpy"), texts(load(List.of(), List.of())));
    }

    @Test
    void requirementsTxtWhenPyprojectOnlyConfiguresTools() throws IOException {
        write("pyproject.toml", "[tool.smolsnake]\nhandler = \"app.handler\"\n");
        write("requirements.txt", "requests\n");

        Project p = load(List.of(), List.of());

        assertEquals(List.of("requests"), texts(p));
        assertEquals("app.handler", p.settings().handler());
        assertNull(p.requiresPython());
    }

    @Test
    void requirementsTxtWhenDependenciesAreDynamic() throws IOException {
        write("pyproject.toml", "[project]\nname = \"x\"\ndynamic = [\"dependencies\"]\n");
        write("requirements.txt", "requests\n");

        assertEquals(List.of("requests"), texts(load(List.of(), List.of())));
    }

    @Test
    void requirementsTxtAlone() throws IOException {
        write("requirements.txt", "requests\n");

        Project p = load(List.of(), List.of());

        assertEquals(List.of("requests"), texts(p));
        assertEquals(ProjectSettings.NONE, p.settings());
    }

    @Test
    void noInputsIsAnError() {
        ProjectInputException e = assertThrows(ProjectInputException.class, () -> load(List.of(), List.of()));

        assertEquals(dir + ": no inputs: expected pyproject.toml with a [project] table, or requirements.txt",
                e.getMessage());
    }

    @Test
    void extrasWithRequirementFilesAreAnError() throws IOException {
        write("requirements.txt", "requests\n");

        ProjectInputException e = assertThrows(ProjectInputException.class, () -> load(List.of(), List.of("s3")));

        assertEquals(dir + ": extras (s3) select [project.optional-dependencies] in pyproject.toml, but the "
                + "requirements come from requirements.txt", e.getMessage());
    }

    @Test
    void inputsDigestFollowsContentNotLocation(@TempDir Path other) throws IOException {
        write("requirements.txt", "requests\n-e ./lib\n");
        Files.writeString(other.resolve("requirements.txt"), "# same, with a comment\nrequests\n-e ./lib\n");

        Project here = load(List.of(), List.of());
        Project there = Project.load(other, List.of(), List.of(), Map.of(), f -> Files.readString(f));
        write("requirements.txt", "requests>=2\n-e ./lib\n");
        Project changed = load(List.of(), List.of());

        assertEquals(here.inputsDigest(), there.inputsDigest());
        assertNotEquals(here.inputsDigest(), changed.inputsDigest());
    }
}
