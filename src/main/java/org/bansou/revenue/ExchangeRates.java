package org.bansou.revenue;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.bansou.database.Bulk;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Owns table {@code exchange_rate}. A movement is converted at the rate of its date, the latest rate on or
 * before it; before a currency's first rate, its first rate is used.
 */
@Component
public class ExchangeRates {

    /**
     * The factor converting one minor unit of {@code cur.code} into the reporting currency on the day given by
     * the placeholder: the latest rate on or before it, or the earliest rate known when none is that old.
     */
    private static final String FACTOR_ON = """
                   CASE WHEN cur.code = :reporting THEN 1
                        ELSE COALESCE((SELECT r.rate FROM exchange_rate r
                                        WHERE r.currency = cur.code AND r.rate_date <= %s
                                        ORDER BY r.rate_date DESC LIMIT 1),
                                      (SELECT r.rate FROM exchange_rate r
                                        WHERE r.currency = cur.code
                                        ORDER BY r.rate_date LIMIT 1)) * cur.scale
                   END AS factor
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    ExchangeRates(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    public List<ExchangeRate> all() {
        return jdbc.sql("""
                        SELECT currency, rate_date, rate
                          FROM exchange_rate
                         ORDER BY currency, rate_date DESC
                        """)
                .query(ExchangeRate.class)
                .list();
    }

    public List<String> currenciesWithRates() {
        return jdbc.sql("SELECT DISTINCT currency FROM exchange_rate ORDER BY currency").query(String.class).list();
    }

    /** Adds or corrects rates by (currency, date); movements in those currencies are converted again. */
    @Transactional
    public int saveAll(List<ExchangeRate> rates) {
        jdbc.sql("""
                        INSERT INTO mrr_stale_account (account_id)
                        SELECT DISTINCT account_id
                          FROM subscription_change
                         WHERE currency = ANY(:currencies)
                        ON CONFLICT DO NOTHING
                        """)
                .param("currencies", rates.stream().map(ExchangeRate::currency).distinct().toArray(String[]::new))
                .update();
        return Bulk.run(batch, """
                INSERT INTO exchange_rate (currency, rate_date, rate)
                VALUES (:currency, :rateDate, :rate)
                ON CONFLICT (currency, rate_date) DO UPDATE
                   SET rate = EXCLUDED.rate,
                       imported_at = now()
                """, rates, rate -> new MapSqlParameterSource()
                .addValue("currency", rate.currency())
                .addValue("rateDate", rate.rateDate())
                .addValue("rate", rate.rate()));
    }

    /**
     * Reads rates from CSV with the header {@code currency,rate_date,rate} (ISO code, yyyy-mm-dd, units of
     * the reporting currency per unit). One bad line refuses the whole file, naming every bad line.
     */
    public List<ExchangeRate> parseCsv(Reader csv, String reportingCurrency) {
        List<ExchangeRate> rates = new ArrayList<>();
        Map<String, String> errors = new LinkedHashMap<>();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get().parse(csv)) {
            for (String column : List.of("currency", "rate_date", "rate")) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    errors.put("header", "needs the columns currency, rate_date, rate");
                }
            }
            if (!errors.isEmpty()) {
                throw new InvalidRevenueInput(errors);
            }
            for (CSVRecord record : parser) {
                String line = "line " + (record.getRecordNumber() + 1);
                String currency = record.isSet("currency") ? record.get("currency").toUpperCase() : "";
                if (!currency.matches("[A-Z]{3}") || !RevenueSettings.isIsoCurrency(currency)) {
                    errors.put(line, "currency '" + currency + "' is not an ISO 4217 code");
                    continue;
                }
                if (currency.equals(reportingCurrency)) {
                    errors.put(line, "currency " + currency + " is the reporting currency; its rate is always 1");
                    continue;
                }
                LocalDate day;
                try {
                    day = LocalDate.parse(record.isSet("rate_date") ? record.get("rate_date") : "");
                } catch (DateTimeParseException e) {
                    errors.put(line, "rate_date '" + record.get("rate_date") + "' is not a date (yyyy-mm-dd)");
                    continue;
                }
                BigDecimal rate;
                try {
                    rate = new BigDecimal(record.isSet("rate") ? record.get("rate") : "");
                } catch (NumberFormatException e) {
                    errors.put(line, "rate '" + record.get("rate") + "' is not a number");
                    continue;
                }
                if (rate.signum() <= 0) {
                    errors.put(line, "rate must be above 0");
                    continue;
                }
                rates.add(new ExchangeRate(currency, day, rate));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | IllegalArgumentException e) {
            if (e instanceof InvalidRevenueInput invalid) {
                throw invalid;
            }
            throw InvalidRevenueInput.of("file", "is not readable CSV: " + e.getMessage());
        }
        if (!errors.isEmpty()) {
            throw new InvalidRevenueInput(errors);
        }
        if (rates.isEmpty()) {
            throw InvalidRevenueInput.of("file", "has no rate lines");
        }
        return rates;
    }

    /**
     * Creates the temporary table {@code fx_day(currency, day, factor)} for this transaction: per currency and
     * day between {@code first} and {@code last}, the factor that turns minor units of the currency into minor
     * units of the reporting currency. Refused, naming the currency, when a currency has no rate at all.
     */
    void createDailyFactors(List<String> currencies, String reportingCurrency, LocalDate first, LocalDate last) {
        List<String> missing = new ArrayList<>(currencies);
        missing.remove(reportingCurrency);
        missing.removeAll(currenciesWithRates());
        if (!missing.isEmpty()) {
            throw new MissingExchangeRate(missing, reportingCurrency);
        }
        jdbc.sql("""
                        CREATE TEMP TABLE fx_day ON COMMIT DROP AS
                        SELECT cur.code AS currency, d::date AS day, cur.code = :reporting AS same,
                        """ + FACTOR_ON.formatted("d") + """
                          FROM unnest(CAST(:codes AS text[]), CAST(:scales AS numeric[])) AS cur(code, scale)
                         CROSS JOIN generate_series(CAST(:first AS date), CAST(:last AS date), interval '1 day') d
                        """)
                .param("reporting", reportingCurrency)
                .param("codes", currencies.toArray(String[]::new))
                .param("scales", currencies.stream().map(code -> scale(code, reportingCurrency)).toArray(BigDecimal[]::new))
                .param("first", first)
                .param("last", last)
                .update();
        jdbc.sql("CREATE UNIQUE INDEX ON fx_day (currency, day)").update();
        jdbc.sql("ANALYZE fx_day").update();
    }

    /** Per currency, the factor of the last day of each month: what the month's closing MRR is converted at. */
    Map<String, Map<LocalDate, BigDecimal>> monthEndFactors(List<String> currencies, String reportingCurrency,
                                                          LocalDate firstMonth, LocalDate lastMonth) {
        Map<String, Map<LocalDate, BigDecimal>> factors = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>(currencies);
        missing.remove(reportingCurrency);
        missing.removeAll(currenciesWithRates());
        if (!missing.isEmpty()) {
            throw new MissingExchangeRate(missing, reportingCurrency);
        }
        jdbc.sql("""
                        SELECT cur.code, m::date AS month,
                        """ + FACTOR_ON.formatted("(m + interval '1 month' - interval '1 day')") + """
                          FROM unnest(CAST(:codes AS text[]), CAST(:scales AS numeric[])) AS cur(code, scale)
                         CROSS JOIN generate_series(CAST(:first AS date), CAST(:last AS date), interval '1 month') m
                        """)
                .param("reporting", reportingCurrency)
                .param("codes", currencies.toArray(String[]::new))
                .param("scales", currencies.stream().map(code -> scale(code, reportingCurrency)).toArray(BigDecimal[]::new))
                .param("first", firstMonth)
                .param("last", lastMonth)
                .query((rs, n) -> factors.computeIfAbsent(rs.getString(1), c -> new LinkedHashMap<>())
                        .put(rs.getDate(2).toLocalDate(), rs.getBigDecimal(3)))
                .list();
        return factors;
    }

    // rates are quoted per major unit (1 USD = 150 JPY); amounts are kept in minor units (USD cents)
    static BigDecimal scale(String currency, String reportingCurrency) {
        return BigDecimal.ONE.scaleByPowerOfTen(digits(reportingCurrency) - digits(currency));
    }

    static int digits(String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }
}
