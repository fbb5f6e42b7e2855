package io.smolsnake.pypackaging.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smolsnake.pypackaging.name.PackageName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlatMatchTest {
    @ParameterizedTest(name = "{0} belongs to {1}: {2}")
    @CsvSource({
        "torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl, torch, true",
        "Foo_Bar-1.0-py3-none-any.whl, foo-bar, true",
        "foo_bar-1.0-py3-none-any.whl, foo, false",
        "foo-1.0-py3-none-any.whl, foo-bar, false",
        "foo-bar-1.0.tar.gz, foo-bar, true",
        "foo-bar-1.0.tar.gz, foo, true",
        "Foo.Bar-1.0.zip, foo-bar, true",
        "foo-1.0.tar.gz.asc, foo, false",
        "foo-.tar.gz, foo, false",
        "README.md, readme, false",
        "foo.whl, foo, false",
    })
    void matchesFlatFilesToAProjectByTheNormalisedNamePrefix(String filename, String project, boolean belongs) {
        assertEquals(belongs, Lookups.belongsTo(filename, PackageName.of(project)));
    }
}
