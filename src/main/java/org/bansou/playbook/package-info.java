/**
 * Playbooks: the lifecycle an account walks (onboarding, adoption, retention, renewal) and the standard flows
 * that take it there - versioned templates of customer and CS tasks with due dates, a checklist the customer
 * can open, onboarding analytics, and tech-touch rules that act when a condition starts to hold.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"account", "subscription", "usage", "health",
        "security", "database", "web", "demo"})
package org.bansou.playbook;
