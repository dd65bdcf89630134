package org.bansou.effort;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bansou.database.StaleVersionException;
import org.bansou.security.AppUser;
import org.bansou.security.AppUsers;
import org.bansou.security.Role;
import org.bansou.web.InvalidFieldException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Owns table {@code effort_hourly_cost}: the hourly cost of CS work per role or per person. */
@Component
public class HourlyCosts {

    private final JdbcClient jdbc;
    private final AppUsers users;

    HourlyCosts(JdbcClient jdbc, AppUsers users) {
        this.jdbc = jdbc;
        this.users = users;
    }

    public List<HourlyCost> all() {
        return jdbc.sql("""
                        SELECT id, role, user_id, currency, amount, version
                          FROM effort_hourly_cost
                         ORDER BY role NULLS LAST, user_id
                        """)
                .query(HourlyCost.class)
                .list();
    }

    /**
     * Sets the hourly cost of a role ({@code userId} null) or of one person ({@code role} null). Changing an
     * existing one needs the version it was read at; a new one needs none.
     */
    public HourlyCost save(String role, Long userId, String currency, long amount, Integer expectedVersion,
                           String by) {
        if ((role == null) == (userId == null)) {
            throw new InvalidFieldException("role", "give either a role or a user, not both or neither");
        }
        if (role != null) {
            try {
                Role.fromCode(role);
            } catch (IllegalArgumentException unknown) {
                throw new InvalidFieldException("role", unknown.getMessage());
            }
        }
        if (amount < 0) {
            throw new InvalidFieldException("amount", "must be 0 or more (minor units per hour)");
        }
        Optional<HourlyCost> existing = all().stream()
                .filter(c -> role != null ? role.equals(c.role()) : userId.equals(c.userId())).findFirst();
        if (existing.isPresent()) {
            int version = expectedVersion == null ? -1 : expectedVersion;
            int updated = jdbc.sql("""
                            UPDATE effort_hourly_cost
                               SET currency = :currency,
                                   amount = :amount,
                                   version = version + 1,
                                   updated_by = :by,
                                   updated_at = now()
                             WHERE id = :id
                               AND version = :version
                            """)
                    .param("currency", currency)
                    .param("amount", amount)
                    .param("by", by)
                    .param("id", existing.get().id())
                    .param("version", version)
                    .update();
            if (updated == 0) {
                throw new StaleVersionException("effort_hourly_cost", existing.get().id(), version,
                        existing.get().version());
            }
        } else {
            jdbc.sql("""
                            INSERT INTO effort_hourly_cost (role, user_id, currency, amount, updated_by)
                            VALUES (:role, :userId, :currency, :amount, :by)
                            """)
                    .param("role", role)
                    .param("userId", userId)
                    .param("currency", currency)
                    .param("amount", amount)
                    .param("by", by)
                    .update();
        }
        return all().stream().filter(c -> role != null ? role.equals(c.role()) : userId.equals(c.userId()))
                .findFirst().orElseThrow();
    }

    /**
     * Every person's hourly cost in {@code currency}: the person's own, else the role's, else none (their time
     * then costs nothing until someone sets it). Costs kept in another currency are left out.
     */
    public Map<Long, Long> ratesByUser(String currency) {
        Map<String, Long> byRole = new HashMap<>();
        Map<Long, Long> byUser = new HashMap<>();
        for (HourlyCost cost : all()) {
            if (!cost.currency().equals(currency)) {
                continue;
            }
            if (cost.role() != null) {
                byRole.put(cost.role(), cost.amount());
            } else {
                byUser.put(cost.userId(), cost.amount());
            }
        }
        Map<Long, Long> rates = new HashMap<>();
        for (AppUser user : users.all()) {
            Long rate = byUser.getOrDefault(user.id(), byRole.get(user.role()));
            if (rate != null) {
                rates.put(user.id(), rate);
            }
        }
        return rates;
    }
}
