package org.journeyplatform.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.journeyplatform.infra.crypto.MasterKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signed checkpoints of the audit chain: its head (position and MAC) at a moment, MACed with the audit chain key
 * (outside the database), written to {@code audit_checkpoint} and to a file an operator can keep elsewhere
 * ({@code journey.audit.checkpoint-file}), replaced atomically (a temporary file renamed over it), readable by the
 * platform's user only. {@code {chainId}} in the file's path stands for this audit log's id, so that instances of
 * different databases on one machine (the default path, in the temporary directory) do not share one file. A chain shorter than a checkpoint, or whose entry at a checkpoint's position is not the one
 * recorded, has lost its newest entries: {@link AuditLog#verify()} says so. A new checkpoint is written only over a
 * chain that still holds the last one, so a shortened chain is never anchored.
 */
@Component
public class AuditCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One checkpoint; {@code where} says where it was read ("audit_checkpoint" or "checkpoint file"). */
    public record Checkpoint(
            String chainId,
            long position,
            String headHash,
            Instant createdAt,
            String macKeyId,
            String mac,
            String where) {

        String describe() {
            return "the checkpoint of " + createdAt + " (" + where + ")";
        }
    }

    /** The checkpoints known, MACs checked; or what is wrong with them. */
    record Known(List<Checkpoint> checkpoints, String problem) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final MasterKeys masterKeys;
    private final String filePattern;
    private volatile Path file;
    private volatile String chainId;

    public AuditCheckpoints(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Clock clock,
            MasterKeys masterKeys,
            @Value("${journey.audit.checkpoint-file:${java.io.tmpdir}/journey-audit-checkpoint-{chainId}.json}")
                    String file) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.masterKeys = masterKeys;
        this.filePattern = file;
    }

    /** The checkpoint file, {@code {chainId}} replaced by this audit log's id. */
    Path file() {
        Path resolved = file;
        if (resolved == null) {
            resolved = Path.of(filePattern.replace("{chainId}", chainId())).toAbsolutePath();
            file = resolved;
        }
        return resolved;
    }

    /** The id of this database's audit log (V15). */
    String chainId() {
        String id = chainId;
        if (id == null) {
            id = jdbc.sql("SELECT chain_id FROM audit_chain ORDER BY created_at LIMIT 1")
                    .query(String.class)
                    .single();
            chainId = id;
        }
        return id;
    }

    /** Every checkpoint in the table and the file, each MAC checked. */
    Known known(String chain) {
        return known(chain, false);
    }

    /** The checkpoints in the table (every one, or the newest only) and the file, each MAC checked. */
    private Known known(String chain, boolean newestOnly) {
        List<Checkpoint> all = new ArrayList<>();
        List<Checkpoint> rows = jdbc.sql(
                        newestOnly
                                ? "SELECT * FROM audit_checkpoint ORDER BY position DESC, checkpoint_id DESC LIMIT 1"
                                : "SELECT * FROM audit_checkpoint ORDER BY position, checkpoint_id")
                .query((rs, row) -> new Checkpoint(
                        rs.getString("chain_id"),
                        rs.getLong("position"),
                        rs.getString("head_hash"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getString("mac_key_id"),
                        rs.getString("mac"),
                        "audit_checkpoint " + rs.getLong("checkpoint_id")))
                .list();
        for (Checkpoint checkpoint : rows) {
            String problem = problemOf(checkpoint, chain);
            if (problem != null) {
                return new Known(List.of(), problem);
            }
            all.add(checkpoint);
        }
        Optional<Checkpoint> inFile;
        try {
            inFile = readFile();
        } catch (IOException | RuntimeException e) {
            return new Known(
                    List.of(),
                    "the checkpoint file cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (inFile.isPresent()) {
            String problem = problemOf(inFile.get(), chain);
            if (problem != null) {
                return new Known(List.of(), problem);
            }
            all.add(inFile.get());
        }
        return new Known(all, null);
    }

    private String problemOf(Checkpoint checkpoint, String chain) {
        if (!chain.equals(checkpoint.chainId())) {
            return checkpoint.where() + " belongs to another audit log (" + checkpoint.chainId() + ", this one is "
                    + chain + ")";
        }
        Optional<byte[]> key = masterKeys.auditChainKey(checkpoint.macKeyId());
        if (key.isEmpty()) {
            return checkpoint.where() + " is signed with the key of master key '" + checkpoint.macKeyId()
                    + "', which is not configured: it cannot be checked";
        }
        if (!mac(key.get(), checkpoint).equals(checkpoint.mac())) {
            return checkpoint.where() + " does not carry a valid MAC: it was not written by the platform";
        }
        return null;
    }

    /**
     * Anchors the chain's head in a new checkpoint (table, then file) when it moved since the newest one, one instance
     * at a time (with {@code wait}, after the one at it; else leaving it to that one); refuses (and warns) when the chain no longer holds the newest checkpoint. Answers the newest
     * checkpoint, new or not; empty when another instance is at it, the chain is empty, or it was refused.
     */
    public Optional<Checkpoint> checkpoint(boolean wait) {
        String chain = chainId();
        Optional<Checkpoint> written = transactions.execute(status -> {
            if (!AuditLog.lock(jdbc, wait)) {
                return Optional.<Checkpoint>empty();
            }
            Optional<Object[]> head = jdbc.sql("""
                            SELECT position, hash FROM audit_entry WHERE position IS NOT NULL
                             ORDER BY position DESC LIMIT 1""")
                    .query((rs, row) -> new Object[] {rs.getLong(1), rs.getString(2)})
                    .optional();
            if (head.isEmpty()) {
                return Optional.<Checkpoint>empty();
            }
            long position = (Long) head.get()[0];
            Known known = known(chain, true);
            if (known.problem() != null) {
                log.warn("Audit log not checkpointed: {}", known.problem());
                return Optional.<Checkpoint>empty();
            }
            Checkpoint newest = known.checkpoints().stream()
                    .max(java.util.Comparator.comparingLong(Checkpoint::position))
                    .orElse(null);
            if (newest != null) {
                String hashThere = jdbc.sql("SELECT hash FROM audit_entry WHERE position = ?")
                        .param(newest.position())
                        .query(String.class)
                        .optional()
                        .orElse(null);
                if (position < newest.position() || !newest.headHash().equals(hashThere)) {
                    log.warn(
                            "Audit log not checkpointed: the chain no longer holds entry {} as {} recorded it; "
                                    + "verify it (GET /api/v1/admin/audit/verification)",
                            newest.position(),
                            newest.where());
                    return Optional.<Checkpoint>empty();
                }
                if (position == newest.position()) {
                    return Optional.of(newest);
                }
            }
            // the entries since the newest checkpoint (all of them, before the first) are walked before a new head is
            // signed: a checkpoint never vouches for an entry put into the chain by anyone but the sealing step
            String problem = newest == null
                    ? AuditLog.problemAfter(jdbc, masterKeys, 0, AuditLog.GENESIS)
                    : AuditLog.problemAfter(jdbc, masterKeys, newest.position(), newest.headHash());
            if (problem != null) {
                log.warn("Audit log not checkpointed: {}; verify it (GET /api/v1/admin/audit/verification)", problem);
                return Optional.<Checkpoint>empty();
            }
            String keyId = masterKeys.primaryId();
            Checkpoint unsigned = new Checkpoint(
                    chain,
                    position,
                    (String) head.get()[1],
                    clock.instant().truncatedTo(ChronoUnit.MICROS),
                    keyId,
                    null,
                    "audit_checkpoint");
            Checkpoint signed = new Checkpoint(
                    chain,
                    position,
                    unsigned.headHash(),
                    unsigned.createdAt(),
                    keyId,
                    mac(masterKeys.auditChainKey(keyId).orElseThrow(), unsigned),
                    "audit_checkpoint");
            jdbc.sql("""
                            INSERT INTO audit_checkpoint (chain_id, position, head_hash, created_at, mac_key_id, mac)
                            VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(chain, position, signed.headHash(), Timestamp.from(signed.createdAt()), keyId, signed.mac())
                    .update();
            return Optional.of(signed);
        });
        written.ifPresent(this::keepInFile);
        return written;
    }

    /** Writes the checkpoint to the file unless the file already holds it or a later one. */
    private void keepInFile(Checkpoint checkpoint) {
        try {
            Optional<Checkpoint> current = readFile();
            if (current.isPresent()
                    && current.get().chainId().equals(checkpoint.chainId())
                    && current.get().position() >= checkpoint.position()) {
                return;
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("chainId", checkpoint.chainId());
            json.put("position", checkpoint.position());
            json.put("headHash", checkpoint.headHash());
            json.put("createdAt", checkpoint.createdAt().toString());
            json.put("macKeyId", checkpoint.macKeyId());
            json.put("mac", checkpoint.mac());
            writeAtomically(JSON.writeValueAsBytes(json));
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "The audit checkpoint could not be written to its file ({}); it is in audit_checkpoint",
                    e.getClass().getName());
        }
    }

    private void writeAtomically(byte[] content) throws IOException {
        Path file = file();
        Path directory = file.getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(directory)) {
            if (posix) {
                Files.createDirectories(
                        directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(directory);
            }
        }
        Path temporary = posix
                ? Files.createTempFile(
                        directory,
                        ".audit-checkpoint",
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(directory, ".audit-checkpoint", ".tmp");
        try {
            try (FileChannel channel =
                    FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(content));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private Optional<Checkpoint> readFile() throws IOException {
        Path file = file();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode json = JSON.readTree(Files.readAllBytes(file));
        return Optional.of(new Checkpoint(
                json.get("chainId").asText(),
                json.get("position").asLong(),
                json.get("headHash").asText(),
                Instant.parse(json.get("createdAt").asText()),
                json.get("macKeyId").asText(),
                json.get("mac").asText(),
                "checkpoint file"));
    }

    /** The checkpoint's MAC (hex HMAC-SHA256), each field length-prefixed. */
    static String mac(byte[] key, Checkpoint checkpoint) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (String field : new String[] {
                "journey-platform/audit-checkpoint/v1",
                checkpoint.chainId(),
                checkpoint.macKeyId(),
                Long.toString(checkpoint.position()),
                checkpoint.headHash(),
                checkpoint.createdAt().toString()
            }) {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                mac.update(bytes);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is always available", e);
        }
    }
}
