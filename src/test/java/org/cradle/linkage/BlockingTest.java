package org.cradle.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.IntIntHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.cradle.synthetic.SyntheticPeople;
import org.junit.jupiter.api.Test;

/** Blocking on a generated population of families: nearly every true pair compared, and work that grows with the records. */
class BlockingTest {

    /** What one linkage of {@code n} generated records compared. */
    private record Compared(long pairs, long truePairs, long trueCompared, int largestPersonalBlock) {
        double completeness() {
            return (double) trueCompared / truePairs;
        }

        double perRecord(int n) {
            return (double) pairs / n;
        }
    }

    private static Compared link(int n) {
        var records = new Records();
        var truth = new IntArrayList();
        new SyntheticPeople(11).generate(n, (row, person) -> {
            records.add(row);
            truth.add(person);
        });
        var pairs = new LongAdder();
        var trueCompared = new LongAdder();
        new Linker(records, Linker.Settings.defaults(false)).run((worker, a, b, weight) -> {
            pairs.increment();
            if (truth.get(a) == truth.get(b)) {
                trueCompared.increment();
            }
        });
        var perPerson = new IntIntHashMap();
        truth.forEach((com.carrotsearch.hppc.procedures.IntProcedure) p -> perPerson.addTo(p, 1));
        long truePairs = 0;
        for (var c : perPerson) {
            truePairs += (long) c.value * (c.value - 1) / 2;
        }
        var blocking = new Blocking(records, new NameFeatures(records.givenNames, true), new NameFeatures(records.familyNames, false));
        int largest = 0;
        for (int key : Blocking.PERSONAL) {
            long[] sorted = blocking.sorted(key);
            for (int s = 0, e; s < sorted.length; s = e) {
                for (e = s + 1; e < sorted.length && Blocking.block(sorted[e]) == Blocking.block(sorted[s]); e++) {
                    // to the end of the block
                }
                largest = Math.max(largest, e - s);
            }
        }
        return new Compared(pairs.sum(), truePairs, trueCompared.sum(), largest);
    }

    @Test
    void comparesNearlyEveryTruePairAndWorkGrowsWithTheRecordsNotTheirSquare() {
        Compared small = link(5_000);
        Compared large = link(40_000);
        assertThat(large.completeness()).as("pairs completeness").isGreaterThanOrEqualTo(0.98);
        // Eight times the records: a quadratic blocking would compare eight times as many pairs per record.
        assertThat(large.perRecord(40_000)).as("pairs per record").isLessThan(1.5 * small.perRecord(5_000));
        assertThat(large.largestPersonalBlock()).as("largest block on a personal key").isLessThan(50);
    }
}
