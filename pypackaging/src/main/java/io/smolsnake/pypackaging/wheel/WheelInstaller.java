package io.smolsnake.pypackaging.wheel;

import io.smolsnake.pypackaging.wheel.WheelInstallException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipException;

/**
 * Installs a wheel into one destination directory, as the binary distribution format
 * specification says; shaped like pypa/installer's {@code install(source, destination)}. See
 * {@code package-info} for the layout.
 *
 * <p>Order of work: the wheel's size and sha256 are checked when the {@link WheelSource} opens;
 * {@link WheelPlan} checks every path, WHEEL, METADATA and RECORD before a byte is written; then
 * each member is streamed once, hashed while it is written and checked against RECORD; INSTALLER,
 * bytecode and a fresh RECORD follow. Any failure after writing began empties the destination.
 */
public final class WheelInstaller {
    static final String INSTALLER_NAME = "smolsnake";
    private static final int BUFFER = 256 * 1024;
    /** Members per writing thread: below this a wheel is written by the calling thread alone. */
    static final int MEMBERS_PER_THREAD = 64;
    /**
     * Most threads writing one wheel's members. Creating a file costs the kernel far more than
     * writing its bytes, and that cost is spread over the cores only when files are created from
     * several threads.
     */
    static final int MAX_THREADS = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private WheelInstaller() {}

    /**
     * Unpacks {@code source} into {@code destination}.
     *
     * @throws WheelInstallException with a {@link Kind} saying why; the destination is then empty
     */
    public static InstallResult install(WheelSource source, Destination destination, InstallOptions options) {
        WheelPlan plan = WheelPlan.of(source);
        String wheel = source.filename();
        try {
            return new Writer(source, destination, options, plan).run();
        } catch (WheelInstallException e) {
            discard(destination, e);
            throw e;
        } catch (IOException e) {
            WheelInstallException failure = failure(wheel, e);
            discard(destination, failure);
            throw failure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            WheelInstallException failure = new WheelInstallException(Kind.IO_ERROR, wheel,
                    "interrupted while installing", List.of(), e);
            discard(destination, failure);
            throw failure;
        }
    }

