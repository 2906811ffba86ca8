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
 * random pairs, m by EM and from records sharing an NHS number), then scores every blocked pair and keeps those
 * whose match weight reaches {@link Settings#keepWeight()}. The hot loop makes no object per pair: levels go into one reused byte array and
 * kept pairs into primitive arrays.
 */
public final class Linker {

    /**
     * @param distinctSources never pair two records of one source (linking two files; or one case file, whose
     *                        people are different people by its own account)
     * @param blockCap        in a block larger than this, each record is compared with the next {@code blockCap} only,
     *                        in order of date of birth and postcode (a sorted neighbourhood)
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
            return new Settings(distinctSources, 10, -5, Runtime.getRuntime().availableProcessors(), 2_000_000, 500_000, 42, true);
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
    /** Per record: the weight of another record having exactly its date of birth (dates are not equally common). */
    private double[] birthExact;
    private double[] birthFrequency;

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
        var all = new IntIntHashMap();
        for (var p : patterns) {
            if (p != null) {
                for (var c : p) {
                    all.addTo(c.key, c.value);
                }
            }
        }
        model.estimateM(all, 100);
        mFromNhsNumbers(blocking);
        // EM's prior is the share of matches among the pairs blocked on personal keys (nearly every match is among
        // them). The weights are log2(m/u) with u from random pairs, so the prior that goes with them is the same
        // matches among all the pairs there could be: blocking chooses which pairs are worth scoring, and what made a
        // pair blocked (a shared name and date) is already counted in its weight. Counting it in the prior as well
        // makes every coincidence of a common name and a common date a match once there are a million records.
        long sumPersonal = java.util.Arrays.stream(personal).sum();
        double possible = possiblePairs();
        if (possible > 0 && sumPersonal > 0) {
            model.scalePrior(sumPersonal / possible);
        }
    }

    /**
     * Where enough records share an NHS number, m for the other fields is counted from those pairs: an identifier
     * that agrees says they are one person, so how often their names, dates and addresses agree is m itself, with
     * no need to guess. EM alone learns too small an m for a moved address (a moved person's records look like a
     * household's), and so would count every move as nearly conclusive against a match.
     */
    private void mFromNhsNumbers(Blocking blocking) {
        long[][][] counts = new long[settings.threads()][][];
        forEachPair(blocking, new int[] {0}, (worker, compare) -> {
            long[][] c = counts[worker] = new long[Model.FIELDS][];
            for (int f = 0; f < Model.FIELDS; f++) {
                c[f] = new long[Field.ALL.get(f).levels()];
            }
            byte[] levels = new byte[Model.FIELDS];
            return (a, b) -> {
                compare.compare(a, b, levels);
                if (levels[4] == Field.NHS.same()) {
                    for (int f = 0; f < Model.FIELDS; f++) {
                        if (levels[f] >= 0) {
                            c[f][levels[f]]++;
                        }
                    }
                }
            };
        });
        long[][] all = new long[Model.FIELDS][];
        for (int f = 0; f < Model.FIELDS; f++) {
            all[f] = new long[Field.ALL.get(f).levels()];
            for (long[][] c : counts) {
                for (int l = 0; c != null && l < all[f].length; l++) {
                    all[f][l] += c[f][l];
                }
            }
        }
        model.countM(all, 4, NHS_PAIRS_ENOUGH);
    }

    /** So many pairs sharing an NHS number are enough to count m from (FEBRL has none; a few case files have few). */
    static final long NHS_PAIRS_ENOUGH = 1000;

    /** How many pairs could be one person: all pairs, or with distinct sources only those across two sources. */
    private double possiblePairs() {
        int n = records.size();
        if (!settings.distinctSources()) {
            return (double) n * (n - 1) / 2;
        }
        var perSource = new IntIntHashMap();
        for (int i = 0; i < n; i++) {
            perSource.addTo(records.source[i], 1);
        }
        double same = 0;
        for (var c : perSource) {
            same += (double) c.value * (c.value - 1) / 2;
        }
        return (double) n * (n - 1) / 2 - same;
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
        int n = records.size();
        var counts = new IntIntHashMap();
        long known = 0;
        for (int i = 0; i < n; i++) {
            if (records.birth[i] != 0) {
                counts.addTo(records.birth[i], 1);
                known++;
            }
        }
        birthExact = new double[n];
        birthFrequency = new double[n];
        double standard = model.weight[2][model.weight[2].length - 1];
        for (int i = 0; i < n; i++) {
            birthFrequency[i] = known == 0 ? 0 : (double) counts.get(records.birth[i]) / known;
            birthExact[i] = n >= LEARN_FROM && records.birth[i] != 0 ? model.exactWeight(2, birthFrequency[i]) : standard;
        }
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
        if (levels[2] == Field.BIRTH.same()) {
            w += birthExact[a] - model.weight[2][levels[2] + 1];
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
            } else if (f == 2 && levels[2] == field.same()) {
                w = birthExact[a];
                frequency = birthFrequency[a];
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
        int[] source = records.source;
        boolean distinct = settings.distinctSources();
        for (int i = start; i < end; i++) {
            int a = blocking.row(sorted[i]);
            int last = Math.min(end, i + 1 + settings.blockCap());
            for (int j = i + 1; j < last; j++) {
                int b = blocking.row(sorted[j]);
                if (blocking.key(key, a) != blocking.key(key, b) || distinct && source[a] == source[b] || blocking.seenBefore(key, a, b)) {
                    continue;
                }
                visitor.visit(a, b);
            }
        }
    }
}
