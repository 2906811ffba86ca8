package org.cradle.linkage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The keys a stored person record is found by when new records are matched against the store: for each of the
 * matcher's blocking keys ({@link Blocking}) one at least as broad, built from the values themselves (not from
 * numbers that depend on which records were read together), so that a stored index of them finds every record the
 * full run would compare a new one with. A broader key only brings a few more candidates; the matcher's own
 * blocking then decides which pairs are compared. The exact names are keys too, to count how common a name is in
 * the whole store.
 */
final class MatchKeys {

    /** A record's mark that it has been matched and indexed (every indexed record has one). */
    static final int INDEXED = 0;
    static final int GIVEN_NAME = 1;
    static final int FAMILY_NAME = 2;
    static final int BLOCK = 3;

    /** One key of one record. */
    record Key(int kind, long value) {
    }

    private MatchKeys() {
    }

    /** The keys of every record in {@code records}, by row. */
    static List<List<Key>> of(Records r) {
        var given = new NameFeatures(r.givenNames, true);
        var family = new NameFeatures(r.familyNames, false);
        var all = new ArrayList<List<Key>>(r.size());
        for (int i = 0; i < r.size(); i++) {
            var keys = new ArrayList<Key>();
            keys.add(new Key(INDEXED, 0));
            int birth = r.birth[i];
            int year = birth / 10000;
            int month = birth / 100 % 100;
            int day = birth % 100;
            String givenName = r.givenNames.value(r.given[i]);
            String familyName = r.familyNames.value(r.family[i]);
            if (!givenName.isEmpty()) {
                keys.add(new Key(GIVEN_NAME, hash("given", givenName)));
            }
            for (int f : new int[] {r.family[i], r.previousFamily[i]}) {
                if (f >= 0) {
                    var key = new Key(FAMILY_NAME, hash("family", r.familyNames.value(f)));
                    if (!keys.contains(key)) {
                        keys.add(key);
                    }
                }
            }
            // The given name's blocking value: its first variant group, else its sound (as Blocking has it).
            String givenKey = r.given[i] < 0 ? null : given.variantGroups[r.given[i]].length > 0
                    ? "group " + given.variantGroups[r.given[i]][0] : "sound " + given.sound[r.given[i]];
            int givenSound = r.given[i] < 0 ? 0 : given.sound[r.given[i]];
            int familySound = r.family[i] < 0 ? 0 : family.sound[r.family[i]];
            String postcode = r.postcodes.value(r.postcode[i]);
            String locality = r.localities.value(r.locality[i]);
            if (r.nhs[i] != 0) {
                keys.add(block("nhs", r.nhs[i]));
            }
            if (year > 0 && month > 0 && day > 0) {
                // Day and month in order of size, as Blocking has them: a date with the two swapped has the same key.
                keys.add(block("birth", year * 10000 + Math.min(month, day) * 100 + Math.max(month, day)));
            }
            if (givenKey != null && !familyName.isEmpty()) {
                keys.add(block("sounds", Math.min(givenSound, familySound) + " " + Math.max(givenSound, familySound)));
            }
            if (!postcode.isEmpty()) {
                keys.add(block("postcode", postcode));
            }
            if (givenKey != null && year > 0 && month > 0) {
                keys.add(block("given and month", givenKey + " " + (year * 100 + month)));
            }
            String district = postcode.isEmpty() ? "" : Comparisons.district(postcode);
            if (!familyName.isEmpty() && !district.isEmpty()) {
                keys.add(block("family and district", familySound + " " + district));
            }
            if (!locality.isEmpty() && givenKey != null) {
                keys.add(block("town and given", locality + " " + givenKey));
            }
            if (r.address[i] != null) {
                keys.add(block("address", r.address[i]));
            }
            all.add(keys.stream().distinct().toList());
        }
        return all;
    }

    private static Key block(String what, Object value) {
        return new Key(BLOCK, hash(what, String.valueOf(value)));
    }

    /** A stable 64-bit hash of a key (two keys that collide only bring one more candidate). */
    static long hash(String what, String value) {
        return MurmurHash3.hash128x64((what + "\u001f" + value).getBytes(StandardCharsets.UTF_8))[0];
    }
}
