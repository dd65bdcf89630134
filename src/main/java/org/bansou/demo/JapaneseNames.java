package org.bansou.demo;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Japanese company and person names for the demo, built from word lists the way such names are: a two-kanji
 * 屋号 (東栄, 新光), a place, a katakana brand or a family name, with the legal form and trade of the industry.
 */
final class JapaneseNames {

    record Person(String name, String romaji) {
    }

    private static final String[] HEADS = {"東", "西", "南", "北", "大", "新", "日", "丸", "山", "光", "栄", "富", "旭", "朝", "平",
            "三", "昭", "明", "正", "協", "共", "中", "千", "若", "緑", "白", "青", "金", "高", "松", "福", "吉", "瑞", "永", "恵", "桜",
            "菱", "泰", "幸", "安", "和", "清", "晴", "秀", "隆", "昇", "弘", "英", "豊", "宮", "竹", "梅", "鶴", "亀", "玉", "菊", "藤",
            "岩", "石", "星"};
    private static final String[] TAILS = {"川", "山", "田", "野", "和", "栄", "光", "星", "橋", "島", "原", "森", "陽", "進", "興",
            "豊", "誠", "信", "成", "精", "伸", "宝", "泉", "峰", "友", "洋", "邦", "昌", "盛", "功", "華", "徳", "隆", "海", "空", "雲",
            "央", "翔", "恒", "祥", "富", "幸", "林", "井", "沢", "谷", "村", "城", "章", "輝"};
    private static final String[] PLACES = {"横浜", "川崎", "大宮", "千葉", "船橋", "八王子", "名古屋", "岐阜", "静岡", "浜松", "京都", "神戸",
            "姫路", "岡山", "広島", "福山", "高松", "松山", "福岡", "北九州", "熊本", "鹿児島", "那覇", "札幌", "旭川", "仙台", "盛岡", "郡山", "宇都宮",
            "高崎", "水戸", "新潟", "金沢", "富山", "長野", "甲府", "津", "奈良", "和歌山", "湘南", "三鷹", "町田", "藤沢", "厚木", "川越", "所沢", "柏",
            "豊橋", "岡崎", "四日市", "大津", "堺", "東大阪", "尼崎", "西宮", "倉敷", "下関", "佐世保", "大分", "宮崎"};
    private static final String[] BRANDS = {"アーク", "ネクスト", "ブルー", "リンク", "クレスト", "ソラ", "ミライ", "ウェーブ", "フォレスト", "ライズ",
            "グロウ", "ルミナ", "アルファ", "ノヴァ", "シード", "ハーモニー", "エール", "コスモ", "プラス", "サンライズ", "トラスト", "ユニティ", "ブリッジ", "ステラ",
            "オリーブ", "ルート", "スマイル", "アクア", "テラ", "ソレイユ", "リーフ", "ヴィスタ", "フロンティア", "ビーコン", "オーシャン", "パール", "ミント",
            "レガシー", "クオーレ", "ジェム", "ポラリス", "ロータス", "ウィズ", "アンカー", "ピボット", "シエル", "エバー", "モア", "ゼスト", "ラピス"};
    private static final String[][] SURNAMES = {{"佐藤", "sato"}, {"鈴木", "suzuki"}, {"高橋", "takahashi"},
            {"田中", "tanaka"}, {"伊藤", "ito"}, {"渡辺", "watanabe"}, {"山本", "yamamoto"}, {"中村", "nakamura"},
            {"小林", "kobayashi"}, {"加藤", "kato"}, {"吉田", "yoshida"}, {"山田", "yamada"}, {"佐々木", "sasaki"},
            {"山口", "yamaguchi"}, {"松本", "matsumoto"}, {"井上", "inoue"}, {"木村", "kimura"}, {"林", "hayashi"},
            {"斎藤", "saito"}, {"清水", "shimizu"}, {"山崎", "yamazaki"}, {"森", "mori"}, {"池田", "ikeda"},
            {"橋本", "hashimoto"}, {"阿部", "abe"}, {"石川", "ishikawa"}, {"山下", "yamashita"}, {"中島", "nakajima"},
            {"石井", "ishii"}, {"小川", "ogawa"}, {"前田", "maeda"}, {"岡田", "okada"}, {"長谷川", "hasegawa"}, {"藤田", "fujita"},
            {"後藤", "goto"}, {"近藤", "kondo"}, {"村上", "murakami"}, {"遠藤", "endo"}, {"青木", "aoki"}, {"坂本", "sakamoto"},
            {"石田", "ishida"}, {"上田", "ueda"}, {"原田", "harada"}, {"中野", "nakano"}, {"小野", "ono"}, {"田村", "tamura"},
            {"竹内", "takeuchi"}, {"金子", "kaneko"}, {"和田", "wada"}, {"中山", "nakayama"}, {"藤井", "fujii"},
            {"西村", "nishimura"}, {"福田", "fukuda"}, {"太田", "ota"}, {"三浦", "miura"}, {"藤原", "fujiwara"},
            {"岡本", "okamoto"}, {"松田", "matsuda"}, {"中川", "nakagawa"}, {"野口", "noguchi"}};
    private static final String[][] GIVEN_NAMES = {{"美咲", "misaki"}, {"健太", "kenta"}, {"翔太", "shota"}, {"陽菜", "hina"},
            {"大輔", "daisuke"}, {"直樹", "naoki"}, {"由美", "yumi"}, {"恵子", "keiko"}, {"誠", "makoto"}, {"浩", "hiroshi"},
            {"拓也", "takuya"}, {"彩", "aya"}, {"優子", "yuko"}, {"和也", "kazuya"}, {"隆", "takashi"}, {"真由美", "mayumi"},
            {"智子", "tomoko"}, {"健一", "kenichi"}, {"亮", "ryo"}, {"舞", "mai"}, {"達也", "tatsuya"}, {"香織", "kaori"},
            {"修", "osamu"}, {"聡", "satoshi"}, {"美穂", "miho"}, {"剛", "tsuyoshi"}, {"沙織", "saori"}, {"悠斗", "yuto"},
            {"結衣", "yui"}, {"康介", "kosuke"}, {"翼", "tsubasa"}, {"葵", "aoi"}, {"蓮", "ren"}, {"七海", "nanami"},
            {"大翔", "hiroto"}, {"美紀", "miki"}, {"秀樹", "hideki"}, {"洋子", "yoko"}, {"正人", "masato"}, {"千尋", "chihiro"}};
    // {h} 屋号, {p} place, {b} brand, {s} family name, {n} a person's full name; per industry the names of small firms (up to 49
    // employees), then of larger ones: a 1-9 person hospital or a 1000-person 工務店 would read wrong
    private static final Map<String, List<List<String>>> PATTERNS = Map.of(
            "製造業", List.of(List.of("{h}工業株式会社", "株式会社{h}製作所", "有限会社{s}鉄工所"),
                    List.of("{h}工業株式会社", "{p}精機株式会社", "{h}化成株式会社", "株式会社{b}テック", "{h}電機株式会社")),
            "小売", List.of(List.of("株式会社{h}商店", "株式会社{h}堂", "有限会社{s}商店"),
                    List.of("{h}商事株式会社", "株式会社{b}ストア", "{p}{h}物産株式会社")),
            "医療", List.of(List.of("医療法人{s}クリニック", "{s}歯科医院", "{s}内科医院", "{p}{h}眼科", "{h}デンタルクリニック"),
                    List.of("医療法人社団{h}会", "医療法人{h}会 {p}病院", "社会医療法人{h}会")),
            "IT", List.of(List.of("株式会社{b}ラボ", "株式会社{b}ワークス", "合同会社{b}デザイン"),
                    List.of("株式会社{b}テクノロジーズ", "{b}システムズ株式会社", "{h}情報システム株式会社", "株式会社{p}ソフト")),
            "建設", List.of(List.of("株式会社{s}工務店", "株式会社{h}設備", "有限会社{s}塗装"),
                    List.of("{h}建設株式会社", "{p}土木株式会社", "{h}組株式会社")),
            "不動産", List.of(List.of("株式会社{h}エステート", "有限会社{s}不動産", "株式会社{p}住宅センター"),
                    List.of("{h}不動産株式会社", "株式会社{b}ホーム", "{p}地所株式会社")),
            "士業", List.of(List.of("{n}税理士事務所", "{s}法律事務所", "{s}会計事務所", "{n}司法書士事務所", "{n}社会保険労務士事務所"),
                    List.of("税理士法人{b}", "社会保険労務士法人{h}", "弁護士法人{h}総合法律事務所")),
            "飲食", List.of(List.of("有限会社{s}屋", "株式会社{h}屋", "株式会社{p}{h}亭"),
                    List.of("株式会社{b}フーズ", "{h}食品株式会社", "株式会社{b}ダイニング")),
            "物流", List.of(List.of("{h}急便株式会社", "有限会社{s}運送", "株式会社{p}配送"),
                    List.of("{h}運輸株式会社", "株式会社{b}ロジスティクス", "{p}倉庫株式会社", "{h}通運株式会社")),
            "教育", List.of(List.of("{h}ゼミナール", "株式会社{s}塾", "{p}{h}スクール"),
                    List.of("学校法人{h}学園", "株式会社{b}エデュケーション", "一般社団法人{p}教育振興会")));

