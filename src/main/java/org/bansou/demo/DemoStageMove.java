package org.bansou.demo;

import java.time.Instant;

/** One move of a demo account through the lifecycle stages, by the CSM who made it or by "system". */
public record DemoStageMove(String fromStage, String toStage, Instant at, String by) {
}
