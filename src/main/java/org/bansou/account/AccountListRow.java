package org.bansou.account;

import java.util.List;

import org.bansou.subscription.AccountMrr;

/** One row of the accounts list: the account and its current MRR in each currency it pays in. */
record AccountListRow(Account account, List<AccountMrr> mrr) {
}
