package org.bansou.effort;

import java.util.Set;

/**
 * One rule of a touch-tier rule set: accounts whose MRR (minor units of the reporting currency) is in
 * [{@code mrrFrom}, {@code mrrTo}) and whose employee band, industry and plan match the ones given (null: any)
 * get {@code tier}.
 */
public record TierRule(int position, String tier, Long mrrFrom, Long mrrTo, String employeeBand, String industry,
                       Long planId) {

    boolean matches(long mrr, String accountBand, String accountIndustry, Set<Long> plans) {
        return (mrrFrom == null || mrr >= mrrFrom) && (mrrTo == null || mrr < mrrTo)
                && (employeeBand == null || employeeBand.equals(accountBand))
                && (industry == null || industry.equals(accountIndustry))
                && (planId == null || plans.contains(planId));
    }
}
