package org.bansou.importing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.bansou.BansouTest;
import org.bansou.SignedIn;
import org.bansou.account.AccountRow;
import org.bansou.account.Accounts;
import org.bansou.account.ContactRow;
import org.bansou.account.Contacts;
import org.bansou.catalog.PlanPriceRow;
import org.bansou.catalog.PlanPrices;
import org.bansou.catalog.PlanRow;
import org.bansou.catalog.Plans;
import org.bansou.security.AppUsers;
import org.bansou.security.Role;
import org.bansou.subscription.SubscriptionChangeRow;
import org.bansou.subscription.SubscriptionChanges;
import org.bansou.subscription.SubscriptionRow;
import org.bansou.subscription.Subscriptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@BansouTest
class FileExportTests {

    @Autowired FileExport exports;
    @Autowired FileImport imports;
    @Autowired AppUsers users;
    @Autowired Accounts accounts;
    @Autowired Contacts contacts;
    @Autowired Plans plans;
    @Autowired PlanPrices planPrices;
    @Autowired Subscriptions subscriptions;
    @Autowired SubscriptionChanges subscriptionChanges;

    /** How many rows the world below has of each kind. */
    static final Map<String, Integer> ROWS = Map.of("accounts", 2, "contacts", 2, "plans", 2, "plan-prices", 3,
            "subscriptions", 2, "subscription-changes", 3);

    @BeforeEach
    void kobayashiDentalOnStandardAndYamadaLogisticsOnAnOldFreePlan() {
        users.create("tanaka", "田中 美咲", null, Role.CSM, "secret-tanaka");
        SignedIn.in(users.create("sato", "佐藤 恵子", null, Role.MANAGER, "secret-sato"));
        accounts.upsertAll(List.of(
                new AccountRow("A-1001", "小林歯科クリニック", "医療", "10-49", "top_down", "tanaka", "low", "adoption"),
                new AccountRow("A-1002", "Yamada Logistics, Inc.", null, null, null, null, "tech", "onboarding")));
        contacts.upsertAll(List.of(
                new ContactRow("C-1", "A-1001", "小林 健一", "kobayashi@example.jp", "院長", false, true,
                        "数字で話す人。\n\"結論から\"が好き", "meeting", null),
                new ContactRow("C-2", "A-1001", "山田 花子", null, "事務長", true, false, null, null,
                        LocalDate.of(2026, 3, 31))));
        plans.upsertAll(List.of(
                new PlanRow("free", "Free", true, LocalDate.of(2025, 12, 31)),
                new PlanRow("standard", "Standard", false, null)));
        planPrices.upsertAll(List.of(
                new PlanPriceRow("free-m-1", "free", 1, "JPY", 0, "month", 1, LocalDate.of(2024, 1, 1),
                        LocalDate.of(2025, 12, 31)),
                new PlanPriceRow("standard-m-1", "standard", 1, "JPY", 3000, "month", 1, LocalDate.of(2024, 1, 1),
                        LocalDate.of(2025, 9, 30)),
                new PlanPriceRow("standard-m-2", "standard", 2, "JPY", 3500, "month", 1, LocalDate.of(2025, 10, 1),
                        null)));
        subscriptions.upsertAll(List.of(
                new SubscriptionRow("S-1", "A-1001", "standard-m-2", 12, new BigDecimal("12.50"), 500, "active",
                        LocalDate.of(2025, 4, 1), null, LocalDate.of(2026, 4, 1), true),
                new SubscriptionRow("S-2", "A-1002", "free-m-1", 1, BigDecimal.ZERO, 0, "ended",
                        LocalDate.of(2024, 6, 1), LocalDate.of(2025, 12, 31), null, false)));
        subscriptionChanges.upsertAll(List.of(
                new SubscriptionChangeRow("SC-1", "S-1", LocalDate.of(2025, 4, 1), "start", null, "standard-m-1",
                        null, 10, "JPY", 0, 30000, null),
                new SubscriptionChangeRow("SC-2", "S-1", LocalDate.of(2025, 10, 1), "price_change", "standard-m-1",
                        "standard-m-2", 10, 12, "JPY", 30000, 36250, "seats added at the price revision"),
                new SubscriptionChangeRow("SC-3", "S-2", LocalDate.of(2024, 6, 1), "start", null, "free-m-1",
                        null, 1, "JPY", 0, 0, null)));
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    @Test
    void every_kind_exported_as_csv_imports_again_as_all_unchanged() throws IOException {
        for (String kind : imports.kinds()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            exports.writeCsv(kind, out);

            ImportOutcome again = imports.importFile(kind, ImportFile.of(kind + ".csv", out.toByteArray()),
                    Locale.ENGLISH);

            assertThat(again.errors()).as(kind).isEmpty();
            assertThat(again).as(kind)
                    .extracting(ImportOutcome::inserted, ImportOutcome::updated, ImportOutcome::unchanged)
                    .containsExactly(0, 0, ROWS.get(kind));
        }
    }

    @Test
    void every_kind_exported_as_xlsx_imports_again_as_all_unchanged() throws IOException {
        for (String kind : imports.kinds()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            exports.writeXlsx(kind, out);

            ImportOutcome again = imports.importFile(kind, ImportFile.of(kind + ".xlsx", out.toByteArray()),
                    Locale.ENGLISH);

            assertThat(again.errors()).as(kind).isEmpty();
            assertThat(again).as(kind)
                    .extracting(ImportOutcome::inserted, ImportOutcome::updated, ImportOutcome::unchanged)
                    .containsExactly(0, 0, ROWS.get(kind));
        }
    }

    @Test
    void a_csv_export_starts_with_a_byte_order_mark_so_excel_shows_japanese_names() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exports.writeCsv("accounts", out);
        byte[] bytes = out.toByteArray();

        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8)).isEqualTo(TestFiles.csvText(
                "external_id,name,industry,employee_band,decision_style,owner,touch_tier,lifecycle_stage",
                "A-1001,小林歯科クリニック,医療,10-49,top_down,tanaka,low,adoption",
                "A-1002,\"Yamada Logistics, Inc.\",,,,,tech,onboarding"));
    }

    @Test
    void an_xlsx_export_writes_dates_and_amounts_as_cells_excel_can_sort_and_sum() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exports.writeXlsx("plan-prices", out);

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("external_id");
            Cell amount = sheet.getRow(3).getCell(4);
            Cell validFrom = sheet.getRow(3).getCell(7);
            assertThat(amount.getNumericCellValue()).isEqualTo(3500);
            assertThat(DateUtil.isCellDateFormatted(validFrom)).isTrue();
            assertThat(validFrom.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2025, 10, 1));
        }
    }
}
