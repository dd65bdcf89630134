package org.bansou.importing;

import java.time.LocalDate;
import java.util.List;

import org.bansou.account.AccountCodes;
import org.bansou.account.ContactRow;
import org.bansou.account.Contacts;
import org.bansou.database.UpsertResult;
import org.springframework.stereotype.Component;

import static org.bansou.importing.Line.OPTIONAL;
import static org.bansou.importing.Line.REQUIRED;

/** The contacts file: the key persons of accounts bansou already knows. */
@Component
class ContactsFile implements Kind<ContactRow> {

    private final Contacts contacts;

    ContactsFile(Contacts contacts) {
        this.contacts = contacts;
    }

    @Override
    public String name() {
        return "contacts";
    }

    @Override
    public List<Column<ContactRow>> columns() {
        return List.of(
                new Column<>("external_id", ContactRow::externalId),
                new Column<>("account_external_id", ContactRow::accountExternalId),
                new Column<>("name", ContactRow::name),
                new Column<>("email", ContactRow::email),
                new Column<>("role", ContactRow::role),
                new Column<>("is_champion", ContactRow::isChampion),
                new Column<>("is_decision_maker", ContactRow::isDecisionMaker),
                new Column<>("character_note", ContactRow::characterNote),
                new Column<>("preferred_channel", ContactRow::preferredChannel),
                new Column<>("left_on", ContactRow::leftOn));
    }

    @Override
    public ContactRow read(Line line) {
        String externalId = line.externalId("external_id");
        String account = line.reference("account_external_id", Reference.ACCOUNT, REQUIRED);
        String name = line.text("name", REQUIRED);
        String email = line.text("email");
        String role = line.text("role");
        boolean champion = line.flag("is_champion", false);
        boolean decisionMaker = line.flag("is_decision_maker", false);
        String characterNote = line.text("character_note");
        String channel = line.code("preferred_channel", AccountCodes.CHANNELS, OPTIONAL);
        LocalDate leftOn = line.date("left_on", OPTIONAL);
        return line.clean()
                ? new ContactRow(externalId, account, name, email, role, champion, decisionMaker, characterNote,
                        channel, leftOn)
                : null;
    }

    @Override
    public UpsertResult upsertAll(List<ContactRow> rows) {
        return contacts.upsertAll(rows);
    }

    @Override
    public List<ContactRow> allRows() {
        return contacts.allRows();
    }
}
