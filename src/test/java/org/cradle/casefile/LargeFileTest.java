package org.cradle.casefile;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cradle.synthetic.SyntheticHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A case file of a gigabyte is checked in bounded memory, and a fault near its very end is still found and named by
 * its path: the validator streams the file instead of holding it.
 */
class LargeFileTest {

    /** 18,000 families of 200 events: 3.6 million events, about 1.09 GB. */
    static final SyntheticHistory.Plan PLAN = new SyntheticHistory.Plan(18_000, 200, 11);

    /**
     * The validating JVM's heap. 96 MB to 176 MB run out and 192 MB does at times; 208 MB is the smallest that
     * validated this file every time here, so 256 MB leaves some room. What needs it is the set of event ids,
     * which grows with the count of events, not with the size of the file: each id is kept as a 64-bit hash with
     * the index where it first appeared (12 bytes a slot), 8 million slots for 3.6 million events (96 MB), and
     * 144 MB while the map doubles from 4 million slots.
     */
    static final String HEAP = "-Xmx256m";

    @Test
    void aGigabyteFileIsValidatedInBoundedMemoryAndAFaultAtItsVeryEndIsNamed(@TempDir Path temp) throws Exception {
        Path file = temp.resolve("large.casefile.json");
        try (Writer out = Files.newBufferedWriter(file, UTF_8)) {
            new SyntheticHistory(PLAN).write(out);
        }
        assertThat(Files.size(file)).isGreaterThanOrEqualTo(1L << 30);
        String impossible = breakTheLastEventsDate(file);
        int last = PLAN.families() * PLAN.eventsPerFamily() - 1;

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process validate = new ProcessBuilder(java, HEAP, "-cp", System.getProperty("java.class.path"),
                "org.cradle.cli.Main", "validate", file.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String errors = new String(validate.getErrorStream().readAllBytes(), UTF_8);

        assertThat(validate.waitFor()).as("exit status; it said: %s", errors).isEqualTo(1);
        // Exactly the one fault: running out of memory would also exit with 1, saying so instead.
        assertThat(errors.lines()).containsExactly(file + ": $.events[" + last + "].occurred: not a date: \"" + impossible
                + "\" (YYYY-MM-DD, YYYY-MM or a date-time with offset)");
    }

    /**
     * Overwrites the last event's {@code occurred}, in place, with a thirteenth month of the same length (the file is
     * too big to rewrite); returns what it wrote.
     */
    private static String breakTheLastEventsDate(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, READ, WRITE)) {
            long from = channel.size() - 64 * 1024;
            ByteBuffer tail = ByteBuffer.allocate(64 * 1024);
            assertThat(channel.read(tail, from)).isEqualTo(tail.capacity());
            // One char per byte, so that an index in the text is an offset in the file.
            String text = new String(tail.array(), ISO_8859_1);
            String lastEvent = text.substring(text.lastIndexOf("{\"id\":"));
            assertThat(lastEvent).startsWith("{\"id\":\"s" + PLAN.seed() + "f" + (PLAN.families() - 1) + "-e" + (PLAN.eventsPerFamily() - 1) + "\"");
            int start = text.lastIndexOf("\"occurred\":\"") + "\"occurred\":\"".length();
            int length = text.indexOf('"', start) - start;
            assertThat(length).as("a day or a month").isIn(10, 7);
            String impossible = length == 10 ? "2018-13-01" : "2018-13";
            channel.write(ByteBuffer.wrap(impossible.getBytes(ISO_8859_1)), from + start);
            return impossible;
        }
    }
}
