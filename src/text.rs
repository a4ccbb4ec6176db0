//! Text helpers: whitespace, CJK-aware counting, matching normalisation, dates.

/// Collapses every run of whitespace (including U+3000 and NBSP) to one space and trims.
pub fn normalize_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if is_space(c) {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Whitespace for text purposes: Unicode whitespace plus zero-width characters.
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{2060}'
        )
}

/// Han ideographs (with extensions and compatibility), Kana and Hangul.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF   // Hiragana, Katakana
        | 0x31F0..=0x31FF // Katakana phonetic extensions
        | 0x3400..=0x4DBF // CJK Extension A
        | 0x4E00..=0x9FFF // CJK Unified
        | 0xAC00..=0xD7AF // Hangul syllables
        | 0x1100..=0x11FF // Hangul Jamo
        | 0x3130..=0x318F // Hangul compatibility Jamo
        | 0xF900..=0xFAFF // CJK compatibility ideographs
        | 0x20000..=0x3134F // Extensions B–H
    )
}

/// CJK punctuation and full-width forms, counted like commas by the page scorer.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '、' | '。' | '；' | '：' | '！' | '？' | '」' | '』' | '）'
    )
}

/// Counts of a text, CJK-aware.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct TextCounts {
    /// Non-whitespace characters.
    pub characters: usize,
    /// Han, Kana, Hangul.
    pub cjk: usize,
    /// Runs of letters/digits that are not CJK.
    pub latin_words: usize,
}

/// Counts characters, CJK characters and non-CJK words.
pub fn count(s: &str) -> TextCounts {
    let mut t = TextCounts::default();
    let mut in_word = false;
    for c in s.chars() {
        if is_space(c) {
            in_word = false;
            continue;
        }
        t.characters += 1;
        if is_cjk(c) {
            t.cjk += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            if !in_word {
                t.latin_words += 1;
                in_word = true;
            }
        } else if c != '\'' && c != '’' && c != '-' {
            in_word = false;
        }
    }
    t
}

/// Normalises text for rule matching: full-width ASCII to half-width, ideographic space to
/// space, Traditional characters common in boilerplate labels to Simplified, ASCII lowercased,
/// whitespace collapsed. Patterns go through the same function, so a rule written with
/// `延伸阅读` matches `延伸閱讀` and `ＲＳＳ` matches `rss`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        let c = fold_char(c);
        if is_space(c) {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// Folds a rule's text pattern: full-width → half-width, Traditional → Simplified and non-ASCII
/// lower case only, so
/// regex syntax (escapes such as `\\S`) is untouched; matching is case-insensitive instead.
pub fn fold_pattern(s: &str) -> String {
    s.chars()
        .map(|c| {
            let f = fold_char(c);
            if c.is_ascii() {
                c
            } else {
                f
            }
        })
        .collect()
}

fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let u = c as u32;
    let c = if (0xFF01..=0xFF5E).contains(&u) {
        char::from_u32(u - 0xFF01 + 0x21).unwrap_or(c)
    } else if u == 0x3000 {
        ' '
    } else {
        c
    };
    if c.is_ascii_uppercase() {
        return c.to_ascii_lowercase();
    }
    // Every Traditional character in the table is a CJK ideograph (checked by a test).
    if (c as u32) < 0x3400 {
        // Lower case in every script ("Все права защищены", "Ελλάδα"), one character for one
        // so that folded and original texts keep their character counts.
        if c.is_uppercase() {
            let mut lower = c.to_lowercase();
            if let (Some(l), None) = (lower.next(), lower.next()) {
                return l;
            }
        }
        return c;
    }
    match TRAD_SIMP.binary_search_by(|(t, _)| t.cmp(&c)) {
        Ok(i) => TRAD_SIMP.get(i).map(|(_, s)| *s).unwrap_or(c),
        Err(_) => c,
    }
}

