package org.bansou.playbook;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.bansou.account.AccountRow;
import org.bansou.account.Accounts;
import org.bansou.account.ContactRow;
import org.bansou.account.Contacts;
import org.bansou.catalog.PlanPriceRow;
import org.bansou.catalog.PlanPrices;
import org.bansou.catalog.PlanRow;
import org.bansou.catalog.Plans;
import org.bansou.security.AppUser;
import org.bansou.security.AppUsers;
import org.bansou.security.Role;
import org.bansou.subscription.SubscriptionRow;
import org.bansou.subscription.Subscriptions;
import org.bansou.usage.DailyUsageRow;
import org.bansou.usage.UsageDaily;
import org.springframework.stereotype.Component;

/** Builds the small named worlds the playbook tests act in. */
@Component
class PlaybookWorld {

    static final Instant WRITTEN = Instant.parse("2026-01-05T01:00:00Z");

    final Accounts accounts;
    final AppUsers users;
    final Contacts contacts;
    final Plans plans;
    final PlanPrices prices;
    final Subscriptions subscriptions;
    final UsageDaily usage;
    final PlaybookTemplates templates;

    PlaybookWorld(Accounts accounts, AppUsers users, Contacts contacts, Plans plans, PlanPrices prices,
                  Subscriptions subscriptions, UsageDaily usage, PlaybookTemplates templates) {
        this.accounts = accounts;
        this.users = users;
        this.contacts = contacts;
        this.plans = plans;
        this.prices = prices;
        this.subscriptions = subscriptions;
        this.usage = usage;
        this.templates = templates;
    }

    AppUser csm(String username, String name) {
        return users.create(username, name, username + "@bansou.example", Role.CSM, "password-" + username);
    }

    AppUser user(String username, String name, Role role) {
        return users.create(username, name, username + "@bansou.example", role, "password-" + username);
    }

    long account(String externalId, String name, String ownerUsername, String tier, String stage) {
        accounts.upsertAll(List.of(new AccountRow(externalId, name, "医療", "10-49", "top_down", ownerUsername, tier,
                stage)));
        return accounts.findByExternalId(externalId).orElseThrow().id();
    }

    /** Standard monthly at ¥30,000 per seat, {@code seats} seats from {@code since}, renewing on {@code renewsOn}. */
    void subscribes(String externalId, int seats, LocalDate since, LocalDate renewsOn) {
        plans.upsertAll(List.of(new PlanRow("standard", "Standard", false, null)));
        prices.upsertAll(List.of(new PlanPriceRow("standard-jpy-month-v1", "standard", 1, "JPY", 30_000, "month", 1,
                LocalDate.of(2025, 1, 1), null)));
        subscriptions.upsertAll(List.of(new SubscriptionRow("S-" + externalId, externalId, "standard-jpy-month-v1",
                seats, BigDecimal.ZERO, 0, "active", since, null, renewsOn, true)));
    }

    void keyPerson(String accountExternalId, String name, String email) {
        contacts.upsertAll(List.of(new ContactRow("C-" + accountExternalId, accountExternalId, name, email, "院長",
                true, true, null, "email", null)));
    }

    void used(String accountExternalId, LocalDate day, Map<String, Long> events) {
        usage.importAll(List.of(new DailyUsageRow(accountExternalId, day, 2, null, null,
                events.values().stream().mapToLong(Long::longValue).sum(), null, events)));
    }

    /** 標準オンボーディング: a customer task, a CS task, and a task done when an invoice is sent. */
    PlaybookTemplate standardOnboarding() {
        return templates.create(new TemplateForm("standard-onboarding", "標準オンボーディング", null, "onboarding",
                "adoption", false, List.of(
                new PlaybookTemplate.TaskTemplate(0, "管理者アカウントを招待する", "Invite the admins", "customer", 3,
                        "設定 → ユーザー から招待します", null),
                new PlaybookTemplate.TaskTemplate(0, "キックオフ会議", "Kickoff meeting", "cs", 7,
                        "目標と成功の定義を合意する", null),
                new PlaybookTemplate.TaskTemplate(0, "最初の請求書を送る", "Send the first invoice", "customer", 14,
                        null, "invoice_sent"))).validated(), "tanaka", WRITTEN);
    }
}
