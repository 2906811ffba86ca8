package org.cradle.linkage;

import com.carrotsearch.hppc.IntIntHashMap;
import com.carrotsearch.hppc.cursors.IntIntCursor;

/**
 * A Fellegi-Sunter model: for each field and level of agreement, m (how often records of one person agree at that
 * level) and u (how often records of two different people do), and the prior share of matches among all pairs.
 * A pair's match weight is the prior's log-odds plus the sum of log2(m/u) over its fields; an exact agreement on a
 * name or a date of birth counts by how common that value is (term frequency), so two records of "Smith" say less
 * than two of "Okonkwo".
 *
 * <p>u is estimated from random pairs (nearly all of them are different people); m and the prior by
 * expectation-maximisation over the patterns of agreement seen in the blocked pairs, m then counted directly where
 * enough pairs share an NHS number. Inside EM the non-matches' levels are estimated too (blocked non-matches agree
 * more often than random pairs: they were blocked for sharing something), but the weights use u from the random
 * pairs, which is what a non-match looks like in general; so the prior that goes with them is over all pairs.
 */
public final class Model {

    static final int FIELDS = Field.ALL.size();
    /**
     * No level is impossible for one person's records: at least 1% of them (a move, a new surname, a wrong date).
     * Without a floor, EM on data where one kind of disagreement is rare makes it all but conclusive.
     */
    static final double M_FLOOR = 0.01;
    private static final int[] RADIX = new int[FIELDS];

    static {
        for (int f = 0; f < FIELDS; f++) {
            RADIX[f] = Field.ALL.get(f).levels() + 1;
        }
    }

    final double[][] m = new double[FIELDS][];
    final double[][] u = new double[FIELDS][];
    /** log2(m/u) per field, index level + 1 (index 0, a missing field, weighs nothing). */
    final double[][] weight = new double[FIELDS][];
    double prior;
    int iterations;

    Model() {
        for (int f = 0; f < FIELDS; f++) {
            int levels = Field.ALL.get(f).levels();
            m[f] = new double[levels];
            u[f] = new double[levels];
            weight[f] = new double[levels + 1];
            // A starting guess: matches mostly agree exactly; the rest spread over the lower levels.
            for (int l = 0; l < levels; l++) {
                m[f][l] = l == levels - 1 ? 0.8 : 0.2 / (levels - 1);
                u[f][l] = 1.0 / levels;
            }
        }
        prior = 0.1;
        refresh();
    }

    /**
     * Parameters for a store too small to learn from (a few case files): what this model's EM learned from 50,000
     * records of the synthetic UK population ({@code ./cradle bench linkage --records 50000}, seed 20260401).
     */
    static Model standard() {
        var model = new Model();
        double[][] m = {
            {0.010, 0.032, 0.072, 0.168, 0.718},
            {0.030, 0.010, 0.059, 0.113, 0.787},
            {0.010, 0.098, 0.021, 0.871},
            {0.010, 0.990},
            {0.010, 0.047, 0.943},
            {0.010, 0.010, 0.082, 0.898},
            {0.010, 0.010, 0.131, 0.849},
            {0.010, 0.046, 0.944}};
        double[][] u = {
            {0.9612, 0.0139, 0.0046, 0.0044, 0.0159},
            {0.9835, 0.0046, 0.0012, 0.0016, 0.0091},
            {0.9947, 0.0051, 0.00001, 0.0001},
            {0.4918, 0.5082},
            {0.9999, 0.00001, 0.0001},
            {0.9986, 0.0012, 0.00001, 0.0001},
            {0.9886, 0.0103, 0.0010, 0.0001},
            {0.9652, 0.0014, 0.0333}};
        for (int f = 0; f < FIELDS; f++) {
            model.m[f] = m[f];
            model.u[f] = u[f];
        }
        model.prior = 0.12684;
        model.refresh();
        return model;
    }

    /** The pattern of a comparison as one int (mixed radix, level + 1 per field). */
    static int pattern(byte[] levels) {
        int p = 0;
        for (int f = FIELDS - 1; f >= 0; f--) {
            p = p * RADIX[f] + levels[f] + 1;
        }
        return p;
    }

    static void levelsOf(int pattern, byte[] levels) {
        for (int f = 0; f < FIELDS; f++) {
            levels[f] = (byte) (pattern % RADIX[f] - 1);
            pattern /= RADIX[f];
        }
    }

    /** u from the counts of each level among random pairs (add-one smoothed, so no level is impossible). */
    void estimateU(long[][] counts) {
        for (int f = 0; f < FIELDS; f++) {
            long total = 0;
            for (long c : counts[f]) {
                total += c;
            }
            for (int l = 0; l < u[f].length; l++) {
                u[f][l] = (counts[f][l] + 1.0) / (total + u[f].length);
            }
        }
        refresh();
    }

