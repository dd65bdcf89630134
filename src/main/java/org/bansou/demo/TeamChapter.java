package org.bansou.demo;

import java.util.List;

import org.bansou.security.AppUsers;
import org.bansou.security.Role;
import org.springframework.stereotype.Component;

/**
 * The demo company's CS team: an admin, a CS manager, five CSMs and a viewer from finance. All sign in with
 * the password {@code demo}, allowed only because this is the demo database. A user already there (e.g. the
 * admin of an earlier first start) is kept as it is.
 */
@Component
class TeamChapter implements DemoChapter {

    static final String PASSWORD = "demo";
    static final List<DemoUser> TEAM = List.of(
            new DemoUser("admin", "システム管理者", "admin@bansou-demo.example.jp", Role.ADMIN),
            new DemoUser("manager", "山本 直樹", "manager@bansou-demo.example.jp", Role.MANAGER),
            new DemoUser("csm1", "佐藤 美咲", "csm1@bansou-demo.example.jp", Role.CSM),
            new DemoUser("csm2", "鈴木 健太", "csm2@bansou-demo.example.jp", Role.CSM),
            new DemoUser("csm3", "高橋 陽菜", "csm3@bansou-demo.example.jp", Role.CSM),
            new DemoUser("csm4", "田中 大輔", "csm4@bansou-demo.example.jp", Role.CSM),
            new DemoUser("csm5", "伊藤 由美", "csm5@bansou-demo.example.jp", Role.CSM),
            new DemoUser("viewer", "中村 恵子", "viewer@bansou-demo.example.jp", Role.VIEWER));

    private final AppUsers users;

    TeamChapter(AppUsers users) {
        this.users = users;
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public String name() {
        return "team";
    }

    @Override
    public void write(DemoWorld world) {
        for (DemoUser user : TEAM) {
            if (users.findByUsername(user.username()).isEmpty()) {
                users.create(user.username(), user.displayName(), user.email(), user.role(), PASSWORD);
            }
        }
        world.team(TEAM);
    }
}
