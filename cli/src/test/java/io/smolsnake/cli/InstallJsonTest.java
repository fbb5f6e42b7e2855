package io.smolsnake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smolsnake.core.stage.InstallResult;
import io.smolsnake.core.stage.LinkResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstallJsonTest {
    @Test
    void writesTheResultsAsOneLineOfJson() {
        LinkResult env = new LinkResult("5d6a", "/s/envs/5d6a", 2280, 2279, 1, false, 0.426719384, true);
        InstallResult six = new InstallResult("six", "1.17.0", "/s/store/six", 7, 35000, false, true, 0.02);

        assertEquals("""
                {"environment":{"digest":"5d6a","path":"/s/envs/5d6a","files":2280,"linked":2279,"copied":1,\
                "cached":false,"seconds":0.426719384,"nativeFiles":true},"packages":[{"name":"six",\
                "version":"1.17.0","path":"/s/store/six","files":7,"bytes":35000,"compiled":false,\
                "cached":true,"seconds":0.02}]}""", InstallJson.of(env, List.of(six)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/tmp/plain", "/tmp/with \"quotes\" and \\backslashes\\", "/tmp/tab\there\nnew line",
        "/tmp/\b\f\r\u0000\u0001\u001f\u007f", "/tmp/ünïcödé/日本/\u2028/😀", "/tmp/slash/</script>"})
    void writesWhatJacksonWritesForAnyPath(String path) throws Exception {
        for (double seconds : new double[] {0, 0.001234, 1.0e-7, 12.5, 123456789.123, 3.0e10}) {
            LinkResult env = new LinkResult(path, path, 0, Long.MAX_VALUE, -1, true, seconds, false);
            List<InstallResult> packages = List.of(
                    new InstallResult(path, "1.0", path, 1, 2, true, false, seconds),
                    new InstallResult("b", "2.0.post1", "/b", 3, 4, false, true, seconds / 3));
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("environment", env);
            all.put("packages", packages);

            assertEquals(new ObjectMapper().writeValueAsString(all), InstallJson.of(env, packages));
        }
    }

    @Test
    void writesNoPackagesAsAnEmptyList() {
        LinkResult env = new LinkResult("d", "/e", 0, 0, 0, true, 0.5, false);

        assertEquals("""
                {"environment":{"digest":"d","path":"/e","files":0,"linked":0,"copied":0,"cached":true,\
                "seconds":0.5,"nativeFiles":false},"packages":[]}""", InstallJson.of(env, List.of()));
    }
}
