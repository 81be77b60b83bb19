package org.tapercds.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable local spool: records the database could not take, waiting in files until it can.
 * One file per batch, named by the sequence number of its first submission ({@code
 * 0000000000000000042.jsonl}), so the names sort in the order the records were produced. A file is
 * written under a temporary name, forced to disk and renamed atomically: a crash leaves either the
 * whole batch or a temporary file, whose whole lines are recovered on the next start; earlier
 * files are never touched. A file is deleted only after its records were committed to the database
 * ({@link #remove}). Records the database refused as invalid are kept in {@code rejected/}.
 *
 * <p>Not thread-safe for concurrent writers of the same sequence number; the {@link AlertWriter}
 * hands out the numbers.
 */
final class Spool {

    private static final Logger log = LoggerFactory.getLogger(Spool.class);

    private static final String SUFFIX = ".jsonl";
    private static final String TEMPORARY = ".tmp";

    /** A spooled file with its records. */
    record Batch(Path file, long sequence, List<StoreRecord> records) {}

    private final Path dir;
    private final Path rejected;
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong files = new AtomicLong();

    Spool(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        this.rejected = this.dir.resolve("rejected");
        try {
            Files.createDirectories(this.dir);
            recoverTemporaryFiles();
            for (Path file : files()) {
                records.addAndGet(read(file).size());
                files.incrementAndGet();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the alert spool directory " + this.dir, e);
        }
    }

    /** Records waiting in the spool. */
    long size() {
        return records.get();
    }

    boolean isEmpty() {
        return files.get() == 0;
    }

    /** The sequence number after every file in the spool (0 for an empty one). */
    long nextSequence() {
        List<Path> all = files();
        return all.isEmpty() ? 0 : sequence(all.get(all.size() - 1)) + 1;
    }

    /** Adds a batch durably: when this returns, the records survive a crash of the process. */
    void append(long sequence, List<StoreRecord> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Path file = dir.resolve(name(sequence));
        try {
            writeDurably(file, batch);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to the alert spool", e);
        }
        records.addAndGet(batch.size());
        files.incrementAndGet();
    }

    /**
     * The oldest files, in order, up to about {@code maxRecords} records (at least one file), whose
     * sequence numbers are below {@code below}.
     */
    List<Batch> oldest(int maxRecords, long below) {
        List<Batch> batches = new ArrayList<>();
        int taken = 0;
        for (Path file : files()) {
            long sequence = sequence(file);
            if (sequence >= below || (!batches.isEmpty() && taken >= maxRecords)) {
                break;
            }
            List<StoreRecord> read = read(file);
            batches.add(new Batch(file, sequence, read));
            taken += read.size();
        }
        return batches;
    }

    /** Deletes files whose records are committed. */
    void remove(List<Batch> batches) {
        for (Batch batch : batches) {
            try {
                if (Files.deleteIfExists(batch.file())) {
                    records.addAndGet(-batch.records().size());
                    files.decrementAndGet();
                }
            } catch (IOException e) {
                // Left in place: written again later, stored once (ids).
                log.warn(
                        "Could not delete a written spool file: {}",
                        e.getClass().getSimpleName());
            }
        }
    }

    /** Keeps records the database refused as invalid (never written, never retried). */
    void reject(long sequence, List<StoreRecord> refused) {
        try {
            Files.createDirectories(rejected);
            writeDurably(rejected.resolve(name(sequence)), refused);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to the alert spool", e);
        }
    }

    /**
     * The whole records of a file: a line cut short by a crash (no line break, or not a complete
     * record) ends the reading, and every record before it is returned.
     */
    static List<StoreRecord> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the alert spool", e);
        }
        List<StoreRecord> read = new ArrayList<>();
        int start = 0;
        for (int end = 0; end < bytes.length; end++) {
            if (bytes[end] != '\n') {
                continue;
            }
            String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            start = end + 1;
            try {
                read.add(SpoolFormat.record(line));
            } catch (RuntimeException e) {
                log.warn("A spool file ends in a damaged record; {} whole records read before it", read.size());
                return read;
            }
        }
        if (start < bytes.length) {
            log.warn("A spool file ends in a cut record; {} whole records read before it", read.size());
        }
        return read;
    }

    private void writeDurably(Path file, List<StoreRecord> batch) throws IOException {
        StringBuilder text = new StringBuilder();
        for (StoreRecord record : batch) {
            text.append(SpoolFormat.line(record)).append('\n');
        }
        Path temporary = file.resolveSibling(file.getFileName() + TEMPORARY);
        try (FileChannel channel = FileChannel.open(
                temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = StandardCharsets.UTF_8.encode(text.toString());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory(file.getParent());
    }

    /** A temporary file is a batch whose write a crash cut short: its whole records are kept. */
    private void recoverTemporaryFiles() throws IOException {
        List<Path> temporaries;
        try (Stream<Path> listed = Files.list(dir)) {
            temporaries = listed.filter(p -> p.getFileName().toString().endsWith(SUFFIX + TEMPORARY))
                    .sorted()
                    .toList();
        }
        for (Path temporary : temporaries) {
            String name = temporary.getFileName().toString();
            Path file = dir.resolve(name.substring(0, name.length() - TEMPORARY.length()));
            List<StoreRecord> whole = read(temporary);
            Files.delete(temporary);
            if (!whole.isEmpty() && !Files.exists(file)) {
                writeDurably(file, whole);
                log.warn("Recovered {} records from a spool file cut short by a crash", whole.size());
            }
        }
    }

    private List<Path> files() {
        try (Stream<Path> listed = Files.list(dir)) {
            return listed.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the alert spool", e);
        }
    }

    private static String name(long sequence) {
        return String.format("%019d%s", sequence, SUFFIX);
    }

    private static long sequence(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    }

    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not every platform can open a directory; the rename itself is atomic.
        }
    }
}
