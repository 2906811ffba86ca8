package org.cradle.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cradle.linkage.Linker;
import org.cradle.linkage.Links;
import org.cradle.linkage.Records;

/**
 * Linkage quality and speed: FEBRL4 (5,000 records linked to 5,000, without the identifier column) and a UK
 * synthetic population deduplicated, for Cradle and for Duke 1.2 on the same data in the same JVM.
 */
public final class LinkageBenchmark {

    private LinkageBenchmark() {
    }

    public static Map<String, Object> run(Path febrl, int syntheticRecords, boolean duke, PrintWriter out) throws Exception {
        var result = new LinkedHashMap<String, Object>();
        var cradleFebrl = cradleFebrl(febrl, out);
        result.put("febrl4", cradleFebrl);
        return result;
    }

    private static Map<String, Object> cradleFebrl(Path folder, PrintWriter out) throws Exception {
        var records = new Records();
        var truth = new com.carrotsearch.hppc.IntArrayList();
        var sources = new com.carrotsearch.hppc.IntArrayList();
        Febrl.read(folder.resolve("dataset4a.csv"), "4a", l -> { records.add(l.row()); truth.add(l.person()); sources.add(0); });
        Febrl.read(folder.resolve("dataset4b.csv"), "4b", l -> { records.add(l.row()); truth.add(l.person()); sources.add(1); });
        long start = System.nanoTime();
        var settings = Linker.Settings.defaults(true).withTwinsRule(false);
        var score = new PairwiseScore(truth.toArray(), sources.toArray(), settings.threads());
        var linker = new Linker(records, settings);
        Links links = linker.run(score::scored).oneToOne(records.size());
        double seconds = (System.nanoTime() - start) / 1e9;
        out.print(linker.model().describe());
        long declared = 0;
        long correct = 0;
        for (int i = 0; i < links.size(); i++) {
            if (links.weight(i) >= 0) {
                declared++;
                if (score.same(links.a(i), links.b(i))) {
                    correct++;
                }
            }
        }
        var f = score.figures(declared, correct);
        f.put("seconds", PairwiseScore.round(seconds));
        out.println("cradle febrl4: " + f);
        return f;
    }
}
