package io.smolsnake.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smolsnake.pypackaging.name.PackageName;
import io.smolsnake.pypackaging.version.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkersTest {
    private static final StoreKey KEY = new StoreKey("host-python3.11-x86_64", PackageName.of("Demo_Pkg"),
            Version.parse("1.0.post1"), "ab".repeat(32));
    private static final StoreKey OTHER = new StoreKey("host-python3.11-x86_64", PackageName.of("Other.Pkg"),
            Version.parse("2"), "cd".repeat(32));

    @TempDir
    Path dir;

    @Test
    void anEntryMarkerReadsBackAsWrittenAndIsJsonJacksonReads() throws Exception {
        Markers.Entry marker = new Markers.Entry(KEY, 12, 3456, true, List.of("bin", "da\"ta"));

        Markers.writeEntry(dir, marker);

        assertEquals(marker, Markers.readEntry(dir, KEY).orElseThrow());
        JsonNode node = new ObjectMapper().readTree(dir.resolve(Markers.ENTRY).toFile());
        assertEquals("demo-pkg", node.path("name").asText());
        assertEquals(3456, node.path("bytes").asLong());
        assertEquals("da\"ta", node.path("schemeDirectories").get(1).asText());
        assertTrue(Markers.readEntry(dir, OTHER).isEmpty(), "another wheel's key does not match");
    }

    @Test
    void anEnvironmentMarkerReadsBackAsWrittenAndIsJsonJacksonReads() throws Exception {
        Markers.Environment marker = new Markers.Environment("d1", "host-python3.11-x86_64", EnvLayout.values()[0],
                List.of(KEY, OTHER), 10, 4, 9, 1, 2);

        Markers.writeEnvironment(dir, marker);

        assertEquals(marker, Markers.readEnvironment(dir, "d1", marker.platform(), marker.layout(), marker.entries())
                .orElseThrow());
        JsonNode node = new ObjectMapper().readTree(dir.resolve(Markers.ENVIRONMENT).toFile());
        assertEquals("other-pkg", node.path("entries").get(1).path("name").asText(), "names are stored normalised");
        assertEquals("2", node.path("entries").get(1).path("version").asText());
        assertEquals(2, node.path("shared").asLong());
        assertTrue(Markers.readEnvironment(dir, "d2", marker.platform(), marker.layout(), marker.entries()).isEmpty());
    }

    @Test
    void readsAnEntryMarkerWrittenByEarlierVersionsWithJackson() throws Exception {
        ObjectMapper jackson = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode node = jackson.createObjectNode().put("format", 1).put("name", "demo-pkg").put("version", "1.0.post1")
                .put("sha256", KEY.sha256()).put("platform", KEY.platform()).put("files", 7).put("bytes", 70)
                .put("compiled", false);
        Files.write(dir.resolve(Markers.ENTRY), jackson.writeValueAsBytes(node));

        assertEquals(new Markers.Entry(KEY, 7, 70, false, Markers.Entry.ALL_SCHEME_DIRECTORIES),
                Markers.readEntry(dir, KEY).orElseThrow(), "no schemeDirectories: entries marked before they were");
    }

    @Test
    void readsAnEnvironmentMarkerWrittenByEarlierVersionsWithJackson() throws Exception {
        ObjectMapper jackson = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode node = jackson.createObjectNode().put("format", 1).put("digest", "d1")
                .put("platform", KEY.platform()).put("layout", EnvLayout.values()[0].name());
        node.putArray("entries").addObject().put("name", "demo-pkg").put("version", "1.0.post1").put("sha256", KEY.sha256());
        node.put("files", 10).put("directories", 4).put("linked", 9).put("copied", 1).put("shared", 2);
        Files.write(dir.resolve(Markers.ENVIRONMENT), jackson.writeValueAsBytes(node));

        assertEquals(new Markers.Environment("d1", KEY.platform(), EnvLayout.values()[0], List.of(KEY), 10, 4, 9, 1, 2),
                Markers.readEnvironment(dir, "d1", KEY.platform(), EnvLayout.values()[0], List.of(KEY)).orElseThrow());
    }

    @Test
    void writesMarkersAsEarlierVersionsDid() throws Exception {
        Markers.Entry marker = new Markers.Entry(KEY, 12, 3456, true, List.of("bin"));
        Markers.writeEntry(dir, marker);
        ObjectMapper jackson = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode node = jackson.createObjectNode().put("format", 1).put("name", "demo-pkg").put("version", "1.0.post1")
                .put("sha256", KEY.sha256()).put("platform", KEY.platform()).put("files", 12).put("bytes", 3456)
                .put("compiled", true);
        node.putArray("schemeDirectories").add("bin");

        assertEquals(jackson.writeValueAsString(node), Files.readString(dir.resolve(Markers.ENTRY)));
    }

    @Test
    void aDamagedMarkerIsNoMarker() throws Exception {
        Files.writeString(dir.resolve(Markers.ENTRY), "{\"sha256\": \"" + KEY.sha256() + "\", ");

        assertTrue(Markers.readEntry(dir, KEY).isEmpty());
    }
}
