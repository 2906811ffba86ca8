package org.cradle.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.cradle.linkage.Records;

/**
 * The FEBRL synthetic data sets ({@code ../shared/data/febrl/}, see its README) as linkage rows. The identifier
 * column (soc_sec_id) is left out: the benchmark links on names, date of birth and address alone. The true person
 * is the N of {@code rec-N-org} / {@code rec-N-dup-K}.
 */
final class Febrl {

    /** One row with its true person. */
    record Labelled(Records.Row row, int person) {
    }

    private Febrl() {
    }

    static void read(Path file, String source, Consumer<Labelled> sink) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            var it = lines.iterator();
            it.next();
            int line = 1;
            while (it.hasNext()) {
                line++;
                String[] c = it.next().split(",", -1);
                if (c.length != 11) {
                    throw new IOException(file + ": line " + line + ": expected 11 columns, found " + c.length);
                }
                for (int i = 0; i < c.length; i++) {
                    c[i] = c[i].strip();
                }
                String id = c[0];
                int person = Integer.parseInt(id.substring(4, id.indexOf('-', 4)));
                String address = (c[3] + " " + c[4]).strip();
                sink.accept(new Labelled(new Records.Row(id, source, c[1], c[2], null, birth(c[9]), (char) 0, null, c[7], address,
                        c[6], c[8]), person));
            }
        }
    }

    /** YYYYMMDD as an int; anything else (FEBRL has blanks and impossible dates) as unknown. */
    static int birth(String text) {
        if (text.length() != 8 || !text.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        int d = Integer.parseInt(text);
        int month = d / 100 % 100;
        int day = d % 100;
        return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? d : 0;
    }
}
