package org.cradle.linkage;

import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * What is worked out once per distinct name rather than once per comparison: its phonetic code (Double Metaphone)
 * and its variant groups.
 */
final class NameFeatures {

    final int[] phonetic;
    /** The phonetic code's hash: the same sound gives the same number whichever field the name is in. */
    final int[] sound;
    final int[][] variantGroups;
    /** A key that variants share: the first variant group, else the phonetic code; -1 for no name. */
    final int[] blockingKey;

    NameFeatures(Values names, boolean variants) {
        int n = names.size();
        phonetic = new int[n];
        sound = new int[n];
        variantGroups = new int[n][];
        blockingKey = new int[n];
        var metaphone = new DoubleMetaphone();
        var codes = new Values();
        for (int i = 0; i < n; i++) {
            String name = names.value(i);
            // Hyphens and spaces are not sounds: "smith-jones" sounds as smithjones.
            String code = metaphone.doubleMetaphone(name.replace("-", ""));
            String sounds = code == null || code.isEmpty() ? name : code;
            phonetic[i] = codes.intern(sounds);
            sound[i] = sounds.hashCode();
            variantGroups[i] = variants ? NameVariants.standard().groups(name) : new int[0];
            blockingKey[i] = variantGroups[i].length > 0 ? variantGroups[i][0] : 1_000_000 + phonetic[i];
        }
    }
}
