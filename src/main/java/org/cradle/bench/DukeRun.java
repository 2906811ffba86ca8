package org.cradle.bench;

import com.carrotsearch.hppc.LongFloatHashMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import no.priv.garshol.duke.ConfigurationImpl;
import no.priv.garshol.duke.Processor;
import no.priv.garshol.duke.Property;
import no.priv.garshol.duke.PropertyImpl;
import no.priv.garshol.duke.Record;
import no.priv.garshol.duke.RecordImpl;
import no.priv.garshol.duke.comparators.ExactComparator;
import no.priv.garshol.duke.comparators.JaroWinkler;
import no.priv.garshol.duke.comparators.Levenshtein;
import no.priv.garshol.duke.databases.LuceneDatabase;
import no.priv.garshol.duke.datasources.InMemoryDataSource;
import no.priv.garshol.duke.matchers.AbstractMatchListener;
import org.cradle.linkage.Records;

/**
 * Duke 1.2 (the Java linkage engine users would otherwise pick) on the same records, configured as its
 * documentation suggests for people: Jaro-Winkler on names, Levenshtein on dates, postcodes and addresses, exact
 * NHS number, sex and area; an in-memory Lucene index for candidates (fuzzy search, 50 candidates per record); the same threads as Cradle. Values are given
 * to it cleaned as Cradle cleans them (lower case, trimmed). Every pair Duke scores at 0.5 or more is kept with its
 * confidence, so that its F1 can be reported at its best threshold as well as at its configured one (0.8).
 */
final class DukeRun {

    static final double CONFIGURED_THRESHOLD = 0.8;

    /** Pairs (row numbers, smaller first, packed in a long) with Duke's highest confidence for them. */
    final LongFloatHashMap pairs = new LongFloatHashMap();
    private final List<Property> properties = new ArrayList<>();
    private final long started = System.nanoTime();
    private int batch;
    private long done;

    DukeRun() {
        properties.add(new PropertyImpl("ID"));
        properties.add(new PropertyImpl("GIVEN", new JaroWinkler(), 0.3, 0.9));
        properties.add(new PropertyImpl("FAMILY", new JaroWinkler(), 0.2, 0.9));
        properties.add(new PropertyImpl("BIRTH", new Levenshtein(), 0.2, 0.95));
        properties.add(new PropertyImpl("SEX", new ExactComparator(), 0.45, 0.55));
        properties.add(new PropertyImpl("NHS", new ExactComparator(), 0.3, 0.99));
        properties.add(new PropertyImpl("POSTCODE", new Levenshtein(), 0.3, 0.8));
        properties.add(new PropertyImpl("ADDRESS", new Levenshtein(), 0.3, 0.85));
        properties.add(new PropertyImpl("LOCALITY", new JaroWinkler(), 0.4, 0.7));
        properties.add(new PropertyImpl("AREA", new ExactComparator(), 0.45, 0.6));
        // Candidates are looked up in the index by the fields most records have (left to itself, Duke looks up by
        // the property with the highest probability, the NHS number, which most records lack).
        var lookup = java.util.Set.of("GIVEN", "FAMILY", "BIRTH", "POSTCODE", "ADDRESS");
        for (Property p : properties) {
            if (p.getComparator() != null) {
                ((PropertyImpl) p).setLookupBehaviour(lookup.contains(p.getName()) ? Property.Lookup.TRUE : Property.Lookup.FALSE);
            }
        }
    }

    static Record record(int row, Records.Row r) {
        var d = new RecordImpl();
        d.addValue("ID", Integer.toString(row));
        put(d, "GIVEN", r.given());
        put(d, "FAMILY", r.family());
        put(d, "BIRTH", r.birth() == 0 ? null : Integer.toString(r.birth()));
        put(d, "SEX", r.sex() == 0 ? null : String.valueOf(r.sex()));
        put(d, "NHS", r.nhsNumber());
        put(d, "POSTCODE", r.postcode() == null ? null : r.postcode().replace(" ", ""));
        put(d, "ADDRESS", r.address());
        put(d, "LOCALITY", r.locality());
        put(d, "AREA", r.area());
        return d;
    }

    private static void put(RecordImpl d, String property, String value) {
        if (value != null && !value.isBlank()) {
            d.addValue(property, value.strip().toLowerCase(Locale.ROOT));
        }
    }

    private Processor processor(ConfigurationImpl config, int threads) {
        config.setProperties(properties);
        config.setThreshold(0.5);
        var database = new LuceneDatabase();
        database.setConfiguration(config);
        // Lucene's fuzzy search stays on (Duke's default: it finds candidates despite typos); at most 50 candidates
        // per record rather than Duke's default of a million, as its documentation advises for larger data.
        database.setMaxSearchHits(50);
        config.setDatabase(database);
        var processor = new Processor(config, database);
        processor.setThreads(threads);
        processor.addMatchListener(new AbstractMatchListener() {
            @Override
            public void matches(Record a, Record b, double confidence) {
                keep(a, b, confidence);
            }

            @Override
            public void matchesPerhaps(Record a, Record b, double confidence) {
                keep(a, b, confidence);
            }

            @Override
            public void batchReady(int size) {
                batch = size;
            }

            @Override
            public void batchDone() {
                // Progress with its rate, so that a run too long to finish still says how fast it went.
                done += batch;
                System.err.printf("duke: %,d records matched in %.0f s%n", done, (System.nanoTime() - started) / 1e9);
            }
        });
        return processor;
    }

    private synchronized void keep(Record a, Record b, double confidence) {
        int x = Integer.parseInt(a.getValue("ID"));
        int y = Integer.parseInt(b.getValue("ID"));
        long key = (long) Math.min(x, y) << 32 | Math.max(x, y);
        if (confidence > pairs.getOrDefault(key, 0f)) {
            pairs.put(key, (float) confidence);
        }
    }

    /** Links each record of {@code second} to its best match in {@code first}. */
    void link(Collection<Record> first, Collection<Record> second, int threads) {
        var processor = processor(new ConfigurationImpl(), threads);
        processor.link(List.of(new InMemoryDataSource(first)), List.of(new InMemoryDataSource(second)), false, 40000);
        processor.close();
    }

    /** In batches of 20,000 (each matched against all before it and itself), so that progress can be reported. */
    void deduplicate(Collection<Record> records, int threads) {
        var processor = processor(new ConfigurationImpl(), threads);
        processor.deduplicate(List.of(new InMemoryDataSource(records)), 20_000);
        processor.close();
    }
}
