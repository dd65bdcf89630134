package org.bansou.playbook;

import java.time.LocalDate;
import java.util.List;

import org.bansou.BansouTest;
import org.bansou.security.AppUser;
import org.bansou.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bansou.SignedIn.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BansouTest
@AutoConfigureMockMvc
@Import(PlaybookWorld.class)
class PlaybookPagesTests {

    @Autowired MockMvc mvc;
    @Autowired PlaybookWorld world;
    @Autowired PlaybookRuns runs;

    LocalDate start = LocalDate.of(2026, 11, 2);

    @Test
    void the_customer_checklist_opens_without_signing_in_and_shows_only_its_own_run() throws Exception {
        world.csm("sato", "佐藤 翔");
        long kobayashi = world.account("A-1001", "小林歯科クリニック", "sato", "low", "onboarding");
        long yamada = world.account("A-1002", "山田会計事務所", "sato", "low", "onboarding");
        PlaybookTemplate standard = world.standardOnboarding();
        List<Long> ids = runs.start(List.of(new PlaybookRuns.RunStart(kobayashi, standard.id(), start),
                new PlaybookRuns.RunStart(yamada, standard.id(), start)), "manual", "sato");
        String token = runs.get(ids.get(0), start).shareToken();

        mvc.perform(get("/share/checklists/" + token).param("lang", "ja"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("小林歯科クリニック")))
                .andExpect(content().string(containsString("管理者アカウントを招待する")))
                .andExpect(content().string(containsString("お客様")))
                .andExpect(content().string(not(containsString("山田会計事務所"))))
                .andExpect(content().string(not(containsString("/playbooks/tasks/"))));
        mvc.perform(get("/share/checklists/" + token).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Invite the admins")))
                .andExpect(content().string(containsString("Customer")));
    }

    @Test
    void an_unknown_or_malformed_checklist_token_gives_404_and_nothing_else_is_opened() throws Exception {
        mvc.perform(get("/share/checklists/" + "0".repeat(64))).andExpect(status().isNotFound());
        mvc.perform(get("/share/checklists/1")).andExpect(status().isNotFound());
        mvc.perform(get("/share/checklists/' OR 1=1 --")).andExpect(status().isNotFound());
        // the permit is for the checklist only: the playbook pages still ask for sign-in
        mvc.perform(get("/playbooks")).andExpect(status().is3xxRedirection());
    }

    @Test
    void a_viewer_reads_playbooks_but_only_a_manager_writes_templates_and_a_csm_only_its_own_accounts()
            throws Exception {
        AppUser sato = world.csm("sato", "佐藤 翔");
        AppUser suzuki = world.csm("suzuki", "鈴木 花");
        AppUser viewer = world.user("kato", "加藤", Role.VIEWER);
        AppUser tanaka = world.user("tanaka", "田中 美咲", Role.MANAGER);
        long kobayashi = world.account("A-1001", "小林歯科クリニック", "sato", "low", "onboarding");
        PlaybookTemplate standard = world.standardOnboarding();
        String template = """
                {"code": "renewal-prep", "name": "更新準備", "stage": "renewal",
                 "tasks": [{"titleJa": "利用状況レビュー", "titleEn": "Usage review", "owner": "cs", "dueOffsetDays": 5}]}
                """;

        for (String page : List.of("/playbooks", "/playbooks/tasks", "/playbooks/analytics", "/playbooks/rules",
                "/playbooks/lifecycle", "/playbooks/templates/" + standard.id())) {
            mvc.perform(get(page).with(as(viewer))).andExpect(status().isOk());
        }
        mvc.perform(post("/api/v1/playbooks/templates").with(as(viewer)).contentType(MediaType.APPLICATION_JSON)
                .content(template)).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/playbooks/templates").with(as(sato)).contentType(MediaType.APPLICATION_JSON)
                .content(template)).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/playbooks/templates").with(as(tanaka)).contentType(MediaType.APPLICATION_JSON)
                .content(template)).andExpect(status().isCreated()).andExpect(jsonPath("$.version").value(1));

