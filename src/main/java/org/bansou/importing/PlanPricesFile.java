package org.bansou.importing;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.bansou.catalog.PlanPriceRow;
import org.bansou.catalog.PlanPrices;
import org.bansou.database.UpsertResult;
import org.springframework.stereotype.Component;

import static org.bansou.importing.Line.OPTIONAL;
import static org.bansou.importing.Line.REQUIRED;

/** The plan prices file: price versions of plans bansou already knows, per seat, in minor units. */
@Component
class PlanPricesFile implements Kind<PlanPriceRow> {

    static final List<String> BILLING_INTERVALS = List.of("month", "year");

    /** A plan has one price per version, interval and currency (the table's unique key). */
    private record PriceSlot(String plan, int priceVersion, String billingInterval, String currency) {

        static PriceSlot of(PlanPriceRow row) {
            return new PriceSlot(row.planExternalId(), row.priceVersion(), row.billingInterval(), row.currency());
        }
    }

    private final PlanPrices planPrices;

    PlanPricesFile(PlanPrices planPrices) {
        this.planPrices = planPrices;
    }

    @Override
    public String name() {
        return "plan-prices";
    }

    @Override
    public List<Column<PlanPriceRow>> columns() {
        return List.of(
                new Column<>("external_id", PlanPriceRow::externalId),
                new Column<>("plan_external_id", PlanPriceRow::planExternalId),
                new Column<>("price_version", PlanPriceRow::priceVersion),
                new Column<>("currency", PlanPriceRow::currency),
                new Column<>("amount", PlanPriceRow::amount),
                new Column<>("billing_interval", PlanPriceRow::billingInterval),
                new Column<>("interval_count", PlanPriceRow::intervalCount),
                new Column<>("valid_from", PlanPriceRow::validFrom),
                new Column<>("retired_on", PlanPriceRow::retiredOn));
    }

    @Override
    public PlanPriceRow read(Line line) {
        String externalId = line.externalId("external_id");
        String plan = line.reference("plan_external_id", Reference.PLAN, REQUIRED);
        Integer priceVersion = line.count("price_version", REQUIRED, 1);
        String currency = line.currency("currency", REQUIRED);
        Long amount = line.money("amount", REQUIRED);
        String interval = line.code("billing_interval", BILLING_INTERVALS, REQUIRED);
        Integer intervalCount = line.count("interval_count", OPTIONAL, 1);
        LocalDate validFrom = line.date("valid_from", REQUIRED);
        LocalDate retiredOn = line.date("retired_on", OPTIONAL);
        line.notBefore("retired_on", retiredOn, "valid_from", validFrom);
        return line.clean()
                ? new PlanPriceRow(externalId, plan, priceVersion, currency, amount, interval,
                        intervalCount == null ? 1 : intervalCount, validFrom, retiredOn)
                : null;
    }

    /**
     * Two prices in one slot would be refused by the database halfway through; name both lines instead.
     * Prices already stored count too, unless this file rewrites them.
     */
    @Override
    public void checkAcrossRows(List<Numbered<PlanPriceRow>> rows, Problems problems) {
        Set<String> rewritten = rows.stream().map(n -> n.row().externalId()).collect(Collectors.toSet());
        Map<PriceSlot, String> storedHolder = new HashMap<>();
        for (PlanPriceRow stored : planPrices.allRows()) {
            if (!rewritten.contains(stored.externalId())) {
                storedHolder.put(PriceSlot.of(stored), stored.externalId());
            }
        }
        Map<PriceSlot, Numbered<PlanPriceRow>> fileHolder = new HashMap<>();
        for (Numbered<PlanPriceRow> numbered : rows) {
            PriceSlot slot = PriceSlot.of(numbered.row());
            Numbered<PlanPriceRow> earlier = fileHolder.putIfAbsent(slot, numbered);
            if (earlier != null) {
                problems.add(numbered.line(), "price_version", "priceSlotInFile", slot.plan(), slot.priceVersion(),
                        slot.billingInterval(), slot.currency(), earlier.row().externalId(), earlier.line());
            } else if (storedHolder.containsKey(slot)) {
                problems.add(numbered.line(), "price_version", "priceSlotStored", slot.plan(), slot.priceVersion(),
                        slot.billingInterval(), slot.currency(), storedHolder.get(slot));
            }
        }
    }

    @Override
    public UpsertResult upsertAll(List<PlanPriceRow> rows) {
        return planPrices.upsertAll(rows);
    }

    @Override
    public List<PlanPriceRow> allRows() {
        return planPrices.allRows();
    }
}
