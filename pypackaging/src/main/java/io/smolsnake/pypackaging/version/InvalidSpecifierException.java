package io.smolsnake.pypackaging.version;

/**
 * A string that is not a PEP 440 version specifier (or a specifier set with such a member). The
 * message names the specifier and says why: {@code Invalid specifier: '>=1.0.*' (a prefix match
 * (.*) is only allowed with == and !=)}.
 */
public class InvalidSpecifierException extends InvalidVersionException {
    private static final long serialVersionUID = 1L;

    public InvalidSpecifierException(String reason, String input, int start, int end) {
        super(reason, input, start, end);
    }
}
