package org.bansou.revenue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.bansou.BansouTest;
import org.bansou.demo.DemoCompany;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The revenue issue asks the identity "opening + Σ movements = closing" to hold on the demo company too:
 * its contracts carry trials, yearly billing, discounts, a price revision, seat changes, churn announced
 * ahead and reactivations, all written by the generator rather than by hand.
 */
@BansouTest
class MrrIdentityOnDemoCompanyTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    @Autowired DemoCompany demo;
    @Autowired RevenueFigures figures;

    @Test
    void opening_plus_movements_is_closing_every_month_of_the_demo_company_in_every_view() {
        demo.generate(42, 300, TODAY);
        YearMonth first = YearMonth.from(TODAY).minusMonths(36);
        YearMonth last = YearMonth.from(TODAY);
        ReportQuery all = ReportQuery.months(first, last);
        List<ReportQuery> views = new ArrayList<>(List.of(all, all.by(Period.QUARTER)));
        for (Grouping grouping : Grouping.values()) {
            views.add(all.groupedBy(grouping));
        }

        long closingToday = 0;
        for (ReportQuery view : views) {
            for (GroupFigures group : figures.report(view).groups()) {
                PeriodFigures previous = null;
                for (PeriodFigures p : group.periods()) {
                    String where = view + " " + group.key() + " " + p.period();
                    assertThat(p.openingMrr() + p.netMovement() + p.exchangeRateImpact())
                            .as(where).isEqualTo(p.closingMrr());
                    if (previous != null) {
                        assertThat(p.openingMrr()).as(where).isEqualTo(previous.closingMrr());
                    }
                    previous = p;
                }
                if (view == all) {
                    closingToday = previous.closingMrr();
                }
            }
        }
        assertThat(closingToday).as("the demo company has paying customers this month").isPositive();
    }
}
