package org.bansou.success;

import org.bansou.database.StaleVersionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Owns table {@code knowledge_setting}: one row, absent until first saved (then the defaults apply). */
@Component
public class KnowledgeSettings {

    private final JdbcClient jdbc;

    KnowledgeSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public KnowledgeSetting current() {
        return jdbc.sql("""
                        SELECT value_lag_margin_percent, ranking_currency, alert_window_days, version, set_by, set_at
                          FROM knowledge_setting
                         WHERE id = 1
                        """)
                .query(KnowledgeSetting.class)
                .optional()
                .orElse(KnowledgeSetting.DEFAULTS);
    }

    /** Saves the settings; refused if someone saved since {@code expectedVersion} (the defaults are version 0). */
    @Transactional
    public KnowledgeSetting save(int expectedVersion, int marginPercent, String currency, int alertWindowDays,
                                 String by) {
        int saved = jdbc.sql("""
                        UPDATE knowledge_setting
                           SET value_lag_margin_percent = :margin,
                               ranking_currency = :currency,
                               alert_window_days = :window,
                               version = version + 1,
                               set_by = :by,
                               set_at = now()
                         WHERE id = 1
                           AND version = :version
                        """)
                .param("margin", marginPercent)
                .param("currency", currency)
                .param("window", alertWindowDays)
                .param("by", by)
                .param("version", expectedVersion)
                .update();
        if (saved == 0 && expectedVersion == 0) {
            // no row yet: the client read the defaults, version 0; a concurrent first save wins the insert
            saved = jdbc.sql("""
                            INSERT INTO knowledge_setting (id, value_lag_margin_percent, ranking_currency,
                                                           alert_window_days, version, set_by, set_at)
                            VALUES (1, :margin, :currency, :window, 1, :by, now())
                            ON CONFLICT (id) DO NOTHING
                            """)
                    .param("margin", marginPercent)
                    .param("currency", currency)
                    .param("window", alertWindowDays)
                    .param("by", by)
                    .update();
        }
        KnowledgeSetting now = current();
        if (saved == 0) {
            throw new StaleVersionException("knowledge setting", 1, expectedVersion, now.version());
        }
        return now;
    }
}
