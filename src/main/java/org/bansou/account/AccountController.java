package org.bansou.account;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import org.bansou.database.NotFoundException;
import org.bansou.database.StaleVersionException;
import org.bansou.security.AccessRules;
import org.bansou.security.AppUser;
import org.bansou.security.AppUsers;
import org.bansou.security.AuditLog;
import org.bansou.subscription.AccountMrr;
import org.bansou.subscription.Subscription;
import org.bansou.subscription.SubscriptionChanges;
import org.bansou.subscription.Subscriptions;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The accounts list and the account page, where a CSM reads an account's story and edits its profile. */
@Controller
@RequestMapping("/accounts")
class AccountController {

    private static final List<Integer> PAGE_SIZES = List.of(25, 50, 100);
    private static final int TIMELINE_AUDIT_ENTRIES = 200;

    private final Accounts accounts;
    private final Contacts contacts;
    private final EnvironmentEvents environmentEvents;
    private final StageChanges stageChanges;
    private final Subscriptions subscriptions;
    private final SubscriptionChanges subscriptionChanges;
    private final AppUsers users;
    private final AccessRules access;
    private final AuditLog audit;
    private final ProfileEdits profileEdits;
    private final Clock clock;
    private final List<TimelineSource> timelineSources;

    AccountController(Accounts accounts, Contacts contacts, EnvironmentEvents environmentEvents,
                      StageChanges stageChanges, Subscriptions subscriptions, SubscriptionChanges subscriptionChanges,
                      AppUsers users, AccessRules access, AuditLog audit, ProfileEdits profileEdits, Clock clock,
                      List<TimelineSource> timelineSources) {
        this.accounts = accounts;
        this.contacts = contacts;
        this.environmentEvents = environmentEvents;
        this.stageChanges = stageChanges;
        this.subscriptions = subscriptions;
        this.subscriptionChanges = subscriptionChanges;
        this.users = users;
        this.access = access;
        this.audit = audit;
        this.profileEdits = profileEdits;
        this.clock = clock;
        this.timelineSources = timelineSources;
    }

    /**
     * The list, paged, filtered and sorted in the database. htmx asks for the results part only; without
     * JavaScript the same address returns the whole page, so every state of the list is a shareable link.
     */
    @GetMapping
    String list(@RequestParam(required = false) String stage, @RequestParam(required = false) String tier,
                @RequestParam(name = "owner", required = false) Long owner,
                @RequestParam(required = false) String industry, @RequestParam(required = false) String q,
                @RequestParam(required = false) String sort, @RequestParam(defaultValue = "1") int page,
                @RequestParam(defaultValue = "" + AccountListLinks.DEFAULT_SIZE) int size,
                @RequestHeader(name = "HX-Request", required = false) String htmx,
                @RequestHeader(name = "HX-History-Restore-Request", required = false) String historyRestore,
                Model model, HttpServletResponse response) {
        AccountFilter filter = new AccountFilter(stage, tier, owner, industry, q, sort);
        int pageSize = PAGE_SIZES.contains(size) ? size : AccountListLinks.DEFAULT_SIZE;
        int pageNumber = Math.max(1, page);
        AccountPage found = accounts.page(filter, pageNumber - 1, pageSize);
        Map<Long, List<AccountMrr>> mrr = subscriptions
                .currentMrrOf(found.rows().stream().map(Account::id).toList())
                .stream()
                .collect(Collectors.groupingBy(AccountMrr::accountId));
        model.addAttribute("filter", filter);
        model.addAttribute("found", found);
        model.addAttribute("pageNumber", pageNumber);
        model.addAttribute("rows", found.rows().stream()
                .map(account -> new AccountListRow(account, mrr.getOrDefault(account.id(), List.of())))
                .toList());
        model.addAttribute("links", new AccountListLinks(filter, pageSize));
        response.addHeader("Vary", "HX-Request");
        if (htmx != null && historyRestore == null) {
            model.addAttribute("partial", true);
            return "account/list :: results";
        }
        model.addAttribute("pageSize", pageSize);
        model.addAttribute("owners", users.accountOwners());
        model.addAttribute("industries", accounts.industries());
        model.addAttribute("codes", Codes.INSTANCE);
        return "account/list";
    }

    @GetMapping("/{id}")
    String account(@PathVariable long id, Model model) {
        Account account = accounts.get(id);
        showAccount(account, ProfileForm.of(account), model);
        return "account/account";
    }

    /** Saves the profile form; a save based on an old version shows both sides instead of overwriting. */
    @PostMapping("/{id}")
    String saveProfile(@PathVariable long id, @ModelAttribute("form") ProfileForm form, BindingResult errors,
                       Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Account stored = accounts.get(id);
        access.requireAccountWrite(stored.ownerUserId());
        form.check(errors, users.accountOwners().stream().map(AppUser::id).toList(), stored.ownerUserId());
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            showAccount(stored, form, model);
            model.addAttribute("editOpen", true);
            return "account/account";
        }
        try {
            profileEdits.save(id, form.version(), form.profile());
        } catch (StaleVersionException savedByOthers) {
            Account current = accounts.get(id);
            response.setStatus(HttpStatus.CONFLICT.value());
            // the form now shows what the person typed, based on the version stored now
            model.asMap().remove(BindingResult.MODEL_KEY_PREFIX + "form");
            showAccount(current, form.basedOn(current.version()), model);
            model.addAttribute("conflict", true);
            model.addAttribute("editOpen", true);
            return "account/account";
        }
        redirect.addFlashAttribute("saved", true);
        return "redirect:/accounts/" + id;
    }

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "error/404";
    }

    private void showAccount(Account account, ProfileForm form, Model model) {
        long id = account.id();
        Instant now = clock.instant();
        List<Subscription> subs = subscriptions.forAccount(id);
        Map<String, Long> totalMrr = subs.stream()
                .collect(Collectors.groupingBy(Subscription::currency, TreeMap::new,
                        Collectors.summingLong(Subscription::mrr)));
        List<EnvironmentEvent> events = environmentEvents.forAccount(id);
        model.addAttribute("account", account);
        model.addAttribute("contacts", contacts.forAccount(id));
        model.addAttribute("subscriptions", subs);
        model.addAttribute("totalMrr", totalMrr);
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("stages", stageChanges.timeInStages(id, now));
        model.addAttribute("events", events);
        model.addAttribute("timeline", TimelineEntry.merge(stageChanges.forAccount(id), events,
                subscriptionChanges.forAccount(id), audit.forAccount(id, TIMELINE_AUDIT_ENTRIES),
                timelineSources.stream().flatMap(source -> source.factsFor(id).stream()).toList(),
                clock.getZone()));
        model.addAttribute("mayEdit", access.mayWriteAccount(account.ownerUserId()));
        model.addAttribute("form", form);
        model.addAttribute("owners", users.accountOwners());
        model.addAttribute("codes", Codes.INSTANCE);
    }

    /** The code lists the templates offer in selects. */
    record Codes(List<String> stages, List<String> tiers, List<String> bands, List<String> decisionStyles) {
        static final Codes INSTANCE = new Codes(AccountCodes.LIFECYCLE_STAGES, AccountCodes.TOUCH_TIERS,
                AccountCodes.EMPLOYEE_BANDS, AccountCodes.DECISION_STYLES);
    }
}
