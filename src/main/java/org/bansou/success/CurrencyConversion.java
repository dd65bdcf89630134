package org.bansou.success;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.bansou.revenue.ExchangeRate;
import org.bansou.revenue.ExchangeRates;
import org.bansou.revenue.RevenueSettings;
import org.springframework.stereotype.Component;

/**
 * Brings value and cost figures in several currencies into one, at revenue's exchange rates and by revenue's rule
 * (the latest rate on or before the figure's day, the earliest one before a currency's first rate), so value is
 * never compared across currencies unconverted. Rates are quoted against the reporting currency; any other pair
 * goes through it.
 */
@Component
class CurrencyConversion {

    private final ExchangeRates exchangeRates;
    private final RevenueSettings revenueSettings;

    CurrencyConversion(ExchangeRates exchangeRates, RevenueSettings revenueSettings) {
        this.exchangeRates = exchangeRates;
        this.revenueSettings = revenueSettings;
    }

    /** The rates as they are now; one read of the (small) rates table per page or report. */
    Rates rates() {
        return new Rates(revenueSettings.current().reportingCurrency(), exchangeRates.all());
    }

    /** Revenue's exchange rates at one moment, able to convert minor units of one currency into another's. */
    static final class Rates {

        private final String reporting;
        private final Map<String, NavigableMap<LocalDate, BigDecimal>> byCurrency = new HashMap<>();

        Rates(String reporting, List<ExchangeRate> rates) {
            this.reporting = reporting;
            for (ExchangeRate rate : rates) {
                byCurrency.computeIfAbsent(rate.currency(), c -> new TreeMap<>()).put(rate.rateDate(), rate.rate());
            }
        }

        String reporting() {
            return reporting;
        }

        boolean known(String currency) {
            return currency.equals(reporting) || byCurrency.containsKey(currency);
        }

        /** Those of {@code currencies} that cannot be converted into {@code target} for want of a rate, sorted. */
        List<String> missing(Collection<String> currencies, String target) {
            List<String> missing = new ArrayList<>();
            for (String currency : currencies) {
                if (!currency.equals(target) && (!known(currency) || !known(target)) && !missing.contains(currency)) {
                    missing.add(currency);
                }
            }
            if (!missing.isEmpty() && !known(target)) {
                missing.remove(target);
                missing.add(target);
            }
            missing.sort(null);
            return missing;
        }

        /** Every rate as arrays for SQL: currency, first day, factor from its minor units to the reporting one's. */
        record Table(String[] currencies, java.sql.Date[] days, BigDecimal[] factors) {
        }

        Table table() {
            List<String> currencies = new ArrayList<>();
            List<java.sql.Date> days = new ArrayList<>();
            List<BigDecimal> factors = new ArrayList<>();
            byCurrency.forEach((currency, rates) -> rates.forEach((day, rate) -> {
                currencies.add(currency);
                days.add(java.sql.Date.valueOf(day));
                factors.add(rate.scaleByPowerOfTen(digits(reporting) - digits(currency)));
            }));
            return new Table(currencies.toArray(String[]::new), days.toArray(java.sql.Date[]::new),
                    factors.toArray(BigDecimal[]::new));
        }

        /** {@code minor} units of {@code from} in minor units of {@code to} on {@code day}, rounded half up. */
        long convert(long minor, String from, String to, LocalDate day) {
            if (from.equals(to)) {
                return minor;
            }
            BigDecimal inReporting = BigDecimal.valueOf(minor).multiply(factorToReporting(from, day));
            return inReporting.divide(factorToReporting(to, day), 0, RoundingMode.HALF_UP).longValueExact();
        }

        // minor units of the currency → minor units of the reporting currency (1 USD cent = 1.5 JPY at 150)
        BigDecimal factorToReporting(String currency, LocalDate day) {
            if (currency.equals(reporting)) {
                return BigDecimal.ONE;
            }
            NavigableMap<LocalDate, BigDecimal> rates = byCurrency.get(currency);
            if (rates == null) {
                throw new IllegalStateException("no exchange rate for " + currency + "; ask missing() first");
            }
            Map.Entry<LocalDate, BigDecimal> rate = rates.floorEntry(day);
            BigDecimal value = rate == null ? rates.firstEntry().getValue() : rate.getValue();
            return value.scaleByPowerOfTen(digits(reporting) - digits(currency));
        }

        private static int digits(String currency) {
            try {
                return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
            } catch (IllegalArgumentException e) {
                return 2;
            }
        }
    }
}
