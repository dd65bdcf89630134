package org.bansou.renewal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.bansou.BansouTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The winning path of a cloud invoicing service: utilization at least 60 % for 8 weeks in a row, and invoices
 * sent from the product. Three clinics on 10 seats leave in April 2026, all saying "too expensive".
 */
@BansouTest
class ChurnTriageTests {

    static final LocalDate CHURNED = LocalDate.of(2026, 4, 1);
    static final LocalDate USAGE_FROM = LocalDate.of(2025, 11, 3);

    @Autowired RenewalWorld world;
    @Autowired WinningPath path;
    @Autowired ChurnReasons reasons;
    @Autowired ChurnTriage triage;
    @Autowired ChurnRecords records;

    ChurnReason tooExpensive;
    ChurnReason bankruptcy;

    @BeforeEach
    void winningPathAndReasons() {
        world.catalog();
        path.define("utilization_60_8w", "Utilization ≥ 60 % for 8 weeks", "utilization", new BigDecimal("0.6"), 8, null);
        path.define("invoices_sent", "Invoices sent from the product", "event", null, null, "invoice_sent");
        tooExpensive = reasons.add("too_expensive", "Too expensive", false, LocalDate.of(2025, 1, 1), "admin", Instant.now());
        bankruptcy = reasons.add("bankruptcy", "Bankruptcy", true, LocalDate.of(2025, 1, 1), "admin", Instant.now());
    }

    ChurnRecord churn(long account, ChurnReason reason) {
        return triage.record(new ChurnTriage.HeardChurn(account, null, CHURNED, "JPY", 300_000,
                new ChurnForm(reason.id(), "高いので", "interview", "sato", null), "sato", Instant.now()));
    }

    @Test
    void a_churn_after_the_winning_path_was_reached_points_to_a_product_gap() {
        long ueda = world.account("ueda", "Ueda Clinic", null);
        // 10 weeks at 8 of 10 seats, sending invoices: the path was reached, then they left anyway
        world.usage(ueda, USAGE_FROM, 70, 10, 8, Map.of("invoice_sent", 5L));

        ChurnRecord record = churn(ueda, tooExpensive);

        assertThat(record.winningPathReached()).isTrue();
        assertThat(record.classifiedAs()).isEqualTo("product_gap");
        assertThat(record.criteria()).contains("utilization_60_8w").contains("invoice_sent first seen 2025-11-03");
    }

    @Test
    void a_churn_short_of_the_winning_path_points_to_a_cs_gap_whatever_the_stated_reason() {
        long noda = world.account("noda", "Noda Clinic", null);
        // invoices sent, but only 3 of 10 seats in use: "too expensive" for what they got out of it
        world.usage(noda, USAGE_FROM, 70, 10, 3, Map.of("invoice_sent", 5L));

        ChurnRecord record = churn(noda, tooExpensive);

        assertThat(record.winningPathReached()).isFalse();
        assertThat(record.classifiedAs()).isEqualTo("cs_gap");
        assertThat(record.criteria()).contains("\"met\": false, \"code\": \"utilization_60_8w\"");
    }

    @Test
    void a_utilization_run_shorter_than_the_criterion_does_not_count() {
        long oka = world.account("oka", "Oka Clinic", null);
        // five good weeks, not eight
        world.usage(oka, USAGE_FROM, 35, 10, 9, Map.of("invoice_sent", 5L));

        assertThat(churn(oka, tooExpensive).classifiedAs()).isEqualTo("cs_gap");
    }

    @Test
    void a_bankruptcy_is_external_even_after_the_winning_path() {
        long ueda = world.account("ueda", "Ueda Clinic", null);
        world.usage(ueda, USAGE_FROM, 70, 10, 8, Map.of("invoice_sent", 5L));

        ChurnRecord record = churn(ueda, bankruptcy);

        assertThat(record.winningPathReached()).isTrue();
        assertThat(record.classifiedAs()).isEqualTo("external");
    }

    @Test
    void a_criterion_a_csm_confirms_counts_from_the_day_it_was_confirmed() {
        Criterion trained = path.define("key_person_trained", "Key person trained", "confirmed", null, null, null);
        long ueda = world.account("ueda", "Ueda Clinic", null);
        world.usage(ueda, USAGE_FROM, 70, 10, 8, Map.of("invoice_sent", 5L));
        path.confirm(ueda, trained.id(), CHURNED.plusDays(1), "sato", "after the fact");

        assertThat(churn(ueda, tooExpensive).classifiedAs()).as("confirmed only after the churn").isEqualTo("cs_gap");
    }

    @Test
    void renaming_a_reason_keeps_history() {
        long ueda = world.account("ueda", "Ueda Clinic", null);
        ChurnRecord before = churn(ueda, tooExpensive);

        reasons.rename(tooExpensive.id(), 0, "Price too high for the value", "admin", Instant.now());

        ChurnRecord after = records.get(before.id());
        assertThat(after.reasonId()).isEqualTo(tooExpensive.id());
        assertThat(after.reasonLabel()).isEqualTo("Price too high for the value");
        assertThat(reasons.labels(tooExpensive.id())).extracting(ChurnReasons.Label::label)
                .containsExactly("Too expensive", "Price too high for the value");
        assertThat(records.triage(CHURNED, CHURNED, "none")).extracting(ChurnRecords.TriageCell::reasonId,
                ChurnRecords.TriageCell::churns).containsExactly(tuple(tooExpensive.id(), 1L));
    }

    @Test
    void a_reasons_share_is_computed_over_the_records_where_it_could_be_chosen() {
        // "missing e-invoice support" was added to the survey on 2026-03-01
        ChurnReason missing = reasons.add("missing_einvoice", "Missing e-invoice support", false,
                LocalDate.of(2026, 3, 1), "admin", Instant.now());
        long[] clinics = {world.account("a", "A Clinic", null), world.account("b", "B Clinic", null),
                world.account("c", "C Clinic", null), world.account("d", "D Clinic", null)};
        LocalDate[] days = {LocalDate.of(2026, 1, 10), LocalDate.of(2026, 2, 10), LocalDate.of(2026, 3, 10),
                LocalDate.of(2026, 4, 10)};
        ChurnReason[] said = {tooExpensive, tooExpensive, missing, tooExpensive};
        for (int i = 0; i < 4; i++) {
            triage.record(new ChurnTriage.HeardChurn(clinics[i], null, days[i], "JPY", 1000,
                    new ChurnForm(said[i].id(), null, "survey", null, null), "sato", Instant.now()));
        }

        var shares = reasons.shares(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 30));

        assertThat(shares).filteredOn(s -> s.code().equals("missing_einvoice"))
                .extracting(ChurnReasons.Share::chosen, ChurnReasons.Share::couldChoose, ChurnReasons.Share::share)
                .containsExactly(tuple(1L, 2L, 0.5));
        assertThat(shares).filteredOn(s -> s.code().equals("too_expensive"))
                .extracting(ChurnReasons.Share::chosen, ChurnReasons.Share::couldChoose, ChurnReasons.Share::share)
                .containsExactly(tuple(3L, 4L, 0.75));
    }
}
