package org.cradle.linkage;

import com.carrotsearch.hppc.sorting.IndirectSort;
import java.util.Arrays;

/**
 * Which records are compared at all: those sharing at least one blocking key. Several keys, each strict enough to
 * make small blocks however many records there are (a name with a date or a place, never a name alone or a name
 * with a whole town), so that the work grows with the number of records rather than its square, and different
 * enough that a pair missed by one (a typo in the date of birth, a new surname, a move) is caught by another.
 * A pair sharing several keys is compared once, under the first.
 *
 * <p>A block larger than the linker's cap is walked as a sorted neighbourhood: its records in order of date of
 * birth, postcode and names, each compared with the next few only, so that a block of a very common name with a
 * common date costs a window per record rather than its square.
 */
final class Blocking {

    /**
     * The keys, in order: NHS number; birth + given; birth + family; birth + either name's sound (two keys, the
     * names taken in order of their sound, so that swapped names meet); the sounds of both names (in either order,
     * so that names entered the wrong way round meet) with the year of birth, then with the postcode district;
     * postcode + given; postcode + family; birth + postcode; birth + town; the address line in its town; family +
     * postcode district + year of birth; given + year and month of birth + postcode district; the sounds of both
     * names alone (for a record without a date of birth whose person moved: a common pair of names makes a big
     * block, walked as a sorted neighbourhood); family + given initial + postcode district; family + given initial
     * + year of birth.
     */
    static final int KEYS = 17;

    /**
     * The keys EM learns from: those on a person's own details (NHS number, birth, names). The keys on where people
     * live bring whole households together, and EM would learn "same household" instead of "same person".
     */
    static final int[] PERSONAL = {0, 1, 2, 3, 4, 5};

    static final int[] ALL = java.util.stream.IntStream.range(0, KEYS).toArray();

    /** Each record's keys, record by record ({@code keys[row * KEYS + key]}), 0 for none: one record's keys share a cache line or two. */
    private final long[] keys;
    /** The records in sorted-neighbourhood order (birth, then postcode), and each record's place in it. */
    private final int[] order;
    private final int[] rank;

    Blocking(Records r, NameFeatures given, NameFeatures family) {
        int n = r.size();
        keys = new long[n * KEYS];
        for (int i = 0; i < n; i++) {
            int g = r.given[i] < 0 ? -1 : given.blockingKey[r.given[i]];
            int f = r.family[i] < 0 ? -1 : family.phonetic[r.family[i]];
            int birth = r.birth[i];
            int year = birth / 10000;
            int month = birth / 100 % 100;
            int day = birth % 100;
            // Day and month in order of size: a date with the two swapped falls in the same block.
            int dayMonth = month > 0 && day > 0 ? Math.min(month, day) * 100 + Math.max(month, day) : 0;
            int dob = dayMonth > 0 && year > 0 ? year * 10000 + dayMonth : 0;
            int postcode = r.postcode[i];
            int district = r.district[i];
            int gs = r.given[i] < 0 ? 0 : given.sound[r.given[i]];
            int fs = r.family[i] < 0 ? 0 : family.sound[r.family[i]];
            boolean names = g >= 0 && f >= 0;
            long sounds = (long) Math.min(gs, fs) << 32 | Math.max(gs, fs) & 0xFFFF_FFFFL;
            int at = i * KEYS;
            keys[at] = r.nhs[i] != 0 ? mix(1, r.nhs[i], 0) : 0;
            keys[at + 1] = dob != 0 && g >= 0 ? mix(2, dob, g) : 0;
            keys[at + 2] = dob != 0 && f >= 0 ? mix(3, dob, f) : 0;
            keys[at + 3] = dob != 0 && names ? mix(4, dob, Math.min(gs, fs)) : 0;
            keys[at + 4] = dob != 0 && names ? mix(4, dob, Math.max(gs, fs)) : 0;
            keys[at + 5] = names && year > 0 ? mix(6, sounds, year) : 0;
            keys[at + 6] = names && district >= 0 ? mix(7, sounds, district) : 0;
            keys[at + 7] = postcode >= 0 && g >= 0 ? mix(8, postcode, g) : 0;
            keys[at + 8] = postcode >= 0 && f >= 0 ? mix(9, postcode, f) : 0;
            keys[at + 9] = dob != 0 && postcode >= 0 ? mix(10, dob, postcode) : 0;
            keys[at + 10] = dob != 0 && r.locality[i] >= 0 ? mix(11, dob, r.locality[i]) : 0;
            keys[at + 11] = r.address[i] != null ? mix(12, r.address[i].hashCode(), r.locality[i]) : 0;
            keys[at + 12] = f >= 0 && district >= 0 && year > 0 ? mix(13, f, (long) district << 16 | year) : 0;
            keys[at + 13] = g >= 0 && district >= 0 && year > 0 && month > 0 ? mix(14, g, (long) district << 24 | year * 100L + month) : 0;
            keys[at + 14] = names ? mix(15, sounds, 0) : 0;
            int initial = r.given[i] < 0 ? 0 : r.givenNames.value(r.given[i]).charAt(0);
            keys[at + 15] = f >= 0 && initial > 0 && district >= 0 ? mix(16, f, (long) initial << 32 | district) : 0;
            keys[at + 16] = f >= 0 && initial > 0 && year > 0 ? mix(17, f, (long) initial << 32 | year) : 0;
        }
        order = neighbourhoodOrder(r);
        rank = new int[n];
        for (int p = 0; p < n; p++) {
            rank[order[p]] = p;
        }
    }

