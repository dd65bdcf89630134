package org.bansou.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MoneyFormatTests {

    MoneyFormat money = new MoneyFormat();

    @Test
    void yen_has_no_minor_unit_and_shows_the_yen_sign() {
        assertThat(money.format(240_000, "JPY")).isEqualTo("¥240,000");
    }

    @Test
    void dollars_show_cents() {
        assertThat(money.format(123_450, "USD")).isEqualTo("$1,234.50");
    }

    @Test
    void a_currency_without_a_known_sign_shows_its_code() {
        assertThat(money.format(1_000_000, "KRW")).isEqualTo("1,000,000 KRW");
        assertThat(money.format(-250, "CHF")).isEqualTo("-2.50 CHF");
    }
}
