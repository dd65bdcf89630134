package org.bansou.importing;

import java.time.LocalDate;
import java.util.List;

import org.bansou.catalog.PlanRow;
import org.bansou.catalog.Plans;
import org.bansou.database.UpsertResult;
import org.springframework.stereotype.Component;

import static org.bansou.importing.Line.OPTIONAL;
import static org.bansou.importing.Line.REQUIRED;

/** The plans file: the plan catalog; prices come in their own file. */
@Component
class PlansFile implements Kind<PlanRow> {

    private final Plans plans;

    PlansFile(Plans plans) {
        this.plans = plans;
    }

    @Override
    public String name() {
        return "plans";
    }

    @Override
    public List<Column<PlanRow>> columns() {
        return List.of(
                new Column<>("external_id", PlanRow::externalId),
                new Column<>("name", PlanRow::name),
                new Column<>("is_free", PlanRow::isFree),
                new Column<>("retired_on", PlanRow::retiredOn));
    }

    @Override
    public PlanRow read(Line line) {
        String externalId = line.externalId("external_id");
        String name = line.text("name", REQUIRED);
        boolean free = line.flag("is_free", false);
        LocalDate retiredOn = line.date("retired_on", OPTIONAL);
        return line.clean() ? new PlanRow(externalId, name, free, retiredOn) : null;
    }

    @Override
    public UpsertResult upsertAll(List<PlanRow> rows) {
        return plans.upsertAll(rows);
    }

    @Override
    public List<PlanRow> allRows() {
        return plans.allRows();
    }
}
