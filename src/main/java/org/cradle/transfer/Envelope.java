package org.cradle.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;
import org.cradle.casefile.IdHash;
import org.cradle.casefile.Json;

/**
 * A signed document: the payload's exact bytes (base64, so that no re-encoding can change what was signed), their
 * SHA-256, the Ed25519 signature over them and the signer's public key. Opening it checks all four before the payload
 * is read at all: a truncated, altered or unsigned file is refused whole.
 */
final class Envelope {

    record Opened(JsonNode payload, String sha256, PublicKey signer) {
    }

    private Envelope() {
    }

    static ObjectNode seal(String format, JsonNode payload, InstallationKeys keys) {
        byte[] bytes = Json.write(payload).getBytes(StandardCharsets.UTF_8);
        ObjectNode envelope = Json.MAPPER.createObjectNode().put("format", format);
        envelope.put("sha256", sha256(bytes));
        envelope.put("signer", InstallationKeys.encode(keys.publicKey()));
        envelope.put("signature", Base64.getEncoder().encodeToString(keys.sign(bytes)));
        envelope.put("payload", Base64.getEncoder().encodeToString(bytes));
        return envelope;
    }

    static Opened open(Path file, String format, InstallationKeys keys) throws RefusedTransfer {
        JsonNode envelope;
        try {
            envelope = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RefusedTransfer(RefusedTransfer.Reason.TRUNCATED, file + ": not a complete " + format + " file (truncated or not JSON): " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (envelope == null || !envelope.isObject()) {
            throw new RefusedTransfer(RefusedTransfer.Reason.TRUNCATED, file + ": not a " + format + " file");
        }
        if (!format.equals(envelope.path("format").asText())) {
            throw new RefusedTransfer(RefusedTransfer.Reason.INVALID, file + ": $.format: expected \"" + format + "\", found " + envelope.path("format"));
        }
        byte[] bytes = base64(file, envelope, "payload");
        byte[] signature = base64(file, envelope, "signature");
        PublicKey signer;
        try {
            signer = InstallationKeys.decode(envelope.path("signer").asText());
        } catch (IllegalArgumentException e) {
            throw new RefusedTransfer(RefusedTransfer.Reason.TAMPERED, file + ": $.signer: not an Ed25519 public key");
        }
        String sha256 = sha256(bytes);
        if (!sha256.equals(envelope.path("sha256").asText())) {
            throw new RefusedTransfer(RefusedTransfer.Reason.TAMPERED, file + ": $.payload: its SHA-256 is not the one sealed with it: the bundle was altered or cut short");
        }
        if (!keys.trusts(signer)) {
            throw new RefusedTransfer(RefusedTransfer.Reason.UNTRUSTED, file + ": $.signer: key " + InstallationKeys.fingerprint(signer).substring(0, 16)
                    + "... is not one this installation trusts (add its .pub to the trusted keys folder)");
        }
        if (!keys.verify(signer, bytes, signature)) {
            throw new RefusedTransfer(RefusedTransfer.Reason.TAMPERED, file + ": $.signature: does not match the payload: the bundle was altered");
        }
        try {
            return new Opened(Json.MAPPER.readTree(bytes), sha256, signer);
        } catch (IOException e) {
            throw new RefusedTransfer(RefusedTransfer.Reason.TAMPERED, file + ": $.payload: not JSON", e);
        }
    }

    private static byte[] base64(Path file, JsonNode envelope, String key) throws RefusedTransfer {
        JsonNode value = envelope.get(key);
        if (value == null || !value.isTextual()) {
            throw new RefusedTransfer(RefusedTransfer.Reason.TRUNCATED, file + ": $." + key + ": missing");
        }
        try {
            return Base64.getDecoder().decode(value.asText());
        } catch (IllegalArgumentException e) {
            throw new RefusedTransfer(RefusedTransfer.Reason.TAMPERED, file + ": $." + key + ": not base64: the bundle was altered or cut short");
        }
    }

    static String sha256(byte[] bytes) {
        return IdHash.hex(IdHash.sha256().digest(bytes));
    }
}
