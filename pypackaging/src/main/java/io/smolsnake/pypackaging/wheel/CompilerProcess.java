package io.smolsnake.pypackaging.wheel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One long-lived {@code python -I -S -c <server>} that compiles on request: it reads one JSON line
 * ({@code {"root": ..., "targets": [...]}}) on stdin, changes to {@code root}, runs what
 * {@code python -m compileall -q --invalidation-mode unchecked-hash <targets>} runs
 * ({@code compileall.main()} with that {@code sys.argv}, its stdout and stderr captured in the
 * encoding the one-shot command would print in) and answers {@code <exit> <length>\n<output>}.
 * It exits at the end of its stdin or after {@code idle} without a request, so a forgotten process
 * never outlives its JVM. Not thread-safe: one borrower at a time.
 */
final class CompilerProcess {
    /** Python 3.6+; {@code -I} keeps the current directory (a wheel's {@code enum.py}) off {@code sys.path}. */
    static final String SERVER = """
            import compileall, io, json, os, select, sys, traceback
            import argparse, py_compile
            def serve(idle):
                real_out, real_err = sys.stdout, sys.stderr
                answers = real_out.buffer
                pending = b''
                while True:
                    while b'\\n' not in pending:
                        if not select.select([0], [], [], idle)[0]:
                            return
                        chunk = os.read(0, 65536)
                        if not chunk:
                            return
                        pending += chunk
                    line, _, pending = pending.partition(b'\\n')
                    captured = io.BytesIO()
                    text = io.TextIOWrapper(captured, encoding=real_out.encoding, errors=real_out.errors,
                                            write_through=True)
                    sys.stdout = sys.stderr = text
                    try:
                        try:
                            request = json.loads(line.decode('utf-8'))
                            os.chdir(request['root'])
                            sys.argv = ['compileall', '-q', '--invalidation-mode', 'unchecked-hash']
                            sys.argv += request['targets']
                            code = int(not compileall.main())
                        except SystemExit as e:
                            if e.code is None or isinstance(e.code, int):
                                code = e.code or 0
                            else:
                                print(e.code, file=sys.stderr)
                                code = 1
                        except BaseException:
                            traceback.print_exc()
                            code = 1
                        text.flush()
                        output = captured.getvalue()
                    finally:
                        sys.stdout, sys.stderr = real_out, real_err
                    answers.write(b'%d %d\\n' % (code, len(output)) + output)
                    answers.flush()
            serve(float(sys.argv[1]))
            """;

    private final Process process;
    private final OutputStream requests;
    private final InputStream answers;
    private boolean answered;
    private long lastUsedNanos;

    private CompilerProcess(Process process) {
        this.process = process;
        this.requests = process.getOutputStream();
        this.answers = process.getInputStream();
        this.lastUsedNanos = System.nanoTime();
    }

    static CompilerProcess start(Path python, Duration idle) throws IOException {
        Process process = new ProcessBuilder(python.toString(), "-I", "-S", "-c", SERVER,
                Double.toString(idle.toMillis() / 1000.0))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        return new CompilerProcess(process);
    }

    /** What compileall answered: its exit status and everything it printed. */
    record Answer(int exit, String output) {}

    /**
     * Sends one request and waits for its answer, killing the process after {@code timeout}.
     *
     * @throws IOException when the process died, or was killed, before it answered; it is not
     *     usable afterwards
     */
    Answer compile(Path root, List<String> targets, Duration timeout, ScheduledExecutorService watchdog)
            throws IOException {
        ScheduledFuture<?> kill = watchdog.schedule(process::destroyForcibly, timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            requests.write(request(root, targets).getBytes(StandardCharsets.UTF_8));
            requests.flush();
            String header = readHeader();
            int space = header.indexOf(' ');
            int exit;
            int length;
            try {
                exit = Integer.parseInt(header.substring(0, space));
                length = Integer.parseInt(header.substring(space + 1));
            } catch (RuntimeException e) {
                throw new IOException("unexpected answer from the compiler: '" + header + "'", e);
            }
            byte[] output = answers.readNBytes(length);
            if (output.length < length) {
                throw new IOException("the compiler ended in the middle of its answer");
            }
            answered = true;
            lastUsedNanos = System.nanoTime();
            return new Answer(exit, new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            destroy();
            throw kill.isDone() && !kill.isCancelled()
                    ? new TimedOut("the compiler did not answer within " + timeout, e)
                    : e;
        } finally {
            kill.cancel(false);
        }
    }

    /** The request took longer than its timeout: the process was killed, the modules are not worth another try. */
    static final class TimedOut extends IOException {
        private static final long serialVersionUID = 1L;

        TimedOut(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private String readHeader() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(16);
        while (true) {
            int b = answers.read();
            if (b < 0) {
                throw new IOException("the compiler exited before answering");
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.US_ASCII);
            }
            if (line.size() > 64) {
                throw new IOException("unexpected answer from the compiler");
            }
            line.write(b);
        }
    }

    /** Whether it ever answered a request (a process that never did may not run the server at all). */
    boolean answered() {
        return answered;
    }

    /** Whether it is running and was used less than {@code within} ago (it exits when idle longer). */
    boolean usable(Duration within) {
        return process.isAlive() && System.nanoTime() - lastUsedNanos < within.toNanos();
    }

    /** Ends its input: the server exits at once. */
    void endInput() {
        try {
            requests.close();
        } catch (IOException e) {
            // it has exited already
        }
    }

    /** Waits up to {@code patience} for it to exit after {@link #endInput}, then kills it. */
    void awaitExit(Duration patience) {
        try {
            if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                destroy();
            }
        } catch (InterruptedException e) {
            destroy();
            Thread.currentThread().interrupt();
        }
    }

    /** Kills it and waits briefly for the kill, so that no thread is left waiting for it. */
    void destroy() {
        process.destroyForcibly();
        try {
            process.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String request(Path root, List<String> targets) {
        StringBuilder json = new StringBuilder("{\"root\": ");
        quote(json, root.toString());
        json.append(", \"targets\": [");
        for (int i = 0; i < targets.size(); i++) {
            if (i > 0) {
                json.append(", ");
            }
            quote(json, targets.get(i));
        }
        return json.append("]}\n").toString();
    }

    private static void quote(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
