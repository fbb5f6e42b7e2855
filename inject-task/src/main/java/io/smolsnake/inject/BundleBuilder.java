package io.smolsnake.inject;

import io.smolsnake.core.bootstrap.Bootstrap;
import io.smolsnake.core.stage.StageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * The function's bundle: the project's source plus the bootstrap and its exec wrapper, as a
 * {@link DeterministicZip} (an unchanged project gives the same bytes, so an unchanged function
 * is not updated). A source file of the bootstrap's name is replaced by the bootstrap.
 */
final class BundleBuilder {
    private BundleBuilder() {}

    static byte[] build(String source, byte[] sourceZip) {
        Map<String, DeterministicZip.Entry> files = new LinkedHashMap<>();
        boolean any = false;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(sourceZip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                any = true;
                String name = entry.getName().replace('\\', '/');
                if (entry.isDirectory()) {
                    continue;
                }
                if (name.startsWith("/") || name.equals("..") || name.startsWith("../") || name.contains("/../")) {
                    throw new Inject.BadBundle(source, "the project bundle " + source
                            + " has an entry outside the task root: " + name);
                }
                byte[] bytes = in.readAllBytes();
                boolean script = bytes.length > 1 && bytes[0] == '#' && bytes[1] == '!';
                files.put(name, new DeterministicZip.Entry(bytes, script ? 0755 : 0644));
            }
        } catch (ZipException e) {
            throw new Inject.BadBundle(source, "the project bundle " + source
                    + " is not a zip file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new Inject.BadBundle(source, "cannot read the project bundle " + source, e);
        }
        if (!any) {
            throw new Inject.BadBundle(source, "the project bundle " + source
                    + " is empty or not a zip file");
        }
        files.put(Bootstrap.MODULE_FILE, new DeterministicZip.Entry(Bootstrap.module(), 0644));
        files.put(Bootstrap.WRAPPER_FILE, new DeterministicZip.Entry(Bootstrap.wrapper(), 0755));
        return DeterministicZip.write(files);
    }
}
