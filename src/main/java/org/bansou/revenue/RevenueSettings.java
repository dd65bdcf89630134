package org.bansou.revenue;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bansou.database.StaleVersionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Owns table {@code revenue_setting}: one row, and the defaults while nobody has changed them. */
@Component
public class RevenueSettings {

    private final JdbcClient jdbc;

    RevenueSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public RevenueSetting current() {
        return jdbc.sql("""
                        SELECT reporting_currency, churn_dated, reactivation_window_months, gross_margin_percent,
                               version
                          FROM revenue_setting
                         WHERE id = 1
                        """)
                .query(RevenueSetting.class)
                .optional()
                .orElseGet(RevenueSetting::defaults);
    }

    /**
     * Saves the rules; refused if someone saved since {@code expectedVersion}. Returns the field errors
     * instead when a value is out of range, naming each field.
     */
    @Transactional
    public RevenueSetting save(RevenueSetting wanted, int expectedVersion) {
        Map<String, String> errors = check(wanted);
        if (!errors.isEmpty()) {
            throw new InvalidRevenueInput(errors);
        }
        int updated = jdbc.sql("""
                        INSERT INTO revenue_setting (id, reporting_currency, churn_dated, reactivation_window_months,
                                                     gross_margin_percent, version)
                        VALUES (1, :currency, :churnDated, :window, :margin, 1)
                        ON CONFLICT (id) DO UPDATE
                           SET reporting_currency = EXCLUDED.reporting_currency,
                               churn_dated = EXCLUDED.churn_dated,
                               reactivation_window_months = EXCLUDED.reactivation_window_months,
                               gross_margin_percent = EXCLUDED.gross_margin_percent,
                               version = revenue_setting.version + 1,
                               updated_at = now()
                         WHERE revenue_setting.version = :version
                        """)
                .param("currency", wanted.reportingCurrency())
                .param("churnDated", wanted.churnDated())
                .param("window", wanted.reactivationWindowMonths())
                .param("margin", wanted.grossMarginPercent())
                .param("version", expectedVersion)
                .update();
        if (updated == 0 || (expectedVersion != current().version() - 1)) {
            throw new StaleVersionException("revenue settings", 1, expectedVersion);
        }
        // the rules apply to all history: every account's movements are booked again before the next report
        jdbc.sql("INSERT INTO mrr_stale_account (account_id) SELECT id FROM account ON CONFLICT DO NOTHING").update();
        return current();
    }

    static Map<String, String> check(RevenueSetting wanted) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (wanted.reportingCurrency() == null || !wanted.reportingCurrency().matches("[A-Z]{3}")
                || !isIsoCurrency(wanted.reportingCurrency())) {
            errors.put("reportingCurrency", "must be an ISO 4217 code such as JPY or USD");
        }
        if (!RevenueSetting.SERVICE_END.equals(wanted.churnDated()) && !RevenueSetting.RECORDED.equals(wanted.churnDated())) {
            errors.put("churnDated", "must be service_end or recorded");
        }
        if (wanted.reactivationWindowMonths() != null && wanted.reactivationWindowMonths() <= 0) {
            errors.put("reactivationWindowMonths", "must be a number of months above 0, or empty for no limit");
        }
        BigDecimal margin = wanted.grossMarginPercent();
        if (margin == null || margin.signum() < 0 || margin.compareTo(BigDecimal.valueOf(100)) > 0) {
            errors.put("grossMarginPercent", "must be between 0 and 100");
        }
        return errors;
    }

    static boolean isIsoCurrency(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