    /**
     * Records by date of birth, then postcode (by value, so that neighbours live near each other), ties in an order
     * of their own (a hash of the row: not the order they came in, which may hold one person's records together).
     */
    private static int[] neighbourhoodOrder(Records r) {
        int[] postcodeRank = alphabetical(r.postcodes);
        return IndirectSort.mergesort(0, r.size(), (a, b) -> {
            int c = Integer.compare(r.birth[a], r.birth[b]);
            if (c == 0) {
                c = Integer.compare(r.postcode[a] < 0 ? -1 : postcodeRank[r.postcode[a]], r.postcode[b] < 0 ? -1 : postcodeRank[r.postcode[b]]);
            }
            return c != 0 ? c : Long.compare(splitmix(a), splitmix(b));
        });
    }

    /** Each value's place in alphabetical order. */
    private static int[] alphabetical(Values values) {
        int[] byValue = IndirectSort.mergesort(0, values.size(), (a, b) -> values.value(a).compareTo(values.value(b)));
        int[] place = new int[byValue.length];
        for (int p = 0; p < byValue.length; p++) {
            place[byValue[p]] = p;
        }
        return place;
    }

    long key(int key, int row) {
        return keys[row * KEYS + key];
    }

    /**
     * The records holding a key, as (key hash high 32 bits | place in neighbourhood order), sorted: each run of
     * equal high halves is a block, its records in neighbourhood order. {@link #row} turns an entry back into a row.
     */
    long[] sorted(int key) {
        int n = rank.length;
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (keys[i * KEYS + key] != 0) {
                count++;
            }
        }
        long[] s = new long[count];
        int at = 0;
        for (int i = 0; i < n; i++) {
            long v = keys[i * KEYS + key];
            if (v != 0) {
                s[at++] = v & 0xFFFF_FFFF_0000_0000L | rank[i];
            }
        }
        Arrays.parallelSort(s);
        return s;
    }

    /** True when the pair shares an earlier key than {@code key} (it was compared there). */
    boolean seenBefore(int key, int a, int b) {
        int x = a * KEYS;
        int y = b * KEYS;
        for (int k = 0; k < key; k++) {
            long v = keys[x + k];
            if (v != 0 && v == keys[y + k]) {
                return true;
            }
        }
        return false;
    }

    int row(long entry) {
        return order[(int) entry];
    }

    static long block(long entry) {
        return entry & 0xFFFF_FFFF_0000_0000L;
    }

    /** A 64-bit hash of a key's parts, never 0 (0 is "no key"). */
    static long mix(long kind, long x, long y) {
        long h = kind * 0x9E37_79B9_7F4A_7C15L;
        h = splitmix(h ^ x);
        h = splitmix(h ^ y);
        return h == 0 ? 1 : h;
    }

    static long splitmix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