/// Traditional → Simplified for the characters that occur in boilerplate labels (further
/// reading, copyright, attribution, advertising, sharing, subscription) and in common news
/// vocabulary around them. Sorted by the first column (checked by a test).
static TRAD_SIMP: &[(char, char)] = &[
    ('並', '并'),
    ('佈', '布'),
    ('來', '来'),
    ('們', '们'),
    ('倫', '伦'),
    ('側', '侧'),
    ('傳', '传'),
    ('傷', '伤'),
    ('僅', '仅'),
    ('價', '价'),
    ('億', '亿'),
    ('償', '偿'),
    ('優', '优'),
    ('兒', '儿'),
    ('內', '内'),
    ('兩', '两'),
    ('別', '别'),
    ('刪', '删'),
    ('則', '则'),
    ('創', '创'),
    ('劃', '划'),
    ('劇', '剧'),
    ('動', '动'),
    ('務', '务'),
    ('勞', '劳'),
    ('勢', '势'),
    ('勵', '励'),
    ('區', '区'),
    ('協', '协'),
    ('參', '参'),
    ('員', '员'),
    ('問', '问'),
    ('啟', '启'),
    ('單', '单'),
    ('嚴', '严'),
    ('國', '国'),
    ('圍', '围'),
    ('圓', '圆'),
    ('圖', '图'),
    ('團', '团'),
    ('報', '报'),
    ('場', '场'),
    ('塊', '块'),
    ('墊', '垫'),
    ('壓', '压'),
    ('壞', '坏'),
    ('夠', '够'),
    ('奪', '夺'),
    ('奮', '奋'),
    ('婦', '妇'),
    ('學', '学'),
    ('實', '实'),
    ('審', '审'),
    ('寫', '写'),
    ('寶', '宝'),
    ('將', '将'),
    ('專', '专'),
    ('尋', '寻'),
    ('對', '对'),
    ('導', '导'),
    ('層', '层'),
    ('屬', '属'),
    ('嶺', '岭'),
    ('師', '师'),
    ('帶', '带'),
    ('幫', '帮'),
    ('廣', '广'),
    ('廳', '厅'),
    ('張', '张'),
    ('強', '强'),
    ('彈', '弹'),
    ('後', '后'),
    ('從', '从'),
    ('復', '复'),
    ('徵', '征'),
    ('愛', '爱'),
    ('態', '态'),
    ('憶', '忆'),
    ('應', '应'),
    ('戀', '恋'),
    ('戰', '战'),
    ('戲', '戏'),
    ('戶', '户'),
    ('拋', '抛'),
    ('掃', '扫'),
    ('揮', '挥'),
    ('損', '损'),
    ('擁', '拥'),
    ('擊', '击'),
    ('擔', '担'),
    ('據', '据'),
    ('擬', '拟'),
    ('擴', '扩'),
    ('攜', '携'),
    ('攝', '摄'),
    ('敗', '败'),
    ('敵', '敌'),
    ('數', '数'),
    ('斷', '断'),
    ('於', '于'),
    ('昇', '升'),
    ('時', '时'),
    ('書', '书'),
    ('會', '会'),
    ('東', '东'),
    ('條', '条'),
    ('棄', '弃'),
    ('業', '业'),
    ('極', '极'),
    ('構', '构'),
    ('樂', '乐'),
    ('樓', '楼'),
    ('標', '标'),
    ('樣', '样'),
    ('橋', '桥'),
    ('機', '机'),
    ('檢', '检'),
    ('櫃', '柜'),
    ('權', '权'),
    ('歐', '欧'),
    ('歡', '欢'),
    ('歲', '岁'),
    ('歷', '历'),
    ('殺', '杀'),
    ('氣', '气'),
    ('淺', '浅'),
    ('漢', '汉'),
    ('潛', '潜'),
    ('濟', '济'),
    ('灣', '湾'),
    ('災', '灾'),
    ('為', '为'),
    ('無', '无'),
    ('煙', '烟'),
    ('熱', '热'),
    ('爭', '争'),
    ('牆', '墙'),
    ('獎', '奖'),
    ('獨', '独'),
    ('獲', '获'),
    ('獻', '献'),
    ('現', '现'),
    ('環', '环'),
    ('產', '产'),
    ('畫', '画'),
    ('當', '当'),
    ('療', '疗'),
    ('發', '发'),
    ('盜', '盗'),
    ('盡', '尽'),
    ('眾', '众'),
    ('碼', '码'),
    ('礎', '础'),
    ('禍', '祸'),
    ('禮', '礼'),
    ('稅', '税'),
    ('稱', '称'),
    ('穩', '稳'),
    ('競', '竞'),
    ('筆', '笔'),
    ('節', '节'),
    ('範', '范'),
    ('築', '筑'),
    ('簡', '简'),
    ('簽', '签'),
    ('糧', '粮'),
    ('紀', '纪'),
    ('約', '约'),
    ('級', '级'),
    ('細', '细'),
    ('紹', '绍'),
    ('組', '组'),
    ('結', '结'),
    ('統', '统'),
    ('經', '经'),
    ('綜', '综'),
    ('維', '维'),
    ('網', '网'),
    ('緊', '紧'),
    ('線', '线'),
    ('編', '编'),
    ('練', '练'),
    ('縣', '县'),
    ('總', '总'),
    ('繫', '系'),
    ('繼', '继'),
    ('續', '续'),
    ('罰', '罚'),
    ('義', '义'),
    ('習', '习'),
    ('聖', '圣'),
    ('聞', '闻'),
    ('聯', '联'),
    ('聲', '声'),
    ('職', '职'),
    ('聽', '听'),
    ('腦', '脑'),
    ('膠', '胶'),
    ('臉', '脸'),
    ('臺', '台'),
    ('與', '与'),
    ('興', '兴'),
    ('舉', '举'),
    ('舊', '旧'),
    ('艦', '舰'),
    ('華', '华'),
    ('萬', '万'),
    ('薦', '荐'),
    ('藝', '艺'),
    ('藥', '药'),
    ('蘇', '苏'),
    ('處', '处'),
    ('號', '号'),
    ('蟲', '虫'),
    ('術', '术'),
    ('衛', '卫'),
    ('衝', '冲'),
    ('補', '补'),
    ('製', '制'),
    ('複', '复'),
    ('規', '规'),
    ('視', '视'),
    ('親', '亲'),
    ('覽', '览'),
    ('觀', '观'),
    ('訂', '订'),
    ('計', '计'),
    ('訊', '讯'),
    ('記', '记'),
    ('訪', '访'),
    ('許', '许'),
    ('訴', '诉'),
    ('診', '诊'),
    ('註', '注'),
    ('評', '评'),
    ('詞', '词'),
    ('詢', '询'),
    ('試', '试'),
    ('詩', '诗'),
    ('話', '话'),
    ('該', '该'),
    ('詳', '详'),
    ('誌', '志'),
    ('認', '认'),
    ('語', '语'),
    ('誤', '误'),
    ('說', '说'),
    ('誰', '谁'),
    ('課', '课'),
    ('調', '调'),
    ('請', '请'),
    ('論', '论'),
    ('諾', '诺'),
    ('謝', '谢'),
    ('證', '证'),
    ('識', '识'),
    ('譯', '译'),
    ('議', '议'),
    ('護', '护'),
    ('讀', '读'),
    ('變', '变'),
    ('讓', '让'),
    ('讚', '赞'),
    ('豐', '丰'),
    ('貓', '猫'),
    ('負', '负'),
    ('財', '财'),
    ('貢', '贡'),
    ('貧', '贫'),
    ('貨', '货'),
    ('責', '责'),
    ('貴', '贵'),
    ('買', '买'),
    ('貸', '贷'),
    ('費', '费'),
    ('貼', '贴'),
    ('資', '资'),
    ('賓', '宾'),
    ('賣', '卖'),
    ('質', '质'),
    ('購', '购'),
    ('賽', '赛'),
    ('贊', '赞'),
    ('贏', '赢'),
    ('趕', '赶'),
    ('趨', '趋'),
    ('跡', '迹'),
    ('踐', '践'),
    ('車', '车'),
    ('軍', '军'),
    ('軟', '软'),
    ('載', '载'),
    ('輕', '轻'),
    ('輪', '轮'),
    ('輯', '辑'),
    ('輸', '输'),
    ('轉', '转'),
    ('辦', '办'),
    ('辭', '辞'),
    ('農', '农'),
    ('這', '这'),
    ('連', '连'),
    ('週', '周'),
    ('進', '进'),
    ('遊', '游'),
    ('運', '运'),
    ('過', '过'),
    ('達', '达'),
    ('違', '违'),
    ('遠', '远'),
    ('選', '选'),
    ('遺', '遗'),
    ('還', '还'),
    ('邊', '边'),
    ('郵', '邮'),
    ('鄉', '乡'),
    ('鄰', '邻'),
    ('醫', '医'),
    ('釋', '释'),
    ('針', '针'),
    ('鉅', '巨'),
    ('銀', '银'),
    ('銷', '销'),
    ('鋼', '钢'),
    ('錄', '录'),
    ('錢', '钱'),
    ('錦', '锦'),
    ('錯', '错'),
    ('鍵', '键'),
    ('鎮', '镇'),
    ('鏈', '链'),
    ('鐘', '钟'),
    ('鐵', '铁'),
    ('長', '长'),
    ('門', '门'),
    ('閉', '闭'),
    ('開', '开'),
    ('閒', '闲'),
    ('間', '间'),
    ('閱', '阅'),
    ('闆', '板'),
    ('關', '关'),
    ('陣', '阵'),
    ('陳', '陈'),
    ('陸', '陆'),
    ('陽', '阳'),
    ('隊', '队'),
    ('際', '际'),
    ('隨', '随'),
    ('險', '险'),
    ('隱', '隐'),
    ('雖', '虽'),
    ('雙', '双'),
    ('雜', '杂'),
    ('雞', '鸡'),
    ('離', '离'),
    ('難', '难'),
    ('電', '电'),
    ('靜', '静'),
    ('韓', '韩'),
    ('響', '响'),
    ('頁', '页'),
    ('頂', '顶'),
    ('項', '项'),
    ('順', '顺'),
    ('預', '预'),
    ('領', '领'),
    ('頭', '头'),
    ('頻', '频'),
    ('題', '题'),
    ('顏', '颜'),
    ('願', '愿'),
    ('類', '类'),
    ('顯', '显'),
    ('風', '风'),
    ('飛', '飞'),
    ('飯', '饭'),
    ('飲', '饮'),
    ('養', '养'),
    ('餘', '余'),
    ('館', '馆'),
    ('駐', '驻'),
    ('騎', '骑'),
    ('驗', '验'),
    ('驚', '惊'),
    ('髒', '脏'),
    ('體', '体'),
    ('髮', '发'),
    ('鬆', '松'),
    ('鬥', '斗'),
    ('魚', '鱼'),
    ('鳥', '鸟'),
    ('麗', '丽'),
    ('麼', '么'),
    ('黃', '黄'),
    ('點', '点'),
    ('黨', '党'),
    ('齊', '齐'),
    ('齒', '齿'),
    ('齡', '龄'),
    ('龍', '龙'),
];

