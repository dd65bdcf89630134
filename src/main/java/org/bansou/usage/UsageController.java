package org.bansou.usage;

import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.bansou.account.Account;
import org.bansou.account.Accounts;
import org.bansou.security.AccessRules;
import org.bansou.security.ApiKeys;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Pages under {@code /usage}: the ingestion status (is usage arriving, what was refused and why, which
 * accounts and keys are involved) and an account's usage over time, as a page or as a fragment the account
 * page includes with htmx.
 */
@Controller
@RequestMapping("/usage")
class UsageController {

    private static final int MAX_DAYS = 730;
    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    private final IntakeLog log;
    private final UsageDaily daily;
    private final UsageEvents events;
    private final DailyUsageCsv csv;
    private final Accounts accounts;
    private final ApiKeys keys;
    private final AccessRules access;
    private final AuditLog audit;
    private final Clock clock;

    UsageController(IntakeLog log, UsageDaily daily, UsageEvents events, DailyUsageCsv csv, Accounts accounts,
                    ApiKeys keys, AccessRules access, AuditLog audit, Clock clock) {
        this.log = log;
        this.daily = daily;
        this.events = events;
        this.csv = csv;
        this.accounts = accounts;
        this.keys = keys;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping
    String status(Model model) {
        Instant now = clock.instant();
        List<IntakeLog.Minute> minutes = log.perMinute(now.minus(Duration.ofHours(1)));
        model.addAttribute("minutes", minutes);
        model.addAttribute("lastHourAccepted", minutes.stream().mapToLong(IntakeLog.Minute::accepted).sum());
        model.addAttribute("lastHourDuplicates", minutes.stream().mapToLong(IntakeLog.Minute::duplicates).sum());
        model.addAttribute("lastHourRejected", minutes.stream().mapToLong(IntakeLog.Minute::rejected).sum());
        model.addAttribute("perMinuteChart", perMinuteChart(minutes, now, clock.getZone()));
        model.addAttribute("rejections", log.recentRejections(50));
        model.addAttribute("keysInUse", keysInUse(now.minus(Duration.ofDays(1))));
        model.addAttribute("keyNames", keys.all().stream()
                .collect(Collectors.toMap(ApiKeys.ApiKey::id, ApiKeys.ApiKey::name)));
        model.addAttribute("unmapped", accounts.unmapped(50));
        model.addAttribute("unmappedCount", accounts.countUnmapped());
        model.addAttribute("waiting", events.waitingForAccount());
        model.addAttribute("rolledUpAt", daily.rolledUpAt().orElse(null));
        model.addAttribute("zone", clock.getZone());
        return "usage/status";
    }

    /** An account's usage; the fragment alone when htmx asks for it (the account page includes it). */
    @GetMapping("/accounts/{id}")
    String accountUsage(@PathVariable long id, @RequestParam(defaultValue = "90") int days,
                        @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        Account account = accounts.get(id);
        int span = Math.max(7, Math.min(days, MAX_DAYS));
        LocalDate to = LocalDate.now(clock);
        LocalDate from = to.minusDays(span - 1L);
        List<UsageDay> usage = daily.forAccount(id, from, to);
        List<FeatureUse> top = daily.topFeatures(id, from, to, 5);
        model.addAttribute("account", account);
        model.addAttribute("zone", clock.getZone());
        model.addAttribute("days", span);
        model.addAttribute("usage", usage);
        model.addAttribute("latest", usage.isEmpty() ? null : usage.get(usage.size() - 1));
        model.addAttribute("topFeatures", top);
        model.addAttribute("chart", accountChart(usage, top.stream().map(FeatureUse::event).toList(), id, from, to));
        return htmx != null ? "usage/account-usage :: usage" : "usage/account";
    }

    @PostMapping("/daily-import")
    String importDaily(@RequestParam("file") MultipartFile file, RedirectAttributes redirect) throws IOException {
        access.require(Role.CSM);
        DailyUsageCsv.Reading reading;
        try (InputStreamReader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
            reading = csv.importFrom(reader);
        }
        if (reading.ok()) {
            audit.record("import", "usage_daily", file.getOriginalFilename(), null, Map.of("days", reading.rows().size()));
            redirect.addFlashAttribute("imported", reading.rows().size());
        } else {
            redirect.addFlashAttribute("importProblems", reading.problems());
        }
        return "redirect:/usage";
    }

    @PostMapping("/daily/rebuild")
    String rebuild(RedirectAttributes redirect) {
        access.require(Role.MANAGER);
        daily.rebuild();
        audit.record("rebuild", "usage_daily", null, null, Map.of());
        redirect.addFlashAttribute("rebuilt", true);
        return "redirect:/usage";
    }

    private List<KeyInUse> keysInUse(Instant since) {
        Map<Long, IntakeLog.KeyUse> used = log.keysUsedSince(since).stream()
                .collect(Collectors.toMap(IntakeLog.KeyUse::apiKeyId, Function.identity()));
        List<KeyInUse> rows = new ArrayList<>();
        for (ApiKeys.ApiKey key : keys.all()) {
            IntakeLog.KeyUse use = used.get(key.id());
            if (!key.scope().equals("read") && (use != null || key.revokedAt() == null)) {
                rows.add(new KeyInUse(key.name(), key.prefix(), key.scope(), key.lastUsedAt(), key.revokedAt() != null,
                        use == null ? 0 : use.requests(), use == null ? 0 : use.accepted(),
                        use == null ? 0 : use.duplicates(), use == null ? 0 : use.rejected()));
            }
        }
        rows.sort((a, b) -> Long.compare(b.requests(), a.requests()));
        return rows;
    }

    // every minute of the last hour, zero where nothing arrived, so a stop in the stream is visible
    private static Map<String, Object> perMinuteChart(List<IntakeLog.Minute> minutes, Instant now, ZoneId zone) {
        Map<Instant, IntakeLog.Minute> byMinute = minutes.stream()
                .collect(Collectors.toMap(IntakeLog.Minute::minute, Function.identity()));
        Instant last = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        List<String> labels = new ArrayList<>();
        List<Long> accepted = new ArrayList<>();
        List<Long> rejected = new ArrayList<>();
        for (Instant minute = last.minus(Duration.ofMinutes(59)); !minute.isAfter(last);
             minute = minute.plus(Duration.ofMinutes(1))) {
            IntakeLog.Minute m = byMinute.get(minute);
            labels.add(HOUR_MINUTE.format(minute.atZone(zone)));
            accepted.add(m == null ? 0 : m.accepted());
            rejected.add(m == null ? 0 : m.rejected());
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("minutes", labels);
        chart.put("accepted", accepted);
        chart.put("rejected", rejected);
        return chart;
    }

    // one point per day of the period; a day without events had no active users, and no known utilization
    private Map<String, Object> accountChart(List<UsageDay> usage, List<String> features, long accountId,
                                             LocalDate from, LocalDate to) {
        Map<LocalDate, UsageDay> byDay = usage.stream().collect(Collectors.toMap(UsageDay::day, Function.identity()));
        Map<String, Map<LocalDate, Long>> featureDays = new LinkedHashMap<>();
        features.forEach(feature -> featureDays.put(feature, new LinkedHashMap<>()));
        if (!features.isEmpty()) {
            daily.featuresByDay(accountId, from, to, features)
                    .forEach(f -> featureDays.get(f.event()).put(f.day(), f.times()));
        }
        List<String> labels = new ArrayList<>();
        List<Integer> active = new ArrayList<>();
        List<Integer> active7d = new ArrayList<>();
        List<Integer> active28d = new ArrayList<>();
        List<Integer> seats = new ArrayList<>();
        List<BigDecimal> utilization = new ArrayList<>();
        Map<String, List<Long>> featureSeries = new LinkedHashMap<>();
        features.forEach(feature -> featureSeries.put(feature, new ArrayList<>()));
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            UsageDay d = byDay.get(day);
            labels.add(day.toString());
            active.add(d == null ? 0 : d.activeUsers());
            active7d.add(d == null ? null : d.activeUsers7d());
            active28d.add(d == null ? null : d.activeUsers28d());
            seats.add(d == null ? null : d.seats());
            utilization.add(d == null || d.utilization() == null ? null : d.utilization().movePointRight(2));
            for (String feature : features) {
                featureSeries.get(feature).add(featureDays.get(feature).getOrDefault(day, 0L));
            }
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("days", labels);
        chart.put("active", active);
        chart.put("active7d", active7d);
        chart.put("active28d", active28d);
        chart.put("seats", seats);
        chart.put("utilization", utilization);
        chart.put("features", featureSeries);
        return chart;
    }
}
