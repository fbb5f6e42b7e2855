package io.smolsnake.pypackaging.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smolsnake.pypackaging.ParseException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PyprojectTomlTest {
    private static final Path FILE = Path.of("pyproject.toml");

    private static final String PYPROJECT = """
            [project]
            name = "reports"
            version = "1.0"
            requires-python = ">=3.11"
            dependencies = [
                "pandas>=2.2",
                "boto3",
            ]

            [project.optional-dependencies]
            Plot = ["matplotlib"]
            excel = ["openpyxl>=3", "xlsxwriter"]

            [tool.smolsnake]
            runtime = "python3.12"
            arch = "arm64"
            handler = "app.handler"
            memory = 1024
            [tool.smolsnake.environment]
            LOG_LEVEL = "debug"

            [tool.ruff]
            line-length = 100
            """;

    @Test
    void readsDependenciesExtrasRequiresPythonAndSettings() {
        PyprojectToml p = PyprojectToml.parse(PYPROJECT, FILE);

        assertEquals(List.of("pandas>=2.2", "boto3", "matplotlib", "openpyxl>=3", "xlsxwriter"),
                p.dependencies(List.of("plot", "Excel")).stream().map(RequirementLine::text).toList());
        assertEquals(Origin.key(FILE, "project.optional-dependencies.excel[1]"),
                p.dependencies(List.of("excel")).get(3).origin());
        assertEquals(">=3.11", p.requiresPython().specifiers());
        assertEquals("python3.12", p.settings().runtime());
        assertEquals("arm64", p.settings().arch());
        assertEquals("app.handler", p.settings().handler());
        assertEquals(1024L, p.settings().all().get("memory"));
        assertEquals(Map.of("LOG_LEVEL", "debug"), p.settings().all().get("environment"));
        assertTrue(p.hasProject());
    }

    @Test
    void unknownExtraListsTheDefinedOnes() {
        PyprojectToml p = PyprojectToml.parse(PYPROJECT, FILE);

        ProjectInputException e = assertThrows(ProjectInputException.class, () -> p.dependencies(List.of("pdf")));

        assertEquals("pyproject.toml: project.optional-dependencies: no extra 'pdf' is defined (defined: Plot, excel)",
                e.getMessage());
    }

    @Test
    void reportsEveryProblemWithItsKey() {
        ProjectInputException e = assertThrows(ProjectInputException.class, () -> PyprojectToml.parse("""
                [project]
                dependencies = ["ok", 3]
                requires-python = 3.11
                optional-dependencies = { "bad extra!" = ["x"], fine = "y" }

                [tool.smolsnake]
                runtime = "python2.7"
                arch = "amd64"
                handler = "main"
                requirements = 5
                """, FILE));

        assertEquals("""
                pyproject.toml: project.dependencies[1]: expected a requirement string, found an integer
                pyproject.toml: project.optional-dependencies.bad extra!: 'bad extra!' is not a valid extra name
                pyproject.toml: project.optional-dependencies.fine: expected an array of requirement strings, found a string
                pyproject.toml: project.requires-python: expected a string, found a float
                pyproject.toml: tool.smolsnake.runtime: expected a Lambda runtime like "python3.12" (or "host"), found "python2.7"
                pyproject.toml: tool.smolsnake.arch: expected "x86_64" or "arm64", found "amd64"
                pyproject.toml: tool.smolsnake.handler: expected module.function (like "app.handler"), found "main"
                pyproject.toml: tool.smolsnake.requirements: expected a file name or an array of them, found an integer""",
                e.getMessage());
    }

    @Test
    void invalidTomlPointsAtTheLine() {
        ProjectInputException e = assertThrows(ProjectInputException.class,
                () -> PyprojectToml.parse("[project]\nname = \"a\"\nname = \"b\"\n\n", FILE));

        assertEquals("""
                pyproject.toml:3:1: invalid TOML: key 'project.name' is defined twice
                    name = "b"
                    ^""", e.getMessage());
    }

    @Test
    void dependenciesBothDynamicAndStaticAreAnError() {
        ProjectInputException e = assertThrows(ProjectInputException.class, () -> PyprojectToml.parse("""
                [project]
                dynamic = ["dependencies"]
                dependencies = ["a"]
                """, FILE));

        assertEquals("pyproject.toml: project.dynamic: lists 'dependencies', which are also given in "
                + "project.dependencies", e.getMessage());
    }

    @Test
    void seamShowsTheRequirementAndTheKey() {
        RequirementLine line = PyprojectToml.parse(PYPROJECT, FILE).dependencies().get(0);

        ProjectInputException e = assertThrows(ProjectInputException.class, () -> line.parse(text -> {
            throw new ParseException("Expected end or semicolon", text, 6, 11);
        }));

        assertEquals("""
                pyproject.toml: project.dependencies[0]: Expected end or semicolon
                    pandas>=2.2
                          ^~~~~""", e.getMessage());
    }
}
