package org.bansou.account;

/** The editable part of an account, as a person changes it on the account page or through the API. */
public record AccountProfile(String name, String industry, String employeeBand, String decisionStyle,
                             Long ownerUserId, String touchTier, String lifecycleStage) {
}