    /**
     * m from the levels counted among pairs known to be one person, for every field but {@code except} (the one
     * that made them known), where a field was compared at least {@code enough} times.
     */
    void countM(long[][] counts, int except, long enough) {
        for (int f = 0; f < FIELDS; f++) {
            long total = java.util.Arrays.stream(counts[f]).sum();
            if (f != except && total >= enough) {
                double[] sums = new double[counts[f].length];
                for (int l = 0; l < sums.length; l++) {
                    sums[l] = counts[f][l];
                }
                normalise(sums, m[f], M_FLOOR);
            }
        }
        refresh();
    }

    /** m and the prior by EM over pattern counts. */
    void estimateM(IntIntHashMap patterns, int maxIterations) {
        byte[] levels = new byte[FIELDS];
        int n = patterns.size();
        int[] keys = new int[n];
        int[] counts = new int[n];
        int k = 0;
        long total = 0;
        for (IntIntCursor c : patterns) {
            keys[k] = c.key;
            counts[k++] = c.value;
            total += c.value;
        }
        if (total == 0) {
            return;
        }
        byte[][] decoded = new byte[n][];
        for (int i = 0; i < n; i++) {
            levelsOf(keys[i], levels);
            decoded[i] = levels.clone();
        }
        double[][] blockedU = new double[FIELDS][];
        for (int f = 0; f < FIELDS; f++) {
            blockedU[f] = u[f].clone();
        }
        for (iterations = 0; iterations < maxIterations; iterations++) {
            double[][] mSum = new double[FIELDS][];
            double[][] uSum = new double[FIELDS][];
            for (int f = 0; f < FIELDS; f++) {
                mSum[f] = new double[m[f].length];
                uSum[f] = new double[m[f].length];
            }
            double matches = 0;
            for (int i = 0; i < n; i++) {
                double pm = prior;
                double pu = 1 - prior;
                for (int f = 0; f < FIELDS; f++) {
                    int l = decoded[i][f];
                    if (l >= 0) {
                        pm *= m[f][l];
                        pu *= blockedU[f][l];
                    }
                }
                double posterior = pm / (pm + pu);
                double weighted = posterior * counts[i];
                double unweighted = counts[i] - weighted;
                matches += weighted;
                for (int f = 0; f < FIELDS; f++) {
                    int l = decoded[i][f];
                    if (l >= 0) {
                        mSum[f][l] += weighted;
                        uSum[f][l] += unweighted;
                    }
                }
            }
            double change = Math.abs(matches / total - prior);
            prior = Math.min(0.999, Math.max(1e-9, matches / total));
            for (int f = 0; f < FIELDS; f++) {
                change = Math.max(change, normalise(mSum[f], m[f], M_FLOOR));
                normalise(uSum[f], blockedU[f], 1e-6);
            }
            if (change < 1e-5) {
                break;
            }
        }
        refresh();
    }

    /**
     * Sets {@code into} to the shares of {@code sums}, none below {@code floor} (kept as it was when there is nothing
     * to share); returns the largest change.
     */
    private static double normalise(double[] sums, double[] into, double floor) {
        double total = 0;
        for (double v : sums) {
            total += v;
        }
        double change = 0;
        if (total > 0) {
            double floored = 0;
            double[] next = new double[into.length];
            for (int l = 0; l < into.length; l++) {
                next[l] = Math.max(floor, sums[l] / total);
                floored += next[l];
            }
            for (int l = 0; l < into.length; l++) {
                change = Math.max(change, Math.abs(next[l] / floored - into[l]));
                into[l] = next[l] / floored;
            }
        }
        return change;
    }

    private void refresh() {
        for (int f = 0; f < FIELDS; f++) {
            weight[f][0] = 0;
            for (int l = 0; l < m[f].length; l++) {
                weight[f][l + 1] = log2(m[f][l] / u[f][l]);
            }
        }
    }

    /** The same expected matches spread over more (or fewer) pairs. */
    void scalePrior(double factor) {
        prior = Math.min(0.999, Math.max(1e-9, prior * factor));
    }

    double priorWeight() {
        return log2(prior / (1 - prior));
    }

    /** log2(m/u) for an exact agreement on a value this common (its share of the records holding a value). */
    double exactWeight(int field, double frequency) {
        return log2(m[field][m[field].length - 1] / Math.max(frequency, 1e-7));
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** The probability a pair with this match weight is one person. */
    public static double probability(double weight) {
        return 1 / (1 + Math.pow(2, -weight));
    }

    /** m and u per level, per field, for reports. */
    public String describe() {
        var b = new StringBuilder(String.format("prior %.5f (log2 odds %.2f), %d EM iterations%n", prior, priorWeight(), iterations));
        for (int f = 0; f < FIELDS; f++) {
            Field field = Field.ALL.get(f);
            b.append(String.format("  %-14s", field.label()));
            for (int l = 0; l < m[f].length; l++) {
                b.append(String.format(" [%s m=%.3f u=%.4f w=%+.1f]", field.level(l), m[f][l], u[f][l], weight[f][l + 1]));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
