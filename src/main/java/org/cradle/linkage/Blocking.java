package org.cradle.linkage;

import java.util.Arrays;

/**
 * Which records are compared at all: those sharing at least one blocking key. Several keys, each strict enough to
 * make small blocks, so that the work grows with the number of records rather than its square, and different
 * enough that a pair missed by one (a typo in the date of birth, a new surname, a move) is caught by another.
 * A pair sharing several keys is compared once, under the first.
 */
final class Blocking {

    /**
     * The keys, in order: NHS number; birth + given; birth + family; the sounds of both names (in either field, so
     * names entered the wrong way round meet); postcode + given; given + year and month; family + postcode district;
     * town + given; postcode + family; birth + postcode; the address line; birth + town; birth + either name's sound
     * (two keys, the names taken in order of their sound, so that swapped names meet).
     */
    static final int KEYS = 14;

    /**
     * The keys EM learns from: those on a person's own details (NHS number, birth, names). The keys on where people
     * live bring whole households together, and EM would learn "same household" instead of "same person".
     */
    static final int[] PERSONAL = {0, 1, 2, 3, 12, 13};

    static final int[] ALL = java.util.stream.IntStream.range(0, KEYS).toArray();

    final long[][] keys;

    Blocking(Records r, NameFeatures given, NameFeatures family) {
        int n = r.size();
        keys = new long[KEYS][n];
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
            keys[0][i] = r.nhs[i] != 0 ? mix(1, r.nhs[i], 0) : 0;
            keys[1][i] = dob != 0 && g >= 0 ? mix(2, dob, g) : 0;
            keys[2][i] = dob != 0 && f >= 0 ? mix(3, dob, f) : 0;
            int gs = r.given[i] < 0 ? 0 : given.sound[r.given[i]];
            int fs = r.family[i] < 0 ? 0 : family.sound[r.family[i]];
            keys[3][i] = g >= 0 && f >= 0 ? mix(4, Math.min(gs, fs), Math.max(gs, fs)) : 0;
            keys[4][i] = postcode >= 0 && g >= 0 ? mix(5, postcode, g) : 0;
            keys[5][i] = g >= 0 && year > 0 && month > 0 ? mix(6, g, year * 100L + month) : 0;
            String district = postcode >= 0 ? Comparisons.district(r.postcodes.value(postcode)) : "";
            keys[6][i] = f >= 0 && !district.isEmpty() ? mix(7, f, district.hashCode()) : 0;
            keys[7][i] = r.locality[i] >= 0 && g >= 0 ? mix(8, r.locality[i], g) : 0;
            keys[8][i] = postcode >= 0 && f >= 0 ? mix(9, postcode, f) : 0;
            keys[9][i] = dob != 0 && postcode >= 0 ? mix(10, dob, postcode) : 0;
            keys[10][i] = r.address[i] != null ? mix(11, r.address[i].hashCode(), r.address[i].length()) : 0;
            keys[11][i] = dob != 0 && r.locality[i] >= 0 ? mix(12, dob, r.locality[i]) : 0;
            keys[12][i] = dob != 0 && g >= 0 && f >= 0 ? mix(13, dob, Math.min(gs, fs)) : 0;
            keys[13][i] = dob != 0 && g >= 0 && f >= 0 ? mix(13, dob, Math.max(gs, fs)) : 0;
        }
    }

    /** The records holding a key, as (key hash high 32 bits | row), sorted: each run of equal high halves is a block. */
    long[] sorted(int key) {
        long[] values = keys[key];
        int count = 0;
        for (long v : values) {
            if (v != 0) {
                count++;
            }
        }
        long[] s = new long[count];
        int at = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0) {
                s[at++] = values[i] & 0xFFFF_FFFF_0000_0000L | i;
            }
        }
        Arrays.parallelSort(s);
        return s;
    }

    /** True when the pair shares an earlier key than {@code key} (it was compared there). */
    boolean seenBefore(int key, int a, int b) {
        for (int k = 0; k < key; k++) {
            long x = keys[k][a];
            if (x != 0 && x == keys[k][b]) {
                return true;
            }
        }
        return false;
    }

    static int row(long entry) {
        return (int) entry;
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
