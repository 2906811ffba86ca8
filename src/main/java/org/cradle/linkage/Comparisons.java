package org.cradle.linkage;

import com.carrotsearch.hppc.LongByteHashMap;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Compares two records field by field, giving each field's level of agreement ({@link Field}), -1 where either
 * record lacks the field. One instance per thread: it keeps a cache of name-pair levels (names repeat, so most
 * name comparisons are a lookup).
 */
final class Comparisons {

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    private static final LevenshteinDistance ONE_EDIT = new LevenshteinDistance(1);
    private static final int CACHE_LIMIT = 1 << 20;

    private final Records r;
    private final NameFeatures given;
    private final NameFeatures family;
    private final LongByteHashMap givenLevels = new LongByteHashMap();
    private final LongByteHashMap familyLevels = new LongByteHashMap();
    private final LongByteHashMap localityLevels = new LongByteHashMap();
    /** Scratch for {@link #sharedCharacters}, all zero between calls. */
    private final int[] characterCounts = new int[128];

    Comparisons(Records records, NameFeatures given, NameFeatures family) {
        this.r = records;
        this.given = given;
        this.family = family;
    }

    /** Fills {@code levels} (one per {@link Field}, in order) for records a and b. */
    void compare(int a, int b, byte[] levels) {
        levels[0] = givenName(r.given[a], r.given[b]);
        levels[1] = familyName(a, b);
        if (levels[0] <= 1 && levels[1] <= 1 && levels[0] >= 0 && levels[1] >= 0 && swapped(a, b)) {
            // Given and family names entered the wrong way round on one record.
            levels[0] = 3;
            levels[1] = 3;
        }
        levels[2] = birth(r.birth[a], r.birth[b]);
        levels[3] = r.sex[a] == 0 || r.sex[b] == 0 ? -1 : (byte) (r.sex[a] == r.sex[b] ? 1 : 0);
        levels[4] = nhs(r.nhs[a], r.nhs[b]);
        levels[5] = postcode(a, b);
        levels[6] = address(r.address[a], r.address[b]);
        if (levels[5] == 0 && levels[6] == 0) {
            // A move changes both the postcode and the address: one event, counted once (by the postcode).
            levels[6] = -1;
        }
        // The town says nothing more once the postcodes share a district: count it only where they do not.
        levels[7] = levels[5] >= 1 ? -1 : locality(r.locality[a], r.locality[b]);
    }

    private byte givenName(int x, int y) {
        if (x < 0 || y < 0) {
            return -1;
        }
        if (x == y) {
            return 4;
        }
        long key = x < y ? (long) x << 32 | y : (long) y << 32 | x;
        int cached = givenLevels.getOrDefault(key, (byte) -2);
        if (cached != -2) {
            return (byte) cached;
        }
        String s = r.givenNames.value(x);
        String t = r.givenNames.value(y);
        byte level;
        if (close(s, t)) {
            level = 3;
        } else if (NameVariants.shareGroup(given.variantGroups[x], given.variantGroups[y])) {
            level = 2;
        } else if (given.phonetic[x] == given.phonetic[y] || jaroWinkler(s, t, 0.8) >= 0.8 || initialOf(s, t)) {
            level = 1;
        } else {
            level = 0;
        }
        remember(givenLevels, key, level);
        return level;
    }

    private byte familyName(int a, int b) {
        int x = r.family[a];
        int y = r.family[b];
        if (x < 0 || y < 0) {
            return -1;
        }
        if (x == y) {
            return 4;
        }
        int px = r.previousFamily[a];
        int py = r.previousFamily[b];
        if (px >= 0 && (px == y || px == py) || py >= 0 && py == x) {
            return 2;
        }
        long key = x < y ? (long) x << 32 | y : (long) y << 32 | x;
        int cached = familyLevels.getOrDefault(key, (byte) -2);
        if (cached != -2) {
            return (byte) cached;
        }
        String s = r.familyNames.value(x);
        String t = r.familyNames.value(y);
        byte level;
        if (close(s, t)) {
            level = 3;
        } else if (partOf(s, t) || partOf(t, s)) {
            level = 2;
        } else if (family.phonetic[x] == family.phonetic[y] || jaroWinkler(s, t, 0.8) >= 0.8) {
            level = 1;
        } else {
            level = 0;
        }
        remember(familyLevels, key, level);
        return level;
    }

    private boolean swapped(int a, int b) {
        String ga = r.givenNames.value(r.given[a]);
        String fa = r.familyNames.value(r.family[a]);
        String gb = r.givenNames.value(r.given[b]);
        String fb = r.familyNames.value(r.family[b]);
        return (ga.equals(fb) || close(ga, fb)) && (fa.equals(gb) || close(fa, gb));
    }

    private static void remember(LongByteHashMap cache, long key, byte level) {
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(key, level);
    }

    /** One typing slip apart: one character added, dropped or changed, two neighbours swapped, or very alike. */
    boolean close(String s, String t) {
        // Most pairs compared are plainly different: a count of shared characters says so without the edit distance.
        int shared = sharedCharacters(s, t);
        int longer = Math.max(s.length(), t.length());
        boolean fewEdits = shared >= longer - 1;
        if (fewEdits && (ONE_EDIT.apply(s, t) >= 0 || transposed(s, t))) {
            return true;
        }
        return s.length() > 5 && jaroCanReach(shared, s, t, 0.94) && JARO_WINKLER.apply(s, t) >= 0.94;
    }

    /** Jaro-Winkler similarity, or 0 when the shared characters alone show it falls short of {@code floor}. */
    private double jaroWinkler(String s, String t, double floor) {
        return jaroCanReach(sharedCharacters(s, t), s, t, floor) ? JARO_WINKLER.apply(s, t) : 0;
    }

