package org.cradle.casefile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Small hashes of ids and documents, so that millions of them fit in little memory. */
public final class IdHash {

    private IdHash() {
    }

    /** A 64-bit hash of an id: FNV-1a over its UTF-8 bytes, then a finaliser that spreads the bits. */
    public static long of(String id) {
        long h = 0xcbf29ce484222325L;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    /** The first 64 bits of a document's SHA-256: tells a re-sent document from a changed one. */
    public static long fingerprint(String document) {
        byte[] digest = sha256().digest(document.getBytes(StandardCharsets.UTF_8));
        long f = 0;
        for (int i = 0; i < 8; i++) {
            f = (f << 8) | (digest[i] & 0xff);
        }
        return f;
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
