package org.cradle.bench;

import com.carrotsearch.hppc.IntIntHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pairwise quality of a linkage against known truth (each record's true person): precision, recall and F1 of the
 * pairs declared one person, the pairs completeness of the blocking, and recall at a 1% false-positive rate over
 * the compared pairs. Compared pairs are counted into weight histograms per worker thread (no per-pair storage).
 */
final class PairwiseScore {

    private static final double LOW = -40;
    private static final double STEP = 0.1;
    private static final int BINS = 1400;

    private final int[] entity;
    private final long truePairs;
    private final long[][] matches;
    private final long[][] nonMatches;

    /** @param sources the records' sources, or null: with sources, only pairs across two sources count */
    PairwiseScore(int[] entity, int[] sources, int workers) {
        this.entity = entity;
        this.truePairs = truePairs(entity, sources);
        this.matches = new long[workers][BINS];
        this.nonMatches = new long[workers][BINS];
    }

    private static long truePairs(int[] entity, int[] sources) {
        if (sources == null) {
            var counts = new IntIntHashMap();
            for (int e : entity) {
                counts.addTo(e, 1);
            }
            long pairs = 0;
            for (var c : counts) {
                pairs += (long) c.value * (c.value - 1) / 2;
            }
            return pairs;
        }
        var first = new IntIntHashMap();
        var second = new IntIntHashMap();
        for (int i = 0; i < entity.length; i++) {
            (sources[i] == 0 ? first : second).addTo(entity[i], 1);
        }
        long pairs = 0;
        for (var c : first) {
            pairs += (long) c.value * second.getOrDefault(c.key, 0);
        }
        return pairs;
    }

    boolean same(int a, int b) {
        return entity[a] == entity[b];
    }

    /** Called from the linker's workers, one histogram each. */
    void scored(int worker, int a, int b, double weight) {
        int bin = (int) Math.max(0, Math.min(BINS - 1, (weight - LOW) / STEP));
        (same(a, b) ? matches : nonMatches)[worker][bin]++;
    }

    long truePairs() {
        return truePairs;
    }

    /** Quality of the declared pairs: {@code declared} of them, {@code correct} truly one person. */
    Map<String, Object> figures(long declared, long correct) {
        long[] m = new long[BINS];
        long[] u = new long[BINS];
        for (int w = 0; w < matches.length; w++) {
            for (int i = 0; i < BINS; i++) {
                m[i] += matches[w][i];
                u[i] += nonMatches[w][i];
            }
        }
        long comparedMatches = 0;
        long comparedNonMatches = 0;
        for (int i = 0; i < BINS; i++) {
            comparedMatches += m[i];
            comparedNonMatches += u[i];
        }
        // Walk down from the highest weight until false positives pass 1% of the compared non-matches.
        long tp = 0;
        long fp = 0;
        double recallAtFpr = 0;
        for (int i = BINS - 1; i >= 0; i--) {
            if (fp + u[i] > 0.01 * comparedNonMatches) {
                break;
            }
            tp += m[i];
            fp += u[i];
            recallAtFpr = (double) tp / truePairs;
        }
        double precision = declared == 0 ? 0 : (double) correct / declared;
        double recall = truePairs == 0 ? 0 : (double) correct / truePairs;
        var f = new LinkedHashMap<String, Object>();
        f.put("compared_pairs", comparedMatches + comparedNonMatches);
        f.put("pairs_completeness", round(truePairs == 0 ? 1 : (double) comparedMatches / truePairs));
        f.put("precision", round(precision));
        f.put("recall", round(recall));
        f.put("f1", round(precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)));
        f.put("recall_at_1pct_fpr", round(recallAtFpr));
        return f;
    }

    static double round(double x) {
        return Math.round(x * 10000) / 10000.0;
    }
}
