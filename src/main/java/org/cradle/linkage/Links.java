package org.cradle.linkage;

import java.util.Arrays;

/** Scored pairs of records (row numbers in {@link Records}), in primitive arrays. */
public final class Links {

    private int[] a = new int[1024];
    private int[] b = new int[1024];
    private float[] weight = new float[1024];
    private int size;

    void add(int x, int y, float w) {
        if (size == a.length) {
            int n = size * 2;
            a = Arrays.copyOf(a, n);
            b = Arrays.copyOf(b, n);
            weight = Arrays.copyOf(weight, n);
        }
        a[size] = x;
        b[size] = y;
        weight[size++] = w;
    }

    void addAll(Links other) {
        for (int i = 0; i < other.size; i++) {
            add(other.a[i], other.b[i], other.weight[i]);
        }
    }

    public int size() {
        return size;
    }

    public int a(int i) {
        return a[i];
    }

    public int b(int i) {
        return b[i];
    }

    public float weight(int i) {
        return weight[i];
    }

    /**
     * The links with each record linked to at most one record of another source: the strongest first, a pair dropped
     * when either record is already taken (linking two files in which each person appears once).
     */
    public Links oneToOne(int records) {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Float.compare(weight[y], weight[x]));
        boolean[] taken = new boolean[records];
        var kept = new Links();
        for (int i : order) {
            if (!taken[a[i]] && !taken[b[i]]) {
                taken[a[i]] = true;
                taken[b[i]] = true;
                kept.add(a[i], b[i], weight[i]);
            }
        }
        return kept;
    }
}
