package io.smolsnake.pypackaging.requirement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smolsnake.pypackaging.name.ExtraName;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequirementTest {
    private static final MarkerEnvironment LAMBDA_PY312_ARM = MarkerEnvironment.of(Map.of(
            "implementation_name", "cpython", "implementation_version", "3.12.8", "os_name", "posix",
            "platform_machine", "aarch64", "platform_release", "5.10.0", "platform_system", "Linux",
            "python_full_version", "3.12.8",
            "platform_python_implementation", "CPython", "python_version", "3.12", "sys_platform", "linux"));

    @Test
    void parsesEveryPartOfADependencySpecifier() {
        Requirement r = Requirement.parse("Foo.Bar [Security, tests] >= 2.8.1, == 2.8.* ; python_version < \"3.13\"");

        assertEquals("Foo.Bar", r.name());
        assertEquals("foo-bar", r.packageName().toString());
        assertEquals(List.of("Security", "tests"), List.copyOf(r.extras()));
        assertEquals(List.of(new ExtraName("security"), new ExtraName("tests")), List.copyOf(r.extraNames()));
        assertEquals("==2.8.*,>=2.8.1", r.specifier().toString());
        assertNull(r.url());
        assertEquals("Foo.Bar[Security,tests]==2.8.*,>=2.8.1; python_version < \"3.13\"", r.toString());
        assertTrue(r.appliesTo(LAMBDA_PY312_ARM, MarkerContext.REQUIREMENT));
    }

    @Test
    void keepsADirectReferenceAndItsMarker() {
        Requirement r = Requirement.parse("pip @ https://example.com/pip-24.0-py3-none-any.whl ; sys_platform == 'win32'");

        assertEquals("https://example.com/pip-24.0-py3-none-any.whl", r.url());
        assertTrue(r.specifier().isEmpty());
        assertEquals("pip @ https://example.com/pip-24.0-py3-none-any.whl ; sys_platform == \"win32\"", r.toString());
        assertFalse(r.appliesTo(LAMBDA_PY312_ARM, MarkerContext.REQUIREMENT));
    }

    @Test
    void reportsWhereTheSpecifierGoesWrongWithPackagingsCaret() {
        InvalidRequirementException e = assertThrows(InvalidRequirementException.class,
                () -> Requirement.parse("numpy >= 1.26 <= 2.0"));

        assertEquals("""
                Expected comma (within version specifier), semicolon (after version specifier) or end
                    numpy >= 1.26 <= 2.0
                          ~~~~~~~~^""", e.getMessage());
        assertEquals(6, e.start());
    }

    @Test
    void reportsAnUnclosedMarkerParenthesisFromTheOpeningOne() {
        InvalidRequirementException e = assertThrows(InvalidRequirementException.class,
                () -> Requirement.parse("name; (os_name == 'posix'"));

        assertEquals("""
                Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression
                    name; (os_name == 'posix'
                          ~~~~~~~~~~~~~~~~~~~^""", e.getMessage());
    }

    @Test
    void namesTheSpecifierMemberThatIsNotPep440() {
        InvalidRequirementException e = assertThrows(InvalidRequirementException.class,
                () -> Requirement.parse("demo===x,y"));

        assertEquals("""
                Invalid specifier: 'y'
                    demo===x,y
                             ^""", e.getMessage());
    }

    @Test
    void rejectsNullAndEmptyInputWithItsOwnException() {
        assertThrows(InvalidRequirementException.class, () -> Requirement.parse(null));
        InvalidRequirementException empty = assertThrows(InvalidRequirementException.class, () -> Requirement.parse(""));
        assertEquals("Expected package name at the start of dependency specifier", empty.reason());
    }

    @Test
    void equalityNormalisesNamesExtrasAndSpecifiersButNotUrls() {
        assertEquals(Requirement.parse("Scikit_Learn[All_Blue]==1.0"), Requirement.parse("scikit-learn[all-blue]==1.0.0"));
        assertEquals(Requirement.parse("a[x]").hashCode(), Requirement.parse("A[X]").hashCode());
        assertFalse(Requirement.parse("a @ https://x/a.whl").equals(Requirement.parse("a @ https://x/A.whl")));
    }
}
