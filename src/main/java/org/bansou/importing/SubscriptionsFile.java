package org.bansou.importing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.bansou.database.UpsertResult;
import org.bansou.subscription.Subscription;
import org.bansou.subscription.SubscriptionRow;
import org.bansou.subscription.Subscriptions;
import org.springframework.stereotype.Component;

import static org.bansou.importing.Line.OPTIONAL;
import static org.bansou.importing.Line.REQUIRED;

/** The subscriptions file: which account pays which plan price, for how many seats, at what discount. */
@Component
class SubscriptionsFile implements Kind<SubscriptionRow> {

    private final Subscriptions subscriptions;

    SubscriptionsFile(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public String name() {
        return "subscriptions";
    }

    @Override
    public List<Column<SubscriptionRow>> columns() {
        return List.of(
                new Column<>("external_id", SubscriptionRow::externalId),
                new Column<>("account_external_id", SubscriptionRow::accountExternalId),
                new Column<>("plan_price_external_id", SubscriptionRow::planPriceExternalId),
                new Column<>("quantity", SubscriptionRow::quantity),
                new Column<>("discount_percent", SubscriptionRow::discountPercent),
                new Column<>("discount_amount", SubscriptionRow::discountAmount),
                new Column<>("status", SubscriptionRow::status),
                new Column<>("started_on", SubscriptionRow::startedOn),
                new Column<>("ended_on", SubscriptionRow::endedOn),
                new Column<>("renews_on", SubscriptionRow::renewsOn),
                new Column<>("auto_renew", SubscriptionRow::autoRenew));
    }

    @Override
    public SubscriptionRow read(Line line) {
        String externalId = line.externalId("external_id");
        String account = line.reference("account_external_id", Reference.ACCOUNT, REQUIRED);
        String planPrice = line.reference("plan_price_external_id", Reference.PLAN_PRICE, REQUIRED);
        Integer quantity = line.count("quantity", OPTIONAL, 1);
        BigDecimal discountPercent = line.percent("discount_percent", OPTIONAL);
        Long discountAmount = line.money("discount_amount", OPTIONAL);
        String status = line.code("status", Subscription.STATUSES, REQUIRED);
        LocalDate startedOn = line.date("started_on", REQUIRED);
        LocalDate endedOn = line.date("ended_on", OPTIONAL);
        LocalDate renewsOn = line.date("renews_on", OPTIONAL);
        boolean autoRenew = line.flag("auto_renew", true);
        line.notBefore("ended_on", endedOn, "started_on", startedOn);
        return line.clean()
                ? new SubscriptionRow(externalId, account, planPrice, quantity == null ? 1 : quantity,
                        discountPercent == null ? BigDecimal.ZERO : discountPercent,
                        discountAmount == null ? 0 : discountAmount, status, startedOn, endedOn, renewsOn, autoRenew)
                : null;
    }

    @Override
    public UpsertResult upsertAll(List<SubscriptionRow> rows) {
        return subscriptions.upsertAll(rows);
    }

    @Override
    public List<SubscriptionRow> allRows() {
        return subscriptions.allRows();
    }
}