    /**
     * Whether Jaro-Winkler can reach {@code floor} with at most {@code shared} matching characters: Jaro is at most
     * (m/|s| + m/|t| + 1) / 3, and Winkler's prefix bonus (up to four characters, 0.1 each) takes it at most 0.4 of
     * the way from there to 1.
     */
    private static boolean jaroCanReach(int shared, String s, String t, double floor) {
        double jaro = (shared / (double) s.length() + shared / (double) t.length() + 1) / 3;
        return jaro + 0.4 * (1 - jaro) >= floor;
    }

    /** How many characters two strings have in common, as multisets (a bound on Jaro's matching characters). */
    private int sharedCharacters(String s, String t) {
        int[] counts = characterCounts;
        for (int i = 0; i < s.length(); i++) {
            counts[s.charAt(i) & 0x7F]++;
        }
        int shared = 0;
        for (int i = 0; i < t.length(); i++) {
            if (counts[t.charAt(i) & 0x7F]-- > 0) {
                shared++;
            }
        }
        for (int i = 0; i < s.length(); i++) {
            counts[s.charAt(i) & 0x7F] = 0;
        }
        for (int i = 0; i < t.length(); i++) {
            counts[t.charAt(i) & 0x7F] = 0;
        }
        return shared;
    }

    private static boolean transposed(String s, String t) {
        if (s.length() != t.length()) {
            return false;
        }
        int first = -1;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != t.charAt(i)) {
                if (first >= 0) {
                    return i == first + 1 && s.charAt(first) == t.charAt(i) && s.charAt(i) == t.charAt(first)
                            && s.regionMatches(i + 1, t, i + 1, s.length() - i - 1);
                }
                first = i;
            }
        }
        return false;
    }

    /** "smith" is part of "smith-jones" or "jones-smith": a double-barrelled name taken or dropped. */
    private static boolean partOf(String whole, String part) {
        int at = whole.indexOf(part);
        if (at < 0 || part.length() < 2) {
            return false;
        }
        int end = at + part.length();
        return (at == 0 || whole.charAt(at - 1) == '-') && (end == whole.length() || whole.charAt(end) == '-');
    }

    /** "J" and "James". */
    private static boolean initialOf(String s, String t) {
        return s.length() == 1 && t.charAt(0) == s.charAt(0) || t.length() == 1 && s.charAt(0) == t.charAt(0);
    }

    static byte birth(int x, int y) {
        if (x == 0 || y == 0) {
            return -1;
        }
        if (x == y) {
            return 3;
        }
        int yx = x / 10000;
        int mx = x / 100 % 100;
        int dx = x % 100;
        int yy = y / 10000;
        int my = y / 100 % 100;
        int dy = y % 100;
        if (mx == 0 || my == 0 || dx == 0 || dy == 0) {
            // Only part of a date is known on one side: it agrees in part or not at all.
            return (byte) (yx == yy && (mx == 0 || my == 0 || mx == my) ? 1 : 0);
        }
        if (yx == yy && dx == my && mx == dy) {
            return 2;
        }
        int same = (yx == yy ? 1 : 0) + (mx == my ? 1 : 0) + (dx == dy ? 1 : 0);
        return (byte) (same == 2 ? 1 : 0);
    }

    static byte nhs(long x, long y) {
        if (x == 0 || y == 0) {
            return -1;
        }
        if (x == y) {
            return 2;
        }
        return (byte) (oneDigitApart(x, y) ? 1 : 0);
    }

    /** Ten digits with one changed, or two neighbours swapped: the slips a check digit is there to catch. */
    static boolean oneDigitApart(long x, long y) {
        int differ = 0;
        int first = -1;
        long a = x;
        long b = y;
        int[] da = new int[10];
        int[] db = new int[10];
        for (int i = 0; i < 10; i++) {
            da[i] = (int) (a % 10);
            db[i] = (int) (b % 10);
            a /= 10;
            b /= 10;
            if (da[i] != db[i]) {
                differ++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        return differ == 1 || differ == 2 && first < 9 && da[first] == db[first + 1] && da[first + 1] == db[first];
    }

    private byte postcode(int a, int b) {
        int x = r.postcode[a];
        int y = r.postcode[b];
        if (x < 0 || y < 0) {
            return -1;
        }
        if (x == y) {
            return 3;
        }
        if (close(r.postcodes.value(x), r.postcodes.value(y))) {
            return 2;
        }
        return (byte) (r.district[a] >= 0 && r.district[a] == r.district[b] ? 1 : 0);
    }

    /** A UK postcode's outward code (all but the three-character inward code); for a numeric postcode, all but two digits. */
    static String district(String postcode) {
        boolean numeric = postcode.chars().allMatch(Character::isDigit);
        int keep = postcode.length() - (numeric ? 2 : 3);
        return keep <= 0 ? "" : postcode.substring(0, keep);
    }

    private byte address(String s, String t) {
        if (s == null || t == null) {
            return -1;
        }
        if (s.equals(t)) {
            return 3;
        }
        double similarity = jaroWinkler(s, t, 0.8);
        return (byte) (similarity >= 0.92 ? 2 : similarity >= 0.8 ? 1 : 0);
    }

    private byte locality(int x, int y) {
        if (x < 0 || y < 0) {
            return -1;
        }
        if (x == y) {
            return 2;
        }
        long key = x < y ? (long) x << 32 | y : (long) y << 32 | x;
        int cached = localityLevels.getOrDefault(key, (byte) -2);
        if (cached != -2) {
            return (byte) cached;
        }
        byte level = (byte) (jaroWinkler(r.localities.value(x), r.localities.value(y), 0.88) >= 0.88 ? 1 : 0);
        remember(localityLevels, key, level);
        return level;
    }
}
