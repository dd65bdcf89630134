package org.bansou.importing;

/** What a cell may point at; the thing must already exist in bansou, or the line is rejected. */
enum Reference {
    USER("noUser"),
    ACCOUNT("noAccount"),
    PLAN("noPlan"),
    PLAN_PRICE("noPlanPrice"),
    SUBSCRIPTION("noSubscription");

    final String problem;

    Reference(String problem) {
        this.problem = problem;
    }
}