        String startRun = "{\"templateId\": " + standard.id() + ", \"accountId\": " + kobayashi
                + ", \"startedOn\": \"2026-11-02\"}";
        mvc.perform(post("/api/v1/playbooks/runs").with(as(suzuki)).contentType(MediaType.APPLICATION_JSON)
                .content(startRun)).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/playbooks/runs").with(as(sato)).contentType(MediaType.APPLICATION_JSON)
                .content(startRun))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.tasks[1].dueOn").value("2026-11-09"))
                .andExpect(jsonPath("$.checklistPath").value(containsString("/share/checklists/")));
        long taskId = runs.forAccount(kobayashi, start).get(0).id();
        long firstTask = runs.tasksOf(taskId).get(0).id();
        mvc.perform(post("/playbooks/tasks/" + firstTask + "/done").with(as(suzuki)).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/playbooks/tasks/" + firstTask + "/done").with(as(sato)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(runs.task(firstTask).doneBy()).isEqualTo("sato");
        mvc.perform(get("/playbooks/accounts/" + kobayashi).with(as(viewer)).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("標準オンボーディング v1")));
    }

    @Test
    void a_stale_template_edit_through_the_api_is_refused_with_409_and_names_no_silent_overwrite() throws Exception {
        AppUser tanaka = world.user("tanaka", "田中 美咲", Role.MANAGER);
        world.standardOnboarding();
        String edit = """
                {"name": "標準オンボーディング", "stage": "onboarding", "nextStage": "adoption", "version": 1,
                 "tasks": [{"titleJa": "キックオフ", "titleEn": "Kickoff", "owner": "cs", "dueOffsetDays": 5}]}
                """;

        mvc.perform(put("/api/v1/playbooks/templates/standard-onboarding").with(as(tanaka))
                .contentType(MediaType.APPLICATION_JSON).content(edit))
                .andExpect(status().isOk()).andExpect(jsonPath("$.version").value(2));
        mvc.perform(put("/api/v1/playbooks/templates/standard-onboarding").with(as(tanaka))
                .contentType(MediaType.APPLICATION_JSON).content(edit))
                .andExpect(status().isConflict());
        mvc.perform(put("/api/v1/playbooks/templates/standard-onboarding").with(as(tanaka))
                .contentType(MediaType.APPLICATION_JSON).content(edit.replace("\"owner\": \"cs\"", "\"owner\": \"us\"")
                        .replace("\"version\": 1", "\"version\": 2")))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("tasks[0].owner")));
    }

    @Test
    void a_rule_is_previewed_and_run_now_by_a_manager_and_not_by_a_csm() throws Exception {
        AppUser sato = world.csm("sato", "佐藤 翔");
        AppUser tanaka = world.user("tanaka", "田中 美咲", Role.MANAGER);
        world.account("A-1001", "小林歯科クリニック", "sato", "tech", "adoption");
        String rule = """
                {"name": "活用促進フォロー", "stage": "adoption", "signal": "none", "action": "task",
                 "taskTitle": "活用状況のフォロー"}
                """;

        mvc.perform(post("/api/v1/playbooks/rules").with(as(sato)).contentType(MediaType.APPLICATION_JSON)
                .content(rule)).andExpect(status().isForbidden());
        String created = mvc.perform(post("/api/v1/playbooks/rules").with(as(tanaka))
                        .contentType(MediaType.APPLICATION_JSON).content(rule))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = Long.parseLong(created.replaceAll("(?s).*\"id\":(\\d+).*", "$1"));
        mvc.perform(get("/api/v1/playbooks/rules/" + id + "/preview").with(as(sato)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.matching").value(1));
        mvc.perform(post("/api/v1/playbooks/rules/" + id + "/run").with(as(sato))).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/playbooks/rules/" + id + "/run").with(as(tanaka)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.fired.length()").value(1));
        mvc.perform(get("/playbooks/rules/" + id).with(as(sato)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("活用促進フォロー")));
        mvc.perform(post("/api/v1/playbooks/rules").with(as(tanaka)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"x\", \"signal\": \"inactive\", \"action\": \"email\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("signalDays")))
                .andExpect(content().string(containsString("mailSubject")));
    }
}
