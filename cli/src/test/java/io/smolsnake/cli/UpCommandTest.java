package io.smolsnake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UpCommandTest {

    /** A running {@code smolsnake up} on a thread of this process, and the endpoint lines it printed. */
    private record Running(Thread thread, AtomicInteger exit, Map<String, URI> endpoints, StringWriter err) {}

    private static Running up(String... args) throws IOException {
        PipedReader pipe = new PipedReader(64 * 1024);
        PrintWriter out = new PrintWriter(new PipedWriter(pipe), true);
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        String[] command = new String[args.length + 1];
        command[0] = "up";
        System.arraycopy(args, 0, command, 1, args.length);
        Thread thread = new Thread(() -> {
            exit.set(Main.run(out, new PrintWriter(err, true), command));
            out.close();
        }, "up-under-test");
        thread.start();
        BufferedReader lines = new BufferedReader(pipe);
        Map<String, URI> endpoints = new TreeMap<>();
        while (endpoints.size() < UpCommand.SERVICES.size()) {
            String line = lines.readLine();
            if (line == null) {
                throw new AssertionError("smolsnake up ended early: " + err);
            }
            assertTrue(line.matches("AWS_ENDPOINT_URL_[A-Z0-9]+=http://127\\.0\\.0\\.1:\\d+"), line);
            int eq = line.indexOf('=');
            endpoints.put(line.substring("AWS_ENDPOINT_URL_".length(), eq), URI.create(line.substring(eq + 1)));
        }
        return new Running(thread, exit, endpoints, err);
    }

    private static SfnClient sfn(URI endpoint) {
        return SfnClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @Test
    void printsOneEndpointLinePerServiceServesStepFunctionsAndStopsCleanly(@TempDir Path data) throws Exception {
        // given smolsnake up running
        Running up = up("--data-dir", data.toString());

        // when a client runs an execution through the printed endpoint
        URI endpoint = up.endpoints().get("SFN");
        try (SfnClient sfn = sfn(endpoint)) {
            String machine = sfn.createStateMachine(b -> b.name("Hello").roleArn("arn:aws:iam::123456789012:role/x")
                    .definition("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}"))
                    .stateMachineArn();
            String arn = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"a\": 1}")).executionArn();
            ExecutionStatus status;
            do {
                status = sfn.describeExecution(b -> b.executionArn(arn)).status();
            } while (status == ExecutionStatus.RUNNING);
            assertEquals(ExecutionStatus.SUCCEEDED, status);
        }

        // then it serves SFN and SQS, and stopping it closes the ports and exits 0
        assertEquals(java.util.Set.of("SFN", "SQS"), up.endpoints().keySet());
        up.thread().interrupt();
        up.thread().join();
        assertEquals(0, up.exit().get(), up.err().toString());
        assertTrue(up.err().toString().contains("smolsnake up: stopped"), up.err().toString());
        assertThrows(ConnectException.class, () -> new Socket(endpoint.getHost(), endpoint.getPort()).close());
    }

    @Test
    void rejectsAPortOutOfRange() {
        StringWriter err = new StringWriter();

        int exit = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "up", "--port", "70000");

        assertEquals(Main.EXIT_USAGE, exit);
        assertTrue(err.toString().contains("--port must be between 0 and"), err.toString());
    }
}
