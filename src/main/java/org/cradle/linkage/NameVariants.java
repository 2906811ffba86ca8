package org.cradle.linkage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Given names that are the same name to a person (Liz and Elizabeth, Bill and William, Mohammed and Muhammad), from
 * {@code given-name-variants.txt} (its header says where the list comes from). Each group has a number; a name
 * may belong to several groups.
 */
public final class NameVariants {

    private static final int[] NONE = new int[0];
    private static final NameVariants STANDARD = load();

    private final Map<String, int[]> groups;
    private final Map<Integer, List<String>> members = new HashMap<>();

    private NameVariants(Map<String, int[]> groups) {
        this.groups = groups;
        groups.forEach((name, in) -> {
            for (int g : in) {
                members.computeIfAbsent(g, k -> new ArrayList<>()).add(name);
            }
        });
        // Sorted, so that a generator picking the n-th variant picks the same one in every run.
        members.values().forEach(java.util.Collections::sort);
    }

    public static NameVariants standard() {
        return STANDARD;
    }

    /** The groups a name belongs to (lower case, as {@link Records} keeps names); empty when none. */
    public int[] groups(String name) {
        return groups.getOrDefault(name, NONE);
    }

    /** The other names that are variants of this one. */
    public List<String> alternatives(String name) {
        var all = new ArrayList<String>();
        for (int g : groups(name)) {
            for (String other : members.get(g)) {
                if (!other.equals(name) && !all.contains(other)) {
                    all.add(other);
                }
            }
        }
        return all;
    }

    /** True when the two names are variants of one name. */
    public boolean variants(String a, String b) {
        return shareGroup(groups(a), groups(b));
    }

    static boolean shareGroup(int[] a, int[] b) {
        for (int x : a) {
            for (int y : b) {
                if (x == y) {
                    return true;
                }
            }
        }
        return false;
    }

    private static NameVariants load() {
        var groups = new HashMap<String, int[]>();
        var in = Objects.requireNonNull(NameVariants.class.getResourceAsStream("given-name-variants.txt"), "given-name-variants.txt");
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int group = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                for (String raw : line.split(",")) {
                    String name = Records.name(raw);
                    int[] old = groups.getOrDefault(name, NONE);
                    int[] now = java.util.Arrays.copyOf(old, old.length + 1);
                    now[old.length] = group;
                    groups.put(name, now);
                }
                group++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new NameVariants(groups);
    }
}
