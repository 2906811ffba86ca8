package org.cradle.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.IntIntHashMap;
import org.cradle.synthetic.SyntheticPeople;
import org.junit.jupiter.api.Test;

/** Deduplicating a synthetic population of families recorded by several agencies, with the truth known. */
class LinkerTest {

    @Test
    void findsMostOfEachPersonsRecordsAndFewWrongOnes() {
        var records = new Records();
        var truth = new IntArrayList();
        new SyntheticPeople(7).generate(6000, (row, person) -> {
            records.add(row);
            truth.add(person);
        });
        var linker = new Linker(records, Linker.Settings.defaults(false));
        Links links = linker.run(null);

        long declared = 0;
        long correct = 0;
        for (int i = 0; i < links.size(); i++) {
            if (Model.probability(links.weight(i)) >= 0.5) {
                declared++;
                if (truth.get(links.a(i)) == truth.get(links.b(i))) {
                    correct++;
                }
            }
        }
        var perPerson = new IntIntHashMap();
        truth.forEach((com.carrotsearch.hppc.procedures.IntProcedure) p -> perPerson.addTo(p, 1));
        long truePairs = 0;
        for (var c : perPerson) {
            truePairs += (long) c.value * (c.value - 1) / 2;
        }
        double precision = (double) correct / declared;
        double recall = (double) correct / truePairs;
        assertThat(precision).as("precision").isGreaterThan(0.9);
        assertThat(recall).as("recall").isGreaterThan(0.85);
        // What a practitioner reads: each field's part, and how common an exact name is.
        assertThat(linker.explain(links.a(0), links.b(0)).describe()).contains("match weight").contains("date of birth");
    }

    @Test
    void twinsAreNeverOnePerson() {
        var records = new Records();
        records.add(new Records.Row("1", "gp", "Amelia", "Tate", null, 20180309, 'F', null, "HP11 2AB", "10 Mill Street", null, null));
        records.add(new Records.Row("2", "csc", "Isla", "Tate", null, 20180309, 'F', null, "HP11 2AB", "10 Mill Street", null, null));
        records.add(new Records.Row("3", "police", "Millie", "Tate", null, 20180309, 'F', null, "HP11 2AB", "10 Mill St", null, null));
        for (int i = 0; i < 3; i++) {
            // Common names in this population, as the rule asks of two names before it calls them two.
            records.add(new Records.Row("a" + i, "school", "Amelia", "Smith" + i, null, 20100101 + i, 'F', null, null, null, null, null));
            records.add(new Records.Row("i" + i, "school", "Isla", "Jones" + i, null, 20110101 + i, 'F', null, null, null, null, null));
        }
        var linker = new Linker(records, Linker.Settings.defaults(true));
        Links links = linker.run(null);
        for (int i = 0; i < links.size(); i++) {
            boolean twins = records.id(links.a(i)).equals("2") || records.id(links.b(i)).equals("2");
            if (twins && links.a(i) < 3 && links.b(i) < 3) {
                assertThat(Model.probability(links.weight(i))).as("Isla with her twin").isLessThan(0.5);
            }
        }
        assertThat(linker.explain(0, 1).twinsOrSiblings()).isTrue();
        assertThat(linker.explain(0, 2).twinsOrSiblings()).isFalse();
        assertThat(Model.probability(linker.explain(0, 2).weight())).as("Amelia and Millie").isGreaterThan(0.99);
    }
}
