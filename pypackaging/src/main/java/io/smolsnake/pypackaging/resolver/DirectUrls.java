package io.smolsnake.pypackaging.resolver;

import io.smolsnake.pypackaging.filename.InvalidFilenameException;
import io.smolsnake.pypackaging.filename.WheelFilename;
import io.smolsnake.pypackaging.name.PackageName;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Direct URL requirements ({@code name @ https://…/name-1.0-py3-none-any.whl}). */
final class DirectUrls {
    private DirectUrls() {}

    /** The distribution a direct URL names; only wheels can be locked for Lambda. */
    static Dist dist(PackageName name, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ResolveInputException("The URL of " + name + " is invalid: " + url + " (" + e.getReason() + ")");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String filename = URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
        if (!filename.endsWith(".whl")) {
            throw new ResolveInputException("The URL of " + name + " does not name a wheel: " + url
                    + " (smolsnake locks wheels only: Lambda cannot build packages; point at a .whl)");
        }
        WheelFilename wheel;
        try {
            wheel = WheelFilename.parse(filename);
        } catch (InvalidFilenameException e) {
            throw new ResolveInputException("The URL of " + name + " ends in an invalid wheel filename: "
                    + e.getMessage());
        }
        if (!wheel.name().equals(name)) {
            throw new ResolveInputException("The requirement names " + name + " but its URL is a wheel of "
                    + wheel.name() + ": " + url);
        }
        return new Dist(name, wheel.version(), filename, true, wheel.tags(), null, false, uri);
    }
}
