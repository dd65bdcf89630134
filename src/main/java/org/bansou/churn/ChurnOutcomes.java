package org.bansou.churn;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bansou.revenue.MrrMovements;
import org.bansou.revenue.MrrMovements.PayingSpell;
import org.springframework.stereotype.Component;

/**
 * What happened to each account, from its paying spells: a churn is the day its MRR went to zero; a renewal is
 * an anniversary of the day it started paying that it passed while still paying.
 */
@Component
class ChurnOutcomes {

    private final MrrMovements movements;

    ChurnOutcomes(MrrMovements movements) {
        this.movements = movements;
    }

    List<PayingSpell> spells() {
        return movements.payingSpells();
    }

    /** An account's renewal-or-churn decision and the cut-off, {@code leadDays} before it, when it is judged. */
    record Decision(long accountId, LocalDate decidedOn, boolean churned, LocalDate cutOff) {
    }

    /**
     * One decision per account up to {@code asOf}: its latest churn, or else its latest renewal; only where
     * the account was already paying at the cut-off, so the metric is measured on a customer, not a trial.
     */
    static List<Decision> decisions(List<PayingSpell> spells, int leadDays, LocalDate asOf) {
        Map<Long, Decision> latest = new LinkedHashMap<>();
        for (PayingSpell spell : spells) {
            Decision decision = null;
            if (spell.churnedOn() != null && !spell.churnedOn().isAfter(asOf)) {
                decision = new Decision(spell.accountId(), spell.churnedOn(), true, spell.churnedOn().minusDays(leadDays));
            } else {
                LocalDate end = spell.churnedOn() == null ? asOf : spell.churnedOn().minusDays(1);
                for (LocalDate renewal = spell.payingFrom().plusYears(1); !renewal.isAfter(end);
                     renewal = renewal.plusYears(1)) {
                    decision = new Decision(spell.accountId(), renewal, false, renewal.minusDays(leadDays));
                }
            }
            if (decision == null || decision.cutOff().isBefore(spell.payingFrom())) {
                continue;
            }
            Decision before = latest.get(spell.accountId());
            // a churn outweighs a renewal; between two of a kind the later one tells today's story
            if (before == null || (decision.churned() && !before.churned())
                    || (decision.churned() == before.churned() && decision.decidedOn().isAfter(before.decidedOn()))) {
                latest.put(spell.accountId(), decision);
            }
        }
        return new ArrayList<>(latest.values());
    }

    /** An account paying at a cut-off and whether it churned within the horizon after it (null: not known yet). */
    record Labelled(long accountId, LocalDate cutOff, Boolean churned) {
    }

    /**
     * The accounts paying at {@code cutOff} and whether each churned in the {@code horizonDays} after it; the
     * outcome is known only when the whole window lies before {@code asOf}.
     */
    static List<Labelled> payingAt(List<PayingSpell> spells, LocalDate cutOff, int horizonDays, LocalDate asOf) {
        LocalDate windowEnd = cutOff.plusDays(horizonDays);
        boolean known = !windowEnd.isAfter(asOf);
        List<Labelled> rows = new ArrayList<>();
        for (PayingSpell spell : spells) {
            boolean paying = !spell.payingFrom().isAfter(cutOff)
                    && (spell.churnedOn() == null || spell.churnedOn().isAfter(cutOff));
            if (!paying) {
                continue;
            }
            Boolean churned = known ? spell.churnedOn() != null && !spell.churnedOn().isAfter(windowEnd) : null;
            rows.add(new Labelled(spell.accountId(), cutOff, churned));
        }
        return rows;
    }
}
