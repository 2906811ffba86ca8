package org.cradle.linkage;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * Person records as the matcher reads them: one column per field, one row per record, in primitive arrays (a
 * million records fit in tens of megabytes, and the comparisons touch no objects). Names, postcodes and places are
 * interned into {@link Values} tables so that equal values are equal ints and each value's frequency is known. The
 * town and the area are one field (the town where known): they say the same thing, and counting both would count
 * one agreement twice.
 *
 * <p>Dates of birth are {@code yyyymmdd} ints with 0 for an unknown part (a month and year only is {@code yyyymm00});
 * 0 is unknown altogether. The NHS number is a long, 0 when not recorded. Sex is 'F', 'M' or 0.
 */
public final class Records {

    /** One row to add. Null or blank fields are unknown. */
    public record Row(String id, String source, String given, String family, String previousFamily, int birth, char sex,
                      String nhsNumber, String postcode, String address, String locality, String area) {
    }

    public final Values sources = new Values();
    public final Values givenNames = new Values();
    public final Values familyNames = new Values();
    public final Values postcodes = new Values();
    /** Postcode districts (the outward code), numbered: two records in one district have one number. */
    final Values districts = new Values();
    public final Values localities = new Values();

    private int size;
    String[] id = new String[16];
    int[] source = new int[16];
    int[] given = new int[16];
    int[] family = new int[16];
    int[] previousFamily = new int[16];
    int[] birth = new int[16];
    byte[] sex = new byte[16];
    long[] nhs = new long[16];
    int[] postcode = new int[16];
    int[] district = new int[16];
    String[] address = new String[16];
    int[] locality = new int[16];

    /** Adds a record; returns its row number. */
    public int add(Row r) {
        if (size == id.length) {
            grow();
        }
        int i = size++;
        id[i] = r.id();
        source[i] = sources.intern(r.source() == null ? "" : r.source());
        given[i] = givenNames.intern(given(r.given()));
        family[i] = familyNames.intern(name(r.family()));
        previousFamily[i] = familyNames.intern(name(r.previousFamily()));
        birth[i] = r.birth();
        sex[i] = (byte) (r.sex() == 'F' || r.sex() == 'M' ? r.sex() : 0);
        nhs[i] = NhsNumber.parse(r.nhsNumber());
        postcode[i] = postcodes.intern(postcode(r.postcode()));
        district[i] = districts.intern(Comparisons.district(postcodes.value(postcode[i])));
        String a = text(r.address());
        address[i] = a.isEmpty() ? null : a;
        // The town where known, else the area (a local authority): one field, as the two say the same thing.
        String town = text(r.locality());
        String area = text(r.area());
        locality[i] = localities.intern(!town.isEmpty() ? town : area.isEmpty() ? "" : "area " + area);
        return i;
    }

    private void grow() {
        int n = id.length * 2;
        id = Arrays.copyOf(id, n);
        source = Arrays.copyOf(source, n);
        given = Arrays.copyOf(given, n);
        family = Arrays.copyOf(family, n);
        previousFamily = Arrays.copyOf(previousFamily, n);
        birth = Arrays.copyOf(birth, n);
        sex = Arrays.copyOf(sex, n);
        nhs = Arrays.copyOf(nhs, n);
        postcode = Arrays.copyOf(postcode, n);
        district = Arrays.copyOf(district, n);
        address = Arrays.copyOf(address, n);
        locality = Arrays.copyOf(locality, n);
    }

    public int size() {
        return size;
    }

    public String id(int row) {
        return id[row];
    }

    public int source(int row) {
        return source[row];
    }

    /** A readable line for one record (for evidence and the review queue). */
    public String describe(int row) {
        return String.join(" | ", givenNames.value(given[row]), familyNames.value(family[row]),
                birth[row] == 0 ? "" : Integer.toString(birth[row]), nhs[row] == 0 ? "" : Long.toString(nhs[row]),
                postcodes.value(postcode[row]), address[row] == null ? "" : address[row], localities.value(locality[row]));
    }

    /** Lower case, accents removed, only letters, digits, spaces and hyphens kept, spaces squeezed. */
    static String text(String s) {
        if (s == null || s.isBlank()) {
            return "";
        }
        String n = Normalizer.normalize(s, Normalizer.Form.NFD).toLowerCase(Locale.ROOT);
        var b = new StringBuilder(n.length());
        boolean space = false;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
                if (space && b.length() > 0) {
                    b.append(' ');
                }
                space = false;
                b.append(c);
            } else if (c == ' ' || c == ',' || c == '.' || c == '\t' || c == '/') {
                space = true;
            }
        }
        return b.toString();
    }

    /** A name: as {@link #text} but an apostrophe joins (O'Brien is obrien) and a space inside a surname is a hyphen. */
    static String name(String s) {
        return s == null ? "" : text(s.replace("'", "").replace("\u2019", "")).replace(' ', '-');
    }

    /** Words that stand in for a given name not yet known ("Baby Smith", "Unborn Smith", "Twin 1"). */
    private static final java.util.Set<String> NOT_A_NAME = java.util.Set.of("baby", "unborn", "infant", "twin", "newborn", "unknown", "child");

    /** The first given name; a stand-in for a name not yet given counts as no name. */
    static String given(String given) {
        if (given == null) {
            return "";
        }
        String t = given.strip();
        int space = t.indexOf(' ');
        String first = name(space < 0 ? t : t.substring(0, space));
        return NOT_A_NAME.contains(first) ? "" : first;
    }

    /** Postcodes compare without spaces, upper case. */
    static String postcode(String s) {
        return s == null ? "" : s.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }
}
