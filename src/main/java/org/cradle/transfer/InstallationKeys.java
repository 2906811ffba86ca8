package org.cradle.transfer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.cradle.casefile.IdHash;

/**
 * This installation's signing key (Ed25519, the JDK's own) and the public keys of the installations it trusts. Kept in
 * a folder outside the repository ({@code $CRADLE_KEYS}, else {@code ./keys/}): {@code installation.key} (private,
 * readable by the owner only) and {@code installation.pub} are generated at first use; {@code trusted/*.pub} are the
 * other areas' public keys, exchanged out of band. A trusted key's file is named by its area's code ({@code E08000007.pub}),
 * or says it in a comment line above the key ({@code # area: E08000007}, and {@code # name: Stockport}).
 */
public final class InstallationKeys {

    private static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final List<PublicKey> trusted;
    private final List<Peer> peers;

    /** A trusted installation: the area it serves, its name, and its key's fingerprint. */
    public record Peer(String area, String name, String fingerprint) {
    }

    private InstallationKeys(PrivateKey privateKey, PublicKey publicKey, List<Peer> peers, List<PublicKey> trusted) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.peers = peers;
        this.trusted = trusted;
    }

    public static Path defaultFolder() {
        String env = System.getenv("CRADLE_KEYS");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of("keys");
    }

    /** Opens the key folder, generating this installation's key pair the first time. */
    public static InstallationKeys open(Path folder) {
        try {
            Path privateFile = folder.resolve("installation.key");
            Path publicFile = folder.resolve("installation.pub");
            if (!Files.exists(privateFile)) {
                Files.createDirectories(folder.resolve("trusted"));
                var pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
                Files.writeString(privateFile, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
                try {
                    Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the folder's own permissions protect it
                }
                Files.writeString(publicFile, encode(pair.getPublic()), StandardCharsets.US_ASCII);
            }
            var factory = KeyFactory.getInstance(ALGORITHM);
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(Files.readString(privateFile).trim())));
            PublicKey publicKey = decode(Files.readString(publicFile));
            var trusted = new ArrayList<PublicKey>();
            var peers = new ArrayList<Peer>();
            Path trustedFolder = folder.resolve("trusted");
            if (Files.isDirectory(trustedFolder)) {
                try (Stream<Path> files = Files.list(trustedFolder)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".pub")).sorted().toList()) {
                        try {
                            var lines = Files.readAllLines(f, StandardCharsets.US_ASCII);
                            PublicKey key = decode(String.join("", lines.stream().filter(l -> !l.startsWith("#")).toList()));
                            String stem = f.getFileName().toString().replaceFirst("\\.pub$", "");
                            String area = comment(lines, "area", stem);
                            trusted.add(key);
                            peers.add(new Peer(area, comment(lines, "name", area), fingerprint(key)));
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException(f + ": not a public key: " + e.getMessage(), e);
                        }
                    }
                }
            }
            return new InstallationKeys(privateKey, publicKey, List.copyOf(peers), List.copyOf(trusted));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(folder + ": the installation key cannot be read: " + e.getMessage(), e);
        }
    }

    private static String comment(List<String> lines, String key, String otherwise) {
        return lines.stream().filter(l -> l.startsWith("# " + key + ":")).map(l -> l.substring(key.length() + 3).trim()).findFirst().orElse(otherwise);
    }

    /** The installations trusted here, in the order of their files. */
    public List<Peer> peers() {
        return peers;
    }

    public static String encode(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** A public key as written in a .pub file or a bundle. */
    public static PublicKey decode(String text) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(text.trim())));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    /** A short, stable name for a public key: the hex SHA-256 of its encoding. */
    public static String fingerprint(PublicKey key) {
        return IdHash.hex(IdHash.sha256().digest(key.getEncoded()));
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public byte[] sign(byte[] data) {
        try {
            var signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when the key is this installation's or a trusted one's and the signature over the data is its. */
    public boolean verify(PublicKey signer, byte[] data, byte[] signatureBytes) {
        boolean known = signer.equals(publicKey) || trusted.contains(signer);
        if (!known) {
            return false;
        }
        try {
            var signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(signer);
            signature.update(data);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public boolean trusts(PublicKey key) {
        return key.equals(publicKey) || trusted.contains(key);
    }
}
