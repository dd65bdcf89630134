package org.bansou.importing;

import java.time.LocalDate;
import java.util.List;

import org.bansou.database.UpsertResult;
import org.bansou.subscription.SubscriptionChange;
import org.bansou.subscription.SubscriptionChangeRow;
import org.bansou.subscription.SubscriptionChanges;
import org.springframework.stereotype.Component;

import static org.bansou.importing.Line.OPTIONAL;
import static org.bansou.importing.Line.REQUIRED;

/**
 * The subscription changes file: the dated history of what each contract paid, MRR before and after in
 * minor units, from which the revenue movements are rebuilt.
 */
@Component
class SubscriptionChangesFile implements Kind<SubscriptionChangeRow> {

    private final SubscriptionChanges changes;

    SubscriptionChangesFile(SubscriptionChanges changes) {
        this.changes = changes;
    }

    @Override
    public String name() {
        return "subscription-changes";
    }

    @Override
    public List<Column<SubscriptionChangeRow>> columns() {
        return List.of(
                new Column<>("external_id", SubscriptionChangeRow::externalId),
                new Column<>("subscription_external_id", SubscriptionChangeRow::subscriptionExternalId),
                new Column<>("effective_on", SubscriptionChangeRow::effectiveOn),
                new Column<>("kind", SubscriptionChangeRow::kind),
                new Column<>("from_plan_price_external_id", SubscriptionChangeRow::fromPlanPriceExternalId),
                new Column<>("to_plan_price_external_id", SubscriptionChangeRow::toPlanPriceExternalId),
                new Column<>("quantity_before", SubscriptionChangeRow::quantityBefore),
                new Column<>("quantity_after", SubscriptionChangeRow::quantityAfter),
                new Column<>("currency", SubscriptionChangeRow::currency),
                new Column<>("mrr_before", SubscriptionChangeRow::mrrBefore),
                new Column<>("mrr_after", SubscriptionChangeRow::mrrAfter),
                new Column<>("reason", SubscriptionChangeRow::reason));
    }

    @Override
    public SubscriptionChangeRow read(Line line) {
        String externalId = line.externalId("external_id");
        String subscription = line.reference("subscription_external_id", Reference.SUBSCRIPTION, REQUIRED);
        LocalDate effectiveOn = line.date("effective_on", REQUIRED);
        String kind = line.code("kind", SubscriptionChange.KINDS, REQUIRED);
        String fromPrice = line.reference("from_plan_price_external_id", Reference.PLAN_PRICE, OPTIONAL);
        String toPrice = line.reference("to_plan_price_external_id", Reference.PLAN_PRICE, OPTIONAL);
        Integer quantityBefore = line.count("quantity_before", OPTIONAL, 0);
        Integer quantityAfter = line.count("quantity_after", OPTIONAL, 0);
        String currency = line.currency("currency", REQUIRED);
        Long mrrBefore = line.money("mrr_before", REQUIRED);
        Long mrrAfter = line.money("mrr_after", REQUIRED);
        String reason = line.text("reason");
        return line.clean()
                ? new SubscriptionChangeRow(externalId, subscription, effectiveOn, kind, fromPrice, toPrice,
                        quantityBefore, quantityAfter, currency, mrrBefore, mrrAfter, reason)
                : null;
    }

    @Override
    public UpsertResult upsertAll(List<SubscriptionChangeRow> rows) {
        return changes.upsertAll(rows);
    }

    @Override
    public List<SubscriptionChangeRow> allRows() {
        return changes.allRows();
    }
}
