package org.bansou.renewal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.bansou.database.NotFoundException;
import org.bansou.database.StaleVersionException;
import org.bansou.web.InvalidFieldException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Owns {@code churn_reason} and {@code churn_reason_label}: the taxonomy, its renames, and reason shares. */
@Component
public class ChurnReasons {

    private final JdbcClient jdbc;

    ChurnReasons(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<ChurnReason> all() {
        return jdbc.sql("""
                        SELECT id, code, label, external, available_from, retired_on, version
                          FROM churn_reason
                         ORDER BY external, id
                        """)
                .query(ChurnReason.class)
                .list();
    }

    public ChurnReason get(long id) {
        return jdbc.sql("""
                        SELECT id, code, label, external, available_from, retired_on, version
                          FROM churn_reason
                         WHERE id = :id
                        """)
                .param("id", id)
                .query(ChurnReason.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("churn reason", id));
    }

    /** A new reason, choosable from {@code availableFrom}; its first label starts the label history. */
    @Transactional
    public ChurnReason add(String code, String label, boolean external, LocalDate availableFrom, String by,
                           Instant at) {
        if (code == null || !code.matches("[a-z0-9_]+")) {
            throw new InvalidFieldException("code", "must be lower-case letters, digits and _");
        }
        if (label == null || label.isBlank()) {
            throw new InvalidFieldException("label", "is required");
        }
        if (availableFrom == null) {
            throw new InvalidFieldException("availableFrom", "is required (yyyy-mm-dd)");
        }
        ChurnReason reason = jdbc.sql("""
                        INSERT INTO churn_reason (code, label, external, available_from)
                        VALUES (:code, :label, :external, :from)
                        RETURNING id, code, label, external, available_from, retired_on, version
                        """)
                .param("code", code)
                .param("label", label.strip())
                .param("external", external)
                .param("from", availableFrom)
                .query(ChurnReason.class)
                .single();
        labelHistory(reason.id(), reason.label(), by, at);
        return reason;
    }

    /** Renames a reason: the id stays, so every churn already recorded under it keeps its reason. */
    @Transactional
    public ChurnReason rename(long id, int expectedVersion, String label, String by, Instant at) {
        if (label == null || label.isBlank()) {
            throw new InvalidFieldException("label", "is required");
        }
        int updated = jdbc.sql("""
                        UPDATE churn_reason
                           SET label = :label, version = version + 1
                         WHERE id = :id AND version = :version
                        """)
                .param("label", label.strip())
                .param("id", id)
                .param("version", expectedVersion)
                .update();
        if (updated == 0) {
            throw new StaleVersionException("churn reason", id, expectedVersion, get(id).version());
        }
        labelHistory(id, label.strip(), by, at);
        return get(id);
    }

    /** Stops offering a reason from a day on; records before it keep it. */
    public ChurnReason retire(long id, int expectedVersion, LocalDate on) {
        int updated = jdbc.sql("""
                        UPDATE churn_reason
                           SET retired_on = :on, version = version + 1
                         WHERE id = :id AND version = :version AND available_from <= :on
                        """)
                .param("on", on)
                .param("id", id)
                .param("version", expectedVersion)
                .update();
        if (updated == 0) {
            throw new StaleVersionException("churn reason", id, expectedVersion, get(id).version());
        }
        return get(id);
    }

    /** One label a reason had, and since when. */
    public record Label(String label, String setBy, Instant setAt) {
    }

    public List<Label> labels(long id) {
        return jdbc.sql("""
                        SELECT label, set_by, set_at
                          FROM churn_reason_label
                         WHERE reason_id = :id
                         ORDER BY set_at, id
                        """)
                .param("id", id)
                .query(Label.class)
                .list();
    }

    /**
     * A reason's share of churns between two days, computed over the records where it could be chosen (its
     * availability window), so a reason added in March is not diluted by January's churns (DESIGN.md).
     */
    public record Share(long reasonId, String code, String label, boolean external, long chosen, long couldChoose,
                        Double share) {
    }

    public List<Share> shares(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT cr.id AS reason_id, cr.code, cr.label, cr.external,
                               count(r.id) FILTER (WHERE r.reason_id = cr.id) AS chosen,
                               count(r.id) AS could_choose,
                               CASE WHEN count(r.id) > 0
                                    THEN count(r.id) FILTER (WHERE r.reason_id = cr.id)::float8 / count(r.id) END AS share
                          FROM churn_reason cr
                          LEFT JOIN churn_record r
                            ON r.churned_on BETWEEN :from AND :to
                           AND r.churned_on >= cr.available_from
                           AND (cr.retired_on IS NULL OR r.churned_on < cr.retired_on)
                         GROUP BY cr.id, cr.code, cr.label, cr.external
                         ORDER BY chosen DESC, cr.id
                        """)
                .param("from", from)
                .param("to", to)
                .query(Share.class)
                .list();
    }

    private void labelHistory(long id, String label, String by, Instant at) {
        jdbc.sql("""
                        INSERT INTO churn_reason_label (reason_id, label, set_by, set_at)
                        VALUES (:id, :label, :by, :at)
                        """)
                .param("id", id)
                .param("label", label)
                .param("by", by)
                .param("at", java.sql.Timestamp.from(at))
                .update();
    }
}
