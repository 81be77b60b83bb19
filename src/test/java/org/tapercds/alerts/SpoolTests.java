package org.tapercds.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool on disk: whole records survive a crash at any byte, order and content across restarts. */
class SpoolTests {

    @TempDir
    Path dir;

    @Test
    void readsAFileCutShortByACrashUpToItsLastWholeRecord() throws IOException {
        List<StoreRecord> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            records.add(i % 3 == 0 ? Records.audit("audit-" + i) : Records.alert("alert-" + i));
        }
        Spool spool = new Spool(dir);
        spool.append(7, records);
        Path file = onlyFile(dir);
        byte[] whole = Files.readAllBytes(file);
        Random random = new Random(14);
        for (int run = 0; run < 300; run++) {
            int cut = random.nextInt(whole.length + 1);
            Files.write(file, Arrays.copyOf(whole, cut));
            int complete = lineBreaks(whole, cut);
            assertThat(Spool.read(file)).as("cut at byte %d", cut).isEqualTo(records.subList(0, complete));
        }
    }

    @Test
    void keepsTheWholeRecordsOfABatchWhoseWriteACrashInterrupted() throws IOException {
        Spool first = new Spool(dir);
        first.append(3, List.of(Records.alert("a"), Records.alert("b"), Records.alert("c")));
        Path file = onlyFile(dir);
        byte[] bytes = Files.readAllBytes(file);
        Files.delete(file);
        // The temporary file of a batch being written: two whole lines and part of the third.
        int twoLines = nthLineBreak(bytes, 2) + 1;
        Files.write(dir.resolve(file.getFileName() + ".tmp"), Arrays.copyOf(bytes, twoLines + 10));

        Spool restarted = new Spool(dir);

        assertThat(restarted.size()).isEqualTo(2);
        assertThat(restarted.oldest(100, Long.MAX_VALUE))
                .flatExtracting(Spool.Batch::records)
                .containsExactly(Records.alert("a"), Records.alert("b"));
        try (var listed = Files.list(dir)) {
            assertThat(listed.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void givesBatchesBackInTheOrderProducedAcrossARestart() {
        Spool spool = new Spool(dir);
        spool.append(12, List.of(Records.alert("third")));
        spool.append(2, List.of(Records.alert("first")));
        spool.append(5, List.of(Records.alert("second"), Records.audit("second-audit")));

        Spool restarted = new Spool(dir);

        assertThat(restarted.size()).isEqualTo(4);
        assertThat(restarted.nextSequence()).isEqualTo(13);
        assertThat(restarted.oldest(100, Long.MAX_VALUE))
                .flatExtracting(Spool.Batch::records)
                .extracting(StoreRecord::id)
                .containsExactly("first", "second", "second-audit", "third");
        assertThat(restarted.oldest(100, 5)).extracting(Spool.Batch::sequence).containsExactly(2L);
    }

    @Test
    void forgetsABatchOnlyWhenRemoved() {
        Spool spool = new Spool(dir);
        spool.append(1, List.of(Records.alert("a")));
        spool.append(2, List.of(Records.alert("b")));

        List<Spool.Batch> first = spool.oldest(1, Long.MAX_VALUE);
        assertThat(first).extracting(Spool.Batch::sequence).containsExactly(1L);
        spool.remove(first);

        assertThat(spool.size()).isEqualTo(1);
        assertThat(new Spool(dir).oldest(100, Long.MAX_VALUE))
                .flatExtracting(Spool.Batch::records)
                .containsExactly(Records.alert("b"));
    }

    private static Path onlyFile(Path dir) throws IOException {
        try (var listed = Files.list(dir)) {
            List<Path> files = listed.filter(Files::isRegularFile).toList();
            assertThat(files).hasSize(1);
            return files.get(0);
        }
    }

    private static int lineBreaks(byte[] bytes, int upTo) {
        int count = 0;
        for (int i = 0; i < upTo; i++) {
            if (bytes[i] == '\n') {
                count++;
            }
        }
        return count;
    }

    private static int nthLineBreak(byte[] bytes, int n) {
        int seen = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' && ++seen == n) {
                return i;
            }
        }
        throw new AssertionError(new String(bytes, StandardCharsets.UTF_8).length());
    }
}
