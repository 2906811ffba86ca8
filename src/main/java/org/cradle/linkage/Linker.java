package org.cradle.linkage;

import com.carrotsearch.hppc.IntIntHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Finds the records of one person among many: blocks, estimates the model from the records themselves (u from
 * random pairs, m by EM), then scores every blocked pair and keeps those whose match weight reaches
 * {@link Settings#keepWeight()}. The hot loop makes no object per pair: levels go into one reused byte array and
 * kept pairs into primitive arrays.
 */
public final class Linker {

    /**
     * @param distinctSources never pair two records of one source (linking two files; or one case file, whose
     *                        people are different people by its own account)
     * @param blockCap        in a block larger than this, each record is compared with the next {@code blockCap} only
     * @param keepWeight      the lowest match weight kept
     * @param emSample        about how many blocked pairs EM learns from
     * @param uSample         how many random pairs u is counted from
     * @param twinsRule       rule out pairs that look like twins or siblings (see {@link #twinsOrSiblings}); on for
     *                        children's records, off only for data with no families whose corruptions replace given
     *                        names at random (FEBRL)
     */
    public record Settings(boolean distinctSources, int blockCap, double keepWeight, int threads, long emSample, long uSample, long seed,
                           boolean twinsRule) {
        public static Settings defaults(boolean distinctSources) {
            return new Settings(distinctSources, 400, -5, Runtime.getRuntime().availableProcessors(), 2_000_000, 500_000, 42, true);
        }

        public Settings withTwinsRule(boolean on) {
            return new Settings(distinctSources, blockCap, keepWeight, threads, emSample, uSample, seed, on);
        }
    }

    /** Hears every compared pair's weight, from the worker that scored it (for measuring against known truth). */
    public interface Observer {
        void scored(int worker, int a, int b, double weight);
    }

    /** Why two records are not one person whatever else agrees. */
    static final double HARD_NON_MATCH = -100;

    private final Records records;
    private final Settings settings;
    private final NameFeatures given;
    private final NameFeatures family;
    /** Fewer records than this are too few to learn a model from: the standard one is used. */
    static final int LEARN_FROM = 2000;

    private final Model model;
    private double[] givenExact;
    private double[] familyExact;

    public Linker(Records records, Settings settings) {
        this.records = records;
        this.settings = settings;
        this.given = new NameFeatures(records.givenNames, true);
        this.family = new NameFeatures(records.familyNames, false);
        this.model = records.size() < LEARN_FROM ? Model.standard() : new Model();
    }

    public Model model() {
        return model;
    }

    /** Runs the whole linkage; {@code observer} may be null. */
    public Links run(Observer observer) {
        var blocking = new Blocking(records, given, family);
        if (records.size() >= LEARN_FROM) {
            estimateU();
            estimateM(blocking);
        }
        termFrequencies();
        return score(blocking, observer);
    }

    private void estimateU() {
        int n = records.size();
        long[][] counts = new long[Model.FIELDS][];
        for (int f = 0; f < Model.FIELDS; f++) {
            counts[f] = new long[Field.ALL.get(f).levels()];
        }
        if (n >= 2) {
            var random = new SplittableRandom(settings.seed());
            var compare = comparisons();
            byte[] levels = new byte[Model.FIELDS];
            long samples = Math.min(settings.uSample(), (long) n * (n - 1) / 2);
            for (long s = 0; s < samples; s++) {
                int a = random.nextInt(n);
                int b = random.nextInt(n);
                if (a == b || settings.distinctSources() && records.source[a] == records.source[b]) {
                    continue;
                }
                compare.compare(a, b, levels);
                for (int f = 0; f < Model.FIELDS; f++) {
                    if (levels[f] >= 0) {
                        counts[f][levels[f]]++;
                    }
                }
            }
        }
        model.estimateU(counts);
    }

    private void estimateM(Blocking blocking) {
        long pairs = 0;
        for (int k : Blocking.PERSONAL) {
            pairs += blockedPairs(blocking.sorted(k));
        }
        // Sample pairs by a hash of the pair, so the sample does not depend on the order threads take blocks in.
        long threshold = pairs <= settings.emSample() ? Long.MAX_VALUE : (long) ((double) settings.emSample() / pairs * Long.MAX_VALUE);
        var patterns = new IntIntHashMap[settings.threads()];
        long[] personal = new long[settings.threads()];
        forEachPair(blocking, Blocking.PERSONAL, (worker, compare) -> {
            var counts = patterns[worker] == null ? (patterns[worker] = new IntIntHashMap()) : patterns[worker];
            byte[] levels = new byte[Model.FIELDS];
            return (a, b) -> {
                personal[worker]++;
                if ((Blocking.splitmix((long) a << 32 | b) >>> 1) <= threshold) {
                    compare.compare(a, b, levels);
                    // Twins and siblings are known to be two people: leaving them out keeps EM on persons.
                    if (!twinsOrSiblings(a, b, levels)) {
                        counts.addTo(Model.pattern(levels), 1);
                    }
                }
            };
        });
        long[] compared = new long[settings.threads()];
        forEachPair(blocking, Blocking.ALL, (worker, compare) -> (a, b) -> compared[worker]++);
        var all = new IntIntHashMap();
        for (var p : patterns) {
            if (p != null) {
                for (var c : p) {
                    all.addTo(c.key, c.value);
                }
            }
        }
        model.estimateM(all, 100);
        // EM's prior is the share of matches among pairs blocked on personal keys; nearly every match is among them,
        // and all the pairs compared are more: the prior for scoring is the same matches among all of them.
        long sumPersonal = java.util.Arrays.stream(personal).sum();
        long sumCompared = java.util.Arrays.stream(compared).sum();
        if (sumCompared > 0 && sumPersonal > 0) {
            model.scalePrior((double) sumPersonal / sumCompared);
        }
    }

    private long blockedPairs(long[] sorted) {
        long pairs = 0;
        for (int s = 0; s < sorted.length; ) {
            int e = s + 1;
            while (e < sorted.length && Blocking.block(sorted[e]) == Blocking.block(sorted[s])) {
                e++;
            }
            long size = e - s;
            pairs += size <= settings.blockCap() ? size * (size - 1) / 2 : size * settings.blockCap();
            s = e;
        }
        return pairs;
    }

    /** Exact-name weights by how common each name is; in a store too small to say, the standard weight. */
    private void termFrequencies() {
        givenExact = exactWeights(0, records.givenNames);
        familyExact = exactWeights(1, records.familyNames);
    }

    private double[] exactWeights(int field, Values names) {
        double[] w = new double[names.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = records.size() >= LEARN_FROM ? model.exactWeight(field, names.frequency(i)) : model.weight[field][model.weight[field].length - 1];
        }
        return w;
    }

    /** The match weight of a compared pair, given its levels. */
    double weight(int a, int b, byte[] levels) {
        if (twinsOrSiblings(a, b, levels)) {
            return HARD_NON_MATCH;
        }
        double w = model.priorWeight();
        for (int f = 0; f < Model.FIELDS; f++) {
            w += model.weight[f][levels[f] + 1];
        }
        if (levels[0] == Field.GIVEN.same()) {
            w += givenExact[records.given[a]] - model.weight[0][levels[0] + 1];
        }
        if (levels[1] == Field.FAMILY.same()) {
            w += familyExact[records.family[a]] - model.weight[1][levels[1] + 1];
        }
        return w;
    }

    /**
     * Records that are plainly of two people however much else agrees (what a household shares: family name,
     * address, postcode), unless their NHS numbers agree. Two given names that are two names: not a slip or a
     * variant, and one of them common (a garbled spelling is rare); or two common names that merely sound alike
     * (Oliver and Olivia): twins if born the same day; siblings, a parent and child, or two namesakes otherwise.
     * Or two full dates of birth plainly different (more than a slip in one part or day and month swapped): a
     * parent and child, or siblings, however alike their names.
     */
    boolean twinsOrSiblings(int a, int b, byte[] levels) {
        if (!settings.twinsRule() || levels[4] == Field.NHS.same()) {
            return false;
        }
        boolean commonA = levels[0] >= 0 && commonName(records.given[a]);
        boolean commonB = levels[0] >= 0 && commonName(records.given[b]);
        return levels[0] == 0 && (commonA || commonB) || levels[0] == 1 && commonA && commonB
                || levels[2] == 0 && records.birth[a] % 100 != 0 && records.birth[b] % 100 != 0;
    }

    /**
     * A given name held by three records or more, or one the variants list knows, and more than an initial. The list
     * matters in a small store (a few families' files), where no name is held three times: without it, twins whose
     * records arrive in two files are one person until a third file makes their names "common".
     */
    private boolean commonName(int name) {
        return (records.givenNames.count(name) >= 3 || given.variantGroups[name].length > 0) && records.givenNames.value(name).length() > 1;
    }

    /** The evidence for one pair, field by field. */
    public Evidence explain(int a, int b) {
        byte[] levels = new byte[Model.FIELDS];
        comparisons().compare(a, b, levels);
        var fields = new ArrayList<Evidence.Part>();
        for (int f = 0; f < Model.FIELDS; f++) {
            Field field = Field.ALL.get(f);
            double w = model.weight[f][levels[f] + 1];
            Double frequency = null;
            if (f == 0 && levels[0] == field.same()) {
                w = givenExact[records.given[a]];
                frequency = records.givenNames.frequency(records.given[a]);
            } else if (f == 1 && levels[1] == field.same()) {
                w = familyExact[records.family[a]];
                frequency = records.familyNames.frequency(records.family[a]);
            }
            fields.add(new Evidence.Part(field, levels[f], w, frequency));
        }
        double total = weight(a, b, levels);
        return new Evidence(total, Model.probability(total), model.priorWeight(), twinsOrSiblings(a, b, levels), fields);
    }

    private Links score(Blocking blocking, Observer observer) {
        var kept = new Links[settings.threads()];
        forEachPair(blocking, Blocking.ALL, (worker, compare) -> {
            var links = kept[worker] == null ? (kept[worker] = new Links()) : kept[worker];
            byte[] levels = new byte[Model.FIELDS];
            return (a, b) -> {
                compare.compare(a, b, levels);
                double w = weight(a, b, levels);
                if (w >= settings.keepWeight()) {
                    links.add(a, b, (float) w);
                }
                if (observer != null) {
                    observer.scored(worker, a, b, w);
                }
            };
        });
        var all = new Links();
        for (Links l : kept) {
            if (l != null) {
                all.addAll(l);
            }
        }
        return all;
    }

    interface PairVisitor {
        void visit(int a, int b);
    }

    interface WorkerSetup {
        PairVisitor start(int worker, Comparisons compare);
    }

    Comparisons comparisons() {
        return new Comparisons(records, given, family);
    }

    /** Visits every blocked pair once, blocks shared out among the worker threads. */
    private void forEachPair(Blocking blocking, int[] keys, WorkerSetup setup) {
        int threads = settings.threads();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            var visitors = new PairVisitor[threads];
            for (int t = 0; t < threads; t++) {
                visitors[t] = setup.start(t, comparisons());
            }
            for (int k : keys) {
                long[] sorted = blocking.sorted(k);
                int[] starts = blockStarts(sorted);
                int key = k;
                var next = new AtomicInteger();
                int chunk = Math.max(1, starts.length / (threads * 64));
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    PairVisitor visitor = visitors[t];
                    done.add(pool.submit(() -> {
                        for (int c = next.getAndAdd(chunk); c < starts.length - 1; c = next.getAndAdd(chunk)) {
                            for (int block = c; block < Math.min(c + chunk, starts.length - 1); block++) {
                                visitBlock(blocking, key, sorted, starts[block], starts[block + 1], visitor);
                            }
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("linkage interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Where each block begins in a sorted key array, with the array's length at the end. */
    private static int[] blockStarts(long[] sorted) {
        var starts = new com.carrotsearch.hppc.IntArrayList();
        for (int s = 0; s < sorted.length; s++) {
            if (s == 0 || Blocking.block(sorted[s]) != Blocking.block(sorted[s - 1])) {
                starts.add(s);
            }
        }
        starts.add(sorted.length);
        return starts.toArray();
    }

    private void visitBlock(Blocking blocking, int key, long[] sorted, int start, int end, PairVisitor visitor) {
        long[] keyOf = blocking.keys[key];
        int[] source = records.source;
        boolean distinct = settings.distinctSources();
        for (int i = start; i < end; i++) {
            int a = Blocking.row(sorted[i]);
            int last = Math.min(end, i + 1 + settings.blockCap());
            for (int j = i + 1; j < last; j++) {
                int b = Blocking.row(sorted[j]);
                if (keyOf[a] != keyOf[b] || distinct && source[a] == source[b] || blocking.seenBefore(key, a, b)) {
                    continue;
                }
                visitor.visit(a, b);
            }
        }
    }
}