/// Whether a Han character is specifically Traditional (true) or Simplified (false), by the
/// label table; None for characters shared by both or not in the table.
pub fn script_variant(c: char) -> Option<bool> {
    if TRAD_SIMP.binary_search_by(|(t, _)| t.cmp(&c)).is_ok() {
        return Some(true);
    }
    if TRAD_SIMP.iter().any(|(_, s)| *s == c) {
        return Some(false);
    }
    None
}

/// Further-reading labels stripped from the start of a related link's title.
const RELATED_LABELS: &[&str] = &[
    "延伸阅读",
    "相关阅读",
    "推荐阅读",
    "相关新闻",
    "相关报导",
    "相关报道",
    "相关文章",
    "相关推荐",
    "更多报导",
    "read more",
    "read also",
    "also read",
    "see also",
    "related",
    "further reading",
    "관련기사",
    "関連記事",
];

/// Strips a leading further-reading label and its separator (`延伸閱讀：`, `Related:`).
pub fn strip_label(title: &str) -> &str {
    let t = title.trim();
    for label in RELATED_LABELS {
        let n = label.chars().count();
        let head: String = t.chars().take(n).collect();
        if fold(&head) == *label {
            let rest = t.get(head.len()..).unwrap_or("");
            let trimmed = rest.trim_start_matches(|c: char| text_sep(c) || is_space(c));
            // A Latin label needs a separator ("Related: …", not "Related parties"); a CJK
            // label may be followed by a space alone.
            let separated = if label.is_ascii() {
                rest.get(..rest.len() - trimmed.len())
                    .map(|sep| sep.chars().any(text_sep))
                    .unwrap_or(false)
            } else {
                trimmed.len() < rest.len()
            };
            if separated && !trimmed.is_empty() {
                return trimmed;
            }
        }
    }
    t
}

