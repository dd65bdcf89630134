package org.bansou.importing;

import java.util.List;

import org.bansou.account.AccountCodes;
import org.bansou.account.AccountRow;
import org.bansou.account.Accounts;
import org.bansou.database.UpsertResult;
import org.springframework.stereotype.Component;

import static org.bansou.importing.Line.OPTIONAL;
import static org.bansou.importing.Line.REQUIRED;

/** The accounts file: one customer company a line, its CSM named by username in {@code owner}. */
@Component
class AccountsFile implements Kind<AccountRow> {

    private final Accounts accounts;

    AccountsFile(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public String name() {
        return "accounts";
    }

    @Override
    public List<Column<AccountRow>> columns() {
        return List.of(
                new Column<>("external_id", AccountRow::externalId),
                new Column<>("name", AccountRow::name),
                new Column<>("industry", AccountRow::industry),
                new Column<>("employee_band", AccountRow::employeeBand),
                new Column<>("decision_style", AccountRow::decisionStyle),
                new Column<>("owner", AccountRow::ownerUsername),
                new Column<>("touch_tier", AccountRow::touchTier),
                new Column<>("lifecycle_stage", AccountRow::lifecycleStage));
    }

    @Override
    public AccountRow read(Line line) {
        String externalId = line.externalId("external_id");
        String name = line.text("name", REQUIRED);
        String industry = line.text("industry");
        String employeeBand = line.code("employee_band", AccountCodes.EMPLOYEE_BANDS, OPTIONAL);
        String decisionStyle = line.code("decision_style", AccountCodes.DECISION_STYLES, OPTIONAL);
        String owner = line.reference("owner", Reference.USER, OPTIONAL);
        String touchTier = line.code("touch_tier", AccountCodes.TOUCH_TIERS, OPTIONAL);
        String lifecycleStage = line.code("lifecycle_stage", AccountCodes.LIFECYCLE_STAGES, OPTIONAL);
        return line.clean()
                ? new AccountRow(externalId, name, industry, employeeBand, decisionStyle, owner, touchTier,
                        lifecycleStage)
                : null;
    }

    @Override
    public UpsertResult upsertAll(List<AccountRow> rows) {
        return accounts.upsertAll(rows);
    }

    @Override
    public List<AccountRow> allRows() {
        return accounts.allRows();
    }
}
