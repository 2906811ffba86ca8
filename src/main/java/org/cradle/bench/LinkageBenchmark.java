package org.cradle.bench;

import com.carrotsearch.hppc.IntArrayList;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import no.priv.garshol.duke.Record;
import org.cradle.linkage.Linker;
import org.cradle.linkage.Links;
import org.cradle.linkage.Model;
import org.cradle.linkage.Records;
import org.cradle.synthetic.SyntheticPeople;

/**
 * Linkage quality and speed, Cradle and Duke 1.2 side by side in one JVM (same heap, same threads, same data):
 * FEBRL4 (dataset4a linked to dataset4b, 5,000 true pairs, without the identifier column) and a UK synthetic
 * population deduplicated ({@link SyntheticPeople}, fixed seed).
 *
 * <p>Quality is pairwise: a pair declared one person is right when both records are truly of one person; recall
 * counts every true pair, including those the blocking never compared. Cradle declares a pair at probability 0.5
 * or more (its own model's, no tuning against the truth); Duke at its configured threshold, and also at its best
 * threshold found against the truth (a generous figure for the peer). Time is the linkage alone (records already
 * in memory), with the process's CPU time beside it; peak memory is the heap's high-water mark during it.
 */
public final class LinkageBenchmark {

    private static final long SEED = 20_260_401L;

    private LinkageBenchmark() {
    }

    public static Map<String, Object> run(Path febrl, int syntheticRecords, boolean duke, PrintWriter out) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        out.printf("linkage: %d threads, max heap %,d MB%n", threads, Runtime.getRuntime().maxMemory() >> 20);
        var rows = new ArrayList<Febrl.Labelled>();
        var sources = new IntArrayList();
        Febrl.read(febrl.resolve("dataset4a.csv"), "4a", l -> { rows.add(l); sources.add(0); });
        int firstFile = rows.size();
        Febrl.read(febrl.resolve("dataset4b.csv"), "4b", l -> { rows.add(l); sources.add(1); });
        int[] febrlTruth = rows.stream().mapToInt(Febrl.Labelled::person).toArray();

        var result = new LinkedHashMap<String, Object>();
        var cradleFebrl = measure("cradle febrl4", out, () -> {
            var records = new Records();
            rows.forEach(l -> records.add(l.row()));
            var settings = Linker.Settings.defaults(true).withTwinsRule(false);
            var score = new PairwiseScore(febrlTruth, sources.toArray(), threads);
            var linker = new Linker(records, settings);
            Links links = linker.run(score::scored).oneToOne(records.size());
            out.print(linker.model().describe());
            return declared(links, score);
        });
        Map<String, Object> dukeFebrl = null;
        if (duke) {
            dukeFebrl = measure("duke febrl4", out, () -> {
                var run = new DukeRun();
                List<Record> first = new ArrayList<>();
                List<Record> second = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    (i < firstFile ? first : second).add(DukeRun.record(i, rows.get(i).row()));
                }
                run.link(first, second, threads);
                return dukeFigures(run, new PairwiseScore(febrlTruth, sources.toArray(), threads));
            });
        }

        var truth = new IntArrayList(syntheticRecords);
        var records = new Records();
        new SyntheticPeople(SEED).generate(syntheticRecords, (row, person) -> {
            records.add(row);
            truth.add(person);
        });
        out.printf("synthetic: %,d records of %,d people%n", records.size(), truth.isEmpty() ? 0 : truth.get(truth.size() - 1) + 1);
        var cradleSynthetic = measure("cradle synthetic", out, () -> {
            var score = new PairwiseScore(truth.toArray(), null, threads);
            var linker = new Linker(records, Linker.Settings.defaults(false));
            Links links = linker.run(score::scored);
            out.print(linker.model().describe());
            return declared(links, score);
        });
        Map<String, Object> dukeSynthetic = null;
        if (duke) {
            var dukeRecords = new ArrayList<Record>(syntheticRecords);
            new SyntheticPeople(SEED).generate(syntheticRecords, (row, person) -> dukeRecords.add(DukeRun.record(dukeRecords.size(), row)));
            dukeSynthetic = measure("duke synthetic", out, () -> {
                var run = new DukeRun();
                run.deduplicate(dukeRecords, threads);
                return dukeFigures(run, new PairwiseScore(truth.toArray(), null, threads));
            });
        }
        result.put("febrl4_f1", cradleFebrl.get("f1"));
        result.put("duke_febrl4_f1", dukeFebrl == null ? null : dukeFebrl.get("f1"));
        result.put("synthetic_records", syntheticRecords);
        result.put("synthetic_f1", cradleSynthetic.get("f1"));
        result.put("duke_synthetic_f1", dukeSynthetic == null ? null : dukeSynthetic.get("f1"));
        result.put("seconds", cradleSynthetic.get("seconds"));
        result.put("duke_seconds", dukeSynthetic == null ? null : dukeSynthetic.get("seconds"));
        result.put("febrl4", cradleFebrl);
        result.put("duke_febrl4", dukeFebrl);
        result.put("synthetic", cradleSynthetic);
        result.put("duke_synthetic", dukeSynthetic);
        return result;
    }

    /** Cradle's declared pairs: probability 0.5 or more. */
    private static Map<String, Object> declared(Links links, PairwiseScore score) {
        long declared = 0;
        long correct = 0;
        for (int i = 0; i < links.size(); i++) {
            if (Model.probability(links.weight(i)) >= 0.5) {
                declared++;
                if (score.same(links.a(i), links.b(i))) {
                    correct++;
                }
            }
        }
        return score.figures(declared, correct);
    }

    private static Map<String, Object> dukeFigures(DukeRun run, PairwiseScore score) {
        Map<String, Object> atConfigured = null;
        Map<String, Object> best = null;
        double bestThreshold = 0;
        for (int step = 10; step <= 19; step++) {
            double threshold = step * 0.05;
            long declared = 0;
            long correct = 0;
            for (var c : run.pairs) {
                if (c.value >= threshold - 1e-9) {
                    declared++;
                    if (score.same((int) (c.key >>> 32), (int) c.key)) {
                        correct++;
                    }
                }
            }
            var f = score.figures(declared, correct);
            if (Math.abs(threshold - DukeRun.CONFIGURED_THRESHOLD) < 1e-9) {
                atConfigured = f;
            }
            if (best == null || (double) f.get("f1") > (double) best.get("f1")) {
                best = f;
                bestThreshold = threshold;
            }
        }
        var result = new LinkedHashMap<String, Object>();
        result.put("precision", atConfigured.get("precision"));
        result.put("recall", atConfigured.get("recall"));
        result.put("f1", atConfigured.get("f1"));
        result.put("best_threshold", PairwiseScore.round(bestThreshold));
        result.put("f1_at_best_threshold", best.get("f1"));
        return result;
    }

    /** Runs one side, adding its time and the heap's high-water mark to its figures. */
    private static Map<String, Object> measure(String name, PrintWriter out, Callable<Map<String, Object>> work) throws Exception {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        var figures = new LinkedHashMap<>(work.call());
        double seconds = (System.nanoTime() - start) / 1e9;
        // CPU time beside wall time: on a machine shared with other work, the wall time says as much about them.
        figures.put("cpu_seconds", Math.round((os.getProcessCpuTime() - cpuStart) / 1e7) / 100.0);
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        figures.put("seconds", Math.round(seconds * 100) / 100.0);
        figures.put("peak_heap_mb", peak >> 20);
        out.println(name + ": " + figures);
        out.flush();
        return figures;
    }
}
