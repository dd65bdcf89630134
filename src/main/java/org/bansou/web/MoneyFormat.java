package org.bansou.web;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Shows minor units as money of their currency: {@code ¥240,000} (JPY has no minor unit), {@code $1,234.50}.
 * Templates call it as {@code ${@money.format(amount, currency)}}. The same sign in every language, so a
 * Japanese and an English page show the same figure.
 */
@Component("money")
public class MoneyFormat {

    private static final Map<String, String> SIGNS = Map.of("JPY", "¥", "USD", "$", "EUR", "€", "GBP", "£");

    public String format(long minorUnits, String currencyCode) {
        Currency currency = Currency.getInstance(currencyCode);
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        DecimalFormat number = new DecimalFormat(digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        String amount = number.format(BigDecimal.valueOf(minorUnits).movePointLeft(digits).abs());
        String sign = minorUnits < 0 ? "-" : "";
        String symbol = SIGNS.get(currencyCode);
        return symbol == null ? sign + amount + " " + currencyCode : sign + symbol + amount;
    }
}
