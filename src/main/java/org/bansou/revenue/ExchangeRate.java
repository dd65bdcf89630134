package org.bansou.revenue;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Units of the reporting currency one unit of {@code currency} was worth from {@code rateDate} on. */
public record ExchangeRate(String currency, LocalDate rateDate, BigDecimal rate) {
}