fn text_sep(c: char) -> bool {
    matches!(c, ':' | '：' | '|' | '｜' | '-' | '–' | '—' | '»' | '>')
}

/// The enumeration marker a heading or list line starts with, if any: `一、`, `十二．`,
/// `（三）`, `第二章`, `1.`, `2)`, `(3)`, `IV.` — the marker text, without what follows.
pub fn enumeration_marker(s: &str) -> Option<&str> {
    let t = s.trim_start();
    let mut chars = t.char_indices().peekable();
    let open = match chars.peek().map(|(_, c)| *c) {
        Some(c @ ('(' | '（' | '[' | '【')) => {
            chars.next();
            Some(c)
        }
        _ => None,
    };
    let ordinal = chars.next_if(|(_, c)| *c == '第').is_some();
    let digit: fn(char) -> bool = match chars.peek().map(|(_, c)| *c) {
        Some(c) if is_numeral(c) => is_numeral,
        Some(c) if is_roman(c) && !ordinal => is_roman,
        _ => return None,
    };
    let mut len = 0usize;
    while len < 6 && chars.next_if(|(_, c)| digit(*c)).is_some() {
        len += 1;
    }
    let (end, close) = chars.next()?;
    let closes = match open {
        Some('(' | '（') => matches!(close, ')' | '）'),
        Some('[') => close == ']',
        Some(_) => close == '】',
        None if ordinal => "章节節部篇条條回讲講课課".contains(close),
        None => matches!(close, '、' | '.' | '．' | ')' | '）' | ':' | '：'),
    };
    if closes {
        t.get(..end + close.len_utf8())
    } else {
        None
    }
}