    private final Set<String> taken = new HashSet<>();

    /**
     * A company name not used yet in this demo; once the lists run dry, a place in parentheses tells two
     * companies of one name apart, as CRMs do.
     */
    String company(SplittableRandom random, String industry, boolean small) {
        List<String> patterns = PATTERNS.get(industry).get(small ? 0 : 1);
        for (int attempt = 0; attempt < 4; attempt++) {
            String name = fill(random, Dice.one(random, patterns));
            if (taken.add(name)) {
                return name;
            }
        }
        String name = fill(random, Dice.one(random, patterns));
        for (int branch = 1; ; branch++) {
            String distinct = name + "（" + Dice.one(random, PLACES) + (branch > 8 ? " " + branch : "") + "）";
            if (taken.add(distinct)) {
                return distinct;
            }
        }
    }

    static Person person(SplittableRandom random) {
        String[] surname = SURNAMES[random.nextInt(SURNAMES.length)];
        String[] given = GIVEN_NAMES[random.nextInt(GIVEN_NAMES.length)];
        return new Person(surname[0] + " " + given[0], given[1] + "." + surname[1]);
    }

    static String place(SplittableRandom random) {
        return Dice.one(random, PLACES);
    }

    /** One katakana word, or two run together as brands often are (ブルーリンク). */
    private static String brand(SplittableRandom random) {
        String first = Dice.one(random, BRANDS);
        if (!Dice.chance(random, 0.4)) {
            return first;
        }
        String second = Dice.one(random, BRANDS);
        return first.equals(second) ? first : first + second;
    }

    private static String fill(SplittableRandom random, String pattern) {
        return pattern
                .replace("{h}", Dice.one(random, HEADS) + Dice.one(random, TAILS))
                .replace("{p}", Dice.one(random, PLACES))
                .replace("{b}", brand(random))
                .replace("{n}", SURNAMES[random.nextInt(SURNAMES.length)][0]
                        + GIVEN_NAMES[random.nextInt(GIVEN_NAMES.length)][0])
                .replace("{s}", SURNAMES[random.nextInt(SURNAMES.length)][0]);
    }
}
