package org.cradle.linkage;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Distinct values of one field, each numbered once, with how many records hold it (for term frequencies). */
public final class Values {

    private final Map<String, Integer> numbers = new HashMap<>();
    private String[] values = new String[64];
    private int[] counts = new int[64];
    private int size;
    private long total;

    /** The value's number, counting one more record holding it; -1 for an empty value. */
    int intern(String value) {
        if (value == null || value.isEmpty()) {
            return -1;
        }
        Integer n = numbers.get(value);
        if (n == null) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            n = size++;
            values[n] = value;
            numbers.put(value, n);
        }
        counts[n]++;
        total++;
        return n;
    }

    /**
     * Sets how many records hold a value and how many hold any, as counted over a larger set than the records
     * interned here (the whole store, when only new records and their candidates are matched).
     */
    void recount(int n, int count, long all) {
        counts[n] = count;
        total = all;
    }

    public String value(int n) {
        return n < 0 ? "" : values[n];
    }

    public int count(int n) {
        return n < 0 ? 0 : counts[n];
    }

    /** The share of records holding a value that hold this one. */
    public double frequency(int n) {
        return total == 0 ? 0 : (double) counts[n] / total;
    }

    public int size() {
        return size;
    }
}
