package org.bansou.demo;

/**
 * Why a demo customer left, as the cancel row's reason says it. Later chapters set the scene to match: the
 * key persons chapter makes the champion leave before a {@link #KEY_PERSON_LEFT} churn.
 */
public enum DemoChurnCause {
    BUDGET_CUT("予算削減のため"),
    KEY_PERSON_LEFT("推進担当者の退職後、後任に引き継がれず"),
    NOT_ADOPTED("社内で利用が定着しなかった"),
    COMPETITOR("他社の請求書サービスへ乗り換え"),
    BUSINESS_CLOSED("事業縮小・廃業"),
    MERGED("合併に伴いグループのシステムへ統合");

    private final String reason;

    DemoChurnCause(String reason) {
        this.reason = reason;
    }

    /** The reason as the cancellation records it. */
    public String reason() {
        return reason;
    }
}