/// An ASCII digit or a CJK numeral.
fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "〇零一二三四五六七八九十百两".contains(c)
}

/// An upper-case Roman numeral letter.
fn is_roman(c: char) -> bool {
    matches!(c, 'I' | 'V' | 'X' | 'L' | 'C')
}

/// Cuts `s` to at most `max` characters, ending in `…` when cut.
pub fn truncate_chars(s: &str, max: usize) -> String {
    let mut it = s.char_indices();
    match it.nth(max) {
        None => s.to_string(),
        Some(_) => {
            let end = s
                .char_indices()
                .nth(max.saturating_sub(1))
                .map(|(i, _)| i)
                .unwrap_or(s.len());
            let mut out = s.get(..end).unwrap_or(s).to_string();
            out.push('…');
            out
        }
    }
}

/// Days since 1970-01-01 to a civil date (proleptic Gregorian).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Formats epoch milliseconds as ISO 8601 UTC with milliseconds.
pub fn iso_from_epoch_ms(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let milli = ms.rem_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{milli:03}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Reads a date or date-time in the forms seen in feeds and pages and returns it as ISO 8601:
/// ISO 8601 / RFC 3339 (kept as written, `T` separator), `YYYY-MM-DD`, `YYYY/MM/DD`,
/// `YYYY.MM.DD` (with optional `HH:MM[:SS]`), and CJK `YYYY年M月D日`. Returns None for anything
/// else.
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) && !part.is_empty() {
            part.parse().ok()
        } else {
            None
        }
    };
    // CJK form.
    if let Some(yi) = s.find('年') {
        let y = digits(0..yi)?;
        let rest = s.get(yi + '年'.len_utf8()..)?;
        let mi = rest.find('月')?;
        let m: u32 = rest.get(..mi)?.trim().parse().ok()?;
        let rest2 = rest.get(mi + '月'.len_utf8()..)?;
        let di = rest2.find('日')?;
        let d: u32 = rest2.get(..di)?.trim().parse().ok()?;
        return valid_ymd(y, m, d).then(|| format!("{y:04}-{m:02}-{d:02}"));
    }
    if b.len() < 8 {
        return None;
    }
    let y = digits(0..4)?;
    let sep = *b.get(4)?;
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    let rest = s.get(5..)?;
    let mut parts = rest.splitn(2, sep as char);
    let m: u32 = parts.next()?.parse().ok()?;
    let tail = parts.next()?;
    let dlen = tail.bytes().take_while(u8::is_ascii_digit).count();
    let d: u32 = tail.get(..dlen)?.parse().ok()?;
    if !valid_ymd(y, m, d) {
        return None;
    }
    let time = tail.get(dlen..).unwrap_or("");
    let date = format!("{y:04}-{m:02}-{d:02}");
    if time.is_empty() {
        return Some(date);
    }
    let t = time.strip_prefix(['T', ' ']).unwrap_or("");
    let tb = t.as_bytes();
    let two = |i: usize| -> Option<u32> {
        let p = t.get(i..i + 2)?;
        p.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| p.parse().ok())?
    };
    let hh = two(0)?;
    if tb.get(2) != Some(&b':') {
        return None;
    }
    let mm = two(3)?;
    if hh > 23 || mm > 59 {
        return None;
    }
    // Keep seconds, fraction and zone exactly as written when they are well formed.
    let after = t.get(5..).unwrap_or("");
    let ok_tail = after
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | 'Z' | '+' | '-'));
    if !ok_tail {
        return Some(format!("{date}T{hh:02}:{mm:02}"));
    }
    Some(format!("{date}T{hh:02}:{mm:02}{after}"))
}