    static WheelInstallException failure(String wheel, IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("No space left on device") || message.contains("Disk quota exceeded")) {
            return new WheelInstallException(Kind.NO_SPACE, wheel,
                    "the destination's file system is full: " + message, List.of(), e);
        }
        if (e instanceof Destination.UnsafePathException) {
            return new WheelInstallException(Kind.INVALID_WHEEL, wheel, message + "; nothing was installed",
                    List.of(), e);
        }
        if (e instanceof ZipException) {
            return new WheelInstallException(Kind.INVALID_WHEEL, wheel, "corrupt archive: " + message, List.of(), e);
        }
        return new WheelInstallException(Kind.IO_ERROR, wheel, "installation failed: " + e, List.of(), e);
    }

    private static void discard(Destination destination, WheelInstallException failure) {
        try {
            destination.clear();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** One installation's state. */
    private static final class Writer {
        private final WheelSource source;
        private final Destination destination;
        private final InstallOptions options;
        private final WheelPlan plan;
        private final List<RecordFile.Line> written = new ArrayList<>();
        private final List<String> mismatches = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private final byte[] shebang;
        /** The wheel's modules, compiled while its other members are still written (long-lived compilers only). */
        private EarlyCompile early;

        Writer(WheelSource source, Destination destination, InstallOptions options, WheelPlan plan) {
            this.source = source;
            this.destination = destination;
            this.options = options;
            this.plan = plan;
            this.shebang = Shebang.forInterpreter(options.scriptInterpreter());
            warnings.addAll(plan.warnings);
        }

        InstallResult run() throws IOException, InterruptedException {
            early = EarlyCompile.plan(options, plan.items);
            try {
                return write();
            } catch (IOException | InterruptedException | RuntimeException | Error e) {
                if (early != null) {
                    early.settle(e); // nothing may still write into a destination about to be discarded
                }
                throw e;
            }
        }

        private InstallResult write() throws IOException, InterruptedException {
            for (Copied copied : copyAll()) {
                written.add(copied.line());
                if (copied.mismatch() != null) {
                    mismatches.add(copied.mismatch());
                }
            }
            if (!mismatches.isEmpty()) {
                throw new WheelInstallException(Kind.RECORD_MISMATCH, source.filename(), mismatches.size()
                        + " file" + (mismatches.size() == 1 ? "" : "s") + " differ from " + plan.distInfo
                        + "/RECORD; nothing was installed", mismatches, null);
            }
            for (Launcher launcher : plan.launchers) {
                writeSmall(WheelPlan.SCRIPTS_DIR + "/" + launcher.name(), launcher.content(options.scriptInterpreter()),
                        true);
            }
            writeSmall(plan.distInfo + "/INSTALLER", (INSTALLER_NAME + "\n").getBytes(StandardCharsets.UTF_8), false);
            boolean compiled = compile();
            written.add(new RecordFile.Line(plan.distInfo + "/RECORD", "", "", -1));
            written.sort(Comparator.comparing(RecordFile.Line::path));
            byte[] record = RecordFile.write(written);
            destination.write(plan.distInfo + "/RECORD", record);
            long bytes = record.length;
            List<String> files = new ArrayList<>(written.size());
            for (RecordFile.Line line : written) {
                files.add(line.path());
                bytes += Math.max(0, line.size());
            }
            return new InstallResult(plan.name, plan.version, files, bytes, compiled, warnings, plan.schemeDirectories());
        }

        /**
         * Copies every member, on up to {@link #MAX_THREADS} threads for a wheel with many members;
         * the results are in the plan's order whatever the threads' order.
         */
        private List<Copied> copyAll() throws IOException, InterruptedException {
            List<WheelPlan.Item> items = plan.items;
            int threads = Math.min(MAX_THREADS, items.size() / MEMBERS_PER_THREAD);
            Copied[] copied = new Copied[items.size()];
            if (threads <= 1) {
                byte[] buffer = new byte[BUFFER];
                for (int pass = 0; pass < 2; pass++) { // with an early compile: the modules first
                    for (int i = 0; i < items.size(); i++) {
                        if (early == null ? pass == 0 : EarlyCompile.isModule(items.get(i)) == (pass == 0)) {
                            copied[i] = copy(items.get(i), buffer);
                            if (early != null && pass == 0) {
                                early.written(destination.root());
                            }
                        }
                    }
                }
                return Arrays.asList(copied);
            }
            // a thread takes a whole directory at a time: threads creating files in one directory
            // wait on that directory's lock in the kernel
            Map<String, List<Integer>> byDirectory = new LinkedHashMap<>();
            for (int i = 0; i < items.size(); i++) {
                String target = items.get(i).target();
                byDirectory.computeIfAbsent(target.substring(0, Math.max(0, target.lastIndexOf('/'))),
                        d -> new ArrayList<>()).add(i);
            }
            List<List<Integer>> groups = new ArrayList<>(byDirectory.values());
            if (early != null) { // directories with modules first, so that they are compiled while the rest is written
                groups.sort(Comparator.comparing(g -> g.stream().noneMatch(i -> EarlyCompile.isModule(items.get(i)))));
            }
            AtomicInteger next = new AtomicInteger();
            AtomicReference<IOException> failed = new AtomicReference<>();
            Runnable worker = () -> {
                byte[] buffer = new byte[BUFFER];
                int g;
                while (failed.get() == null && (g = next.getAndIncrement()) < groups.size()) {
                    for (int i : groups.get(g)) {
                        try {
                            copied[i] = copy(items.get(i), buffer);
                            if (early != null && EarlyCompile.isModule(items.get(i))) {
                                early.written(destination.root());
                            }
                        } catch (IOException e) {
                            failed.compareAndSet(null, e);
                            return;
                        }
                    }
                }
            };
            List<Thread> helpers = new ArrayList<>();
            try {
                for (int t = 1; t < threads; t++) {
                    Thread helper = new Thread(worker, "wheel-writer");
                    helper.setDaemon(true);
                    helper.start();
                    helpers.add(helper);
                }
                worker.run();
            } finally {
                InterruptedException interrupted = null;
                for (Thread helper : helpers) {
                    while (helper.isAlive()) {
                        try {
                            helper.join();
                        } catch (InterruptedException e) {
                            // the helpers stop at the next member; wait for them so nothing writes after we return
                            failed.compareAndSet(null, new java.io.InterruptedIOException("interrupted"));
                            interrupted = e;
                        }
                    }
                }
                if (interrupted != null) {
                    throw interrupted;
                }
            }
            if (failed.get() != null) {
                throw failed.get();
            }
            return Arrays.asList(copied);
        }

        /** Streams one member to its target, hashing what was read (for RECORD) and what was written. */
        private Copied copy(WheelPlan.Item item, byte[] buffer) throws IOException {
            RecordFile.Line expected = item.record();
            MessageDigest written256 = Digests.sha256();
            MessageDigest read = expected.algorithm().equals("sha256") && item.category() != WheelPlan.Category.SCRIPT
                    ? written256
                    : Digests.forRecord(expected.algorithm());
            long readSize = 0;
            long writtenSize = 0;
            try (InputStream in = source.open(item.member());
                    OutputStream out = destination.newFile(item.target(), item.executable())) {
                int n;
                if (item.category() == WheelPlan.Category.SCRIPT) {
                    int filled = fillFirstLine(in, buffer);
                    readSize += filled;
                    read.update(buffer, 0, filled);
                    int start = 0;
                    if (Shebang.isPythonShebang(buffer, filled)) {
                        int newline = indexOf(buffer, filled, (byte) '\n');
                        start = newline < 0 ? filled : newline + 1;
                        out.write(shebang);
                        written256.update(shebang);
                        writtenSize += shebang.length;
                    }
                    out.write(buffer, start, filled - start);
                    written256.update(buffer, start, filled - start);
                    writtenSize += filled - start;
                    while ((n = in.read(buffer)) >= 0) {
                        out.write(buffer, 0, n);
                        read.update(buffer, 0, n);
                        written256.update(buffer, 0, n);
                        readSize += n;
                        writtenSize += n;
                    }
                } else {
                    while ((n = in.read(buffer)) >= 0) {
                        out.write(buffer, 0, n);
                        read.update(buffer, 0, n);
                        readSize += n;
                    }
                    writtenSize = readSize;
                }
            }
            String actual = Digests.recordEncoding(read.digest());
            String mismatch = null;
            if (!actual.equals(expected.digest())) {
                mismatch = item.member() + ": RECORD says " + expected.algorithm() + "=" + expected.digest()
                        + ", content has " + expected.algorithm() + "=" + actual;
            } else if (expected.size() >= 0 && expected.size() != readSize) {
                mismatch = item.member() + ": RECORD says " + expected.size() + " bytes, content has "
                        + readSize + " bytes";
            }
            String writtenHash = read == written256 ? actual : Digests.recordEncoding(written256.digest());
            return new Copied(new RecordFile.Line(item.target(), "sha256", writtenHash, writtenSize), mismatch);
        }

        /** Reads until the buffer holds a newline, is full, or the member ends; returns the bytes read. */
        private static int fillFirstLine(InputStream in, byte[] buffer) throws IOException {
            int filled = 0;
            while (filled < buffer.length) {
                int n = in.read(buffer, filled, buffer.length - filled);
                if (n < 0) {
                    break;
                }
                int before = filled;
                filled += n;
                if (indexOf(buffer, filled, (byte) '\n', before) >= 0) {
                    break;
                }
            }
            return filled;
        }

        private void writeSmall(String target, byte[] content, boolean executable) throws IOException {
            try (OutputStream out = destination.newFile(target, executable)) {
                out.write(content);
            }
            MessageDigest sha256 = Digests.sha256();
            written.add(new RecordFile.Line(target, "sha256", Digests.recordEncoding(sha256.digest(content)),
                    content.length));
        }

        /**
         * Compiles with the target's Python when it is there; adds the bytecode to RECORD. Every
         * {@code .py} file written is compiled, scripts and data files too, as pip does.
         */
        private boolean compile() throws IOException, InterruptedException {
            Optional<Path> python = options.bytecodePython();
            if (python.isEmpty() || !Bytecode.usable(python.get())) {
                return false;
            }
            Set<String> targets = new TreeSet<>();
            List<String> modules = new ArrayList<>();
            for (RecordFile.Line line : written) {
                String path = line.path();
                if (!path.endsWith(".py")) {
                    continue;
                }
                modules.add(path);
                int slash = path.indexOf('/');
                targets.add(slash < 0 ? path : path.substring(0, slash));
            }
            if (modules.isEmpty()) {
                return true;
            }
            // the long-lived compilers get the modules themselves (no walk through a data tree such as
            // botocore/data), spread over them when there are many; the one-shot command the top-level entries
            if (early != null) {
                early.await().ifPresent(warnings::add);
                Set<String> compiled = new HashSet<>(early.modules());
                modules.removeIf(compiled::contains); // what is left: a launcher named *.py, say
            }
            if (!modules.isEmpty()) {
                Optional<String> warning = options.compilers().isPresent()
                        ? options.compilers().get().compileFiles(python.get(), destination.root(), modules)
                        : Bytecode.compile(python.get(), destination.root(), List.copyOf(targets));
                warning.ifPresent(warnings::add);
            }
            Set<String> known = new HashSet<>();
            written.forEach(l -> known.add(l.path()));
            for (String target : targets) {
                collectBytecode(destination.root().resolve(target), known);
            }
            return true;
        }

        private void collectBytecode(Path start, Set<String> known) throws IOException {
            if (!Files.isDirectory(start)) {
                start = start.resolveSibling("__pycache__");
                if (!Files.isDirectory(start)) {
                    return;
                }
            }
            Path root = destination.root();
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String relative = root.relativize(file).toString().replace('\\', '/');
                    if (attrs.isRegularFile() && relative.endsWith(".pyc")
                            && file.getParent().getFileName().toString().equals("__pycache__")
                            && known.add(relative)) {
                        byte[] content = Files.readAllBytes(file);
                        written.add(new RecordFile.Line(relative, "sha256",
                                Digests.recordEncoding(Digests.sha256().digest(content)), content.length));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }

        /** One member as written, and how it differs from RECORD (null when it does not). */
        private record Copied(RecordFile.Line line, String mismatch) {}

        private static int indexOf(byte[] bytes, int length, byte value) {
            return indexOf(bytes, length, value, 0);
        }

        private static int indexOf(byte[] bytes, int length, byte value, int from) {
            for (int i = from; i < length; i++) {
                if (bytes[i] == value) {
                    return i;
                }
            }
            return -1;
        }
    }
}