/// Month names (and their usual abbreviations) of the languages of Europe, lower case, with
/// the month number.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("janvier", 1),
    ("enero", 1),
    ("janeiro", 1),
    ("gennaio", 1),
    ("januari", 1),
    ("jänner", 1),
    ("february", 2),
    ("feb", 2),
    ("februar", 2),
    ("février", 2),
    ("fevrier", 2),
    ("febrero", 2),
    ("fevereiro", 2),
    ("febbraio", 2),
    ("februari", 2),
    ("march", 3),
    ("mar", 3),
    ("märz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("março", 3),
    ("maart", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("abril", 4),
    ("aprile", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("maio", 5),
    ("maggio", 5),
    ("mei", 5),
    ("maj", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("junho", 6),
    ("giugno", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("juillet", 7),
    ("julio", 7),
    ("julho", 7),
    ("luglio", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("augustus", 8),
    ("augusti", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("setembro", 9),
    ("settembre", 9),
    ("october", 10),
    ("oct", 10),
    ("oktober", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("outubro", 10),
    ("ottobre", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("december", 12),
    ("dec", 12),
    ("dezember", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("diciembre", 12),
    ("dezembro", 12),
    ("dicembre", 12),
    ("января", 1),
    ("январь", 1),
    ("stycznia", 1),
    ("styczeń", 1),
    ("januára", 1),
    ("ledna", 1),
    ("ιανουαρίου", 1),
    ("февраля", 2),
    ("февраль", 2),
    ("lutego", 2),
    ("luty", 2),
    ("února", 2),
    ("φεβρουαρίου", 2),
    ("марта", 3),
    ("март", 3),
    ("marca", 3),
    ("marzec", 3),
    ("března", 3),
    ("μαρτίου", 3),
    ("апреля", 4),
    ("апрель", 4),
    ("kwietnia", 4),
    ("kwiecień", 4),
    ("dubna", 4),
    ("απριλίου", 4),
    ("мая", 5),
    ("май", 5),
    ("maja", 5),
    ("května", 5),
    ("μαΐου", 5),
    ("июня", 6),
    ("июнь", 6),
    ("czerwca", 6),
    ("czerwiec", 6),
    ("června", 6),
    ("ιουνίου", 6),
    ("июля", 7),
    ("июль", 7),
    ("lipca", 7),
    ("lipiec", 7),
    ("července", 7),
    ("ιουλίου", 7),
    ("августа", 8),
    ("август", 8),
    ("sierpnia", 8),
    ("sierpień", 8),
    ("srpna", 8),
    ("αυγούστου", 8),
    ("сентября", 9),
    ("сентябрь", 9),
    ("września", 9),
    ("wrzesień", 9),
    ("září", 9),
    ("σεπτεμβρίου", 9),
    ("октября", 10),
    ("октябрь", 10),
    ("października", 10),
    ("październik", 10),
    ("října", 10),
    ("οκτωβρίου", 10),
    ("ноября", 11),
    ("ноябрь", 11),
    ("listopada", 11),
    ("listopad", 11),
    ("listopadu", 11),
    ("νοεμβρίου", 11),
    ("декабря", 12),
    ("декабрь", 12),
    ("grudnia", 12),
    ("grudzień", 12),
    ("prosince", 12),
    ("δεκεμβρίου", 12),
];

/// Reads a date written with a month name — `March 3, 2024`, `Mon, 3 Mar 2024`, `3. März
/// 2024`, `3 de marzo de 2024` — and returns `YYYY-MM-DD`; otherwise [`parse_date`]'s forms.
pub fn parse_written_date(s: &str) -> Option<String> {
    if let Some(d) = parse_date(s) {
        return Some(d);
    }
    if let Some(d) = parse_day_month_year(s) {
        return Some(d);
    }
    let (mut month, mut day, mut year) = (None, None, None);
    let lower = s.to_lowercase();
    for token in lower
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '/' | '-'))
        .filter(|t| !t.is_empty())
        .take(8)
    {
        if let Ok(n) = token.parse::<u32>() {
            if (1000..=9999).contains(&n) && year.is_none() {
                year = Some(n);
            } else if (1..=31).contains(&n) && day.is_none() {
                day = Some(n);
            } else {
                return None;
            }
        } else if let Some((_, m)) = MONTHS.iter().find(|(name, _)| *name == token) {
            month = month.or(Some(*m));
        }
    }
    let (y, m, d) = (year?, month?, day?);
    valid_ymd(y, m, d).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// `04.12.2024` (day, month, year with dots: German, Russian, Polish, Czech… numeric dates),
/// as a word of its own somewhere in `s`. Slashes are left alone (`12/04/2024` is read both
/// ways in the world).
fn parse_day_month_year(s: &str) -> Option<String> {
    s.split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '(' | ')'))
        .find_map(|w| {
            let w = w.trim_end_matches('.');
            let mut parts = w.split('.');
            let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
            if parts.next().is_some()
                || !(1..=2).contains(&d.len())
                || !(1..=2).contains(&m.len())
                || y.len() != 4
            {
                return None;
            }
            let (d, m, y): (u32, u32, u32) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
            valid_ymd(y, m, d).then(|| format!("{y:04}-{m:02}-{d:02}"))
        })
}

fn valid_ymd(y: u32, m: u32, d: u32) -> bool {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (1000..=9999).contains(&y) && (1..=12).contains(&m) && (1..=days).contains(&d)
}

#[cfg(test)]
mod enumeration_tests {
    use super::enumeration_marker as m;

    #[test]
    fn markers() {
        assert_eq!(m("一、稳定经济增长"), Some("一、"));
        assert_eq!(m("十二．结语"), Some("十二．"));
        assert_eq!(m("（三）推进科技创新"), Some("（三）"));
        assert_eq!(m("第二章 总则"), Some("第二章"));
        assert_eq!(m("1. Getting started"), Some("1."));
        assert_eq!(m("(2) Results"), Some("(2)"));
        assert_eq!(m("IV. Discussion"), Some("IV."));
        assert_eq!(m("2024 was a good year"), None);
        assert_eq!(m("Notes on slow software"), None);
        assert_eq!(m("一个人的旅行"), None);
        assert_eq!(m("In 2010, a user"), None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_dates_in_more_forms() {
        assert_eq!(
            parse_written_date("04.12.2024").as_deref(),
            Some("2024-12-04")
        );
        assert_eq!(
            parse_written_date("Stand: 4.12.2024, 10:15 Uhr").as_deref(),
            Some("2024-12-04")
        );
        assert_eq!(
            parse_written_date("4 декабря 2024").as_deref(),
            Some("2024-12-04")
        );
        assert_eq!(
            parse_written_date("3 maja 2024").as_deref(),
            Some("2024-05-03")
        );
        assert_eq!(parse_written_date("31.02.2024"), None);
        assert_eq!(parse_written_date("12/04/2024"), None);
    }

    #[test]
    fn trad_simp_table_is_sorted_and_unique() {
        for w in TRAD_SIMP.windows(2) {
            assert!(w[0].0 < w[1].0, "{:?} !< {:?}", w[0], w[1]);
        }
    }

    #[test]
    fn fold_unifies_width_case_and_script() {
        assert_eq!(fold("延伸閱讀："), fold("延伸阅读:"));
        assert_eq!(fold("获取更多ＲＳＳ"), "获取更多rss");
        assert_eq!(fold("  A\u{3000}b  "), "a b");
    }

    #[test]
    fn fold_traditional_to_simplified_in_labels() {
        for (t, s) in [
            ("延伸閱讀", "延伸阅读"),
            ("相關新聞", "相关新闻"),
            ("版權聲明", "版权声明"),
            ("綜合報導", "综合报导"),
            ("獲取更多RSS", "获取更多rss"),
            ("廣告", "广告"),
            ("責任編輯", "责任编辑"),
        ] {
            assert_eq!(fold(t), fold(s), "{t} vs {s}");
        }
        // Simplified text is unchanged apart from ASCII case.
        assert_eq!(fold("延伸阅读"), "延伸阅读");
        // Characters outside the label table are kept as they are.
        assert_eq!(fold("美中"), "美中");
    }

    #[test]
    fn trad_simp_table_holds_only_ideographs() {
        assert!(TRAD_SIMP.iter().all(|(t, _)| (*t as u32) >= 0x3400));
    }

    #[test]
    fn fold_width_space_and_case() {
        assert_eq!(fold("ＡＢＣ１２３"), "abc123");
        assert_eq!(fold("（綜合報導）"), "(综合报导)");
        assert_eq!(fold("延伸閱讀："), "延伸阅读:");
        assert_eq!(fold("a\u{3000}\u{3000}b\n\tc"), "a b c");
        assert_eq!(fold("\u{200b}x\u{feff}"), "x");
        assert_eq!(fold("Ｒelated：Ｘ"), "related:x");
    }

    #[test]
    fn fold_pattern_keeps_regex_syntax() {
        // Escapes and classes stay; only non-ASCII characters fold.
        assert_eq!(fold_pattern("\\S+延伸閱讀[：:]"), "\\S+延伸阅读[::]");
        assert_eq!(fold_pattern("\\d{4}年"), "\\d{4}年");
        assert_eq!(fold_pattern("ABC"), "ABC");
    }

    #[test]
    fn script_variant_guesses() {
        assert_eq!(script_variant('讀'), Some(true));
        assert_eq!(script_variant('读'), Some(false));
        assert_eq!(script_variant('中'), None);
    }

    #[test]
    fn strip_related_labels() {
        assert_eq!(strip_label("延伸閱讀：耶倫擬再訪中"), "耶倫擬再訪中");
        assert_eq!(strip_label("Related: Fed minutes"), "Fed minutes");
        assert_eq!(strip_label("READ MORE | Story"), "Story");
        // A title that merely starts with the word keeps it.
        assert_eq!(strip_label("Related parties"), "Related parties");
        assert_eq!(strip_label("延伸閱讀"), "延伸閱讀");
    }

    #[test]
    fn counts_cjk_and_words() {
        let c = count("Hello world, 你好世界 don't");
        assert_eq!(c.cjk, 4);
        assert_eq!(c.latin_words, 3);
    }

    #[test]
    fn epoch_ms_to_iso() {
        assert_eq!(
            iso_from_epoch_ms(1_707_194_823_000),
            "2024-02-06T04:47:03.000Z"
        );
        assert_eq!(iso_from_epoch_ms(0), "1970-01-01T00:00:00.000Z");
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("2024-02-06T04:44:52.609Z").as_deref(),
            Some("2024-02-06T04:44:52.609Z")
        );
        assert_eq!(parse_date("2024/2/6").as_deref(), Some("2024-02-06"));
        assert_eq!(parse_date("2024年2月6日").as_deref(), Some("2024-02-06"));
        assert_eq!(
            parse_date("2024-02-06 08:15").as_deref(),
            Some("2024-02-06T08:15")
        );
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("2024-13-01"), None);
    }

    #[test]
    fn truncation_counts_chars() {
        assert_eq!(truncate_chars("美中官員", 3), "美中…");
        assert_eq!(truncate_chars("abc", 3), "abc");
    }
}
