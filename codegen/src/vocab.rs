//! The words documentation pages are written in: one table per content language (English,
//! Chinese, Japanese, Korean), shared by every front-end and by the extractor.
//!
//! Nothing else in the compiler knows a section name, a column header, a Yes/No word or a
//! "may return null" note: front-ends and `extract` ask this module. Lookups accept the
//! words of every language, because real pages mix them (a Chinese `是` on a Japanese page,
//! an English `Yes` on a Korean one); [`required_word`] also reads a misspelt Required cell
//! as the word it is one letter away from, and says so.

use crate::page::Column;

/// A numbered section of an action page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// `1. API Description`.
    Description,
    /// `2. Input Parameters`.
    Input,
    /// `3. Output Parameters`.
    Output,
    /// `4. Example`.
    Examples,
    /// `5. Developer Resources`, `6. Other Resources`.
    Resources,
    /// `6. Error Code`.
    Errors,
}

impl Section {
    /// The English name, for messages.
    pub fn title(self) -> &'static str {
        match self {
            Section::Description => "1. API Description",
            Section::Input => "2. Input Parameters",
            Section::Output => "3. Output Parameters",
            Section::Examples => "4. Example",
            Section::Resources => "5. Developer Resources",
            Section::Errors => "6. Error Code",
        }
    }
}

/// The words of one content language.
#[derive(Debug)]
pub struct Vocabulary {
    pub language: &'static str,
    /// Names of the numbered sections of an action page (after `N. `).
    pub sections: &'static [(&'static str, Section)],
    /// Table header cells.
    pub columns: &'static [(&'static str, Column)],
    /// Words of the Required column.
    pub yes: &'static [&'static str],
    pub no: &'static [&'static str],
    /// A description containing one of these says the value may be `null` (compared
    /// case-insensitively, white space folded).
    pub nullable: &'static [&'static str],
    /// Prefixes of an example's title heading (`Example 1 …`, `示例1 …`).
    pub example_title: &'static [&'static str],
    /// An example's input and output headings.
    pub example_input: &'static [&'static str],
    pub example_output: &'static [&'static str],
    /// Titles of the Data Types and Error Codes pages.
    pub data_types_title: &'static [&'static str],
    pub error_codes_title: &'static [&'static str],
    /// Headings of the Error Codes page: its groups of codes and its other sections.
    pub common_codes: &'static [&'static str],
    pub service_codes: &'static [&'static str],
    pub error_page_sections: &'static [&'static str],
    /// Prefixes of the line listing the actions that use a structure.
    pub used_by: &'static [&'static str],
    /// Prefixes of the "Last updated" line.
    pub last_updated: &'static [&'static str],
    /// Prefixes of the line that starts a page's table of contents.
    pub contents: &'static [&'static str],
    /// Units of the rate limit line (`20次/秒`, `20 requests/sec`).
    pub per_second: &'static [&'static str],
    /// Markers of the example value appended to a description (`示例值:`).
    pub example_value: &'static [&'static str],
    /// Site chrome: the toolbar lines between a page's title and its "Last updated" line.
    pub toolbar: &'static [&'static str],
    /// Site chrome: prefixes of the first line of the footer below the article.
    pub footer: &'static [&'static str],
    /// Paragraphs of section 1 that belong to the API Explorer box, not the description.
    pub explorer: &'static [&'static str],
    /// Words before (or just after) a documented maximum: `Maximum value: 100`, `最大值为100`
    /// (lower case).
    pub maximum: &'static [&'static str],
    /// Words before a range of values: `Value range: 1-100`, `取值范围：1~100` (lower case).
    pub value_range: &'static [&'static str],
    /// Phrases saying numbering starts at 0 (a page number's description).
    pub from_zero: &'static [&'static str],
    /// Words before a list of documented values: `Valid values:`, `取值：` (lower case).
    pub valid_values: &'static [&'static str],
    /// Words of a state value (or its explanation) meaning the work is done, failed, or
    /// under way (lower case; a value contains one).
    pub state_done: &'static [&'static str],
    pub state_failed: &'static [&'static str],
    pub state_pending: &'static [&'static str],
}

const EN: Vocabulary = Vocabulary {
    language: "en",
    sections: &[
        ("API Description", Section::Description),
        ("Input Parameters", Section::Input),
        ("Request Parameters", Section::Input),
        ("Output Parameters", Section::Output),
        ("Response Parameters", Section::Output),
        ("Example", Section::Examples),
        ("Examples", Section::Examples),
        ("Sample", Section::Examples),
        ("Samples", Section::Examples),
        ("Developer Resources", Section::Resources),
        ("Resources for Developers", Section::Resources),
        ("Other Resources", Section::Resources),
        ("Error Code", Section::Errors),
        ("Error Codes", Section::Errors),
    ],
    columns: &[
        ("Parameter Name", Column::Name),
        ("Parameter", Column::Name),
        ("Name", Column::Name),
        ("Error Code", Column::Name),
        ("Required", Column::Required),
        ("Type", Column::Type),
        ("Description", Column::Description),
    ],
    yes: &["Yes"],
    no: &["No"],
    nullable: &["may return null", "may return a null value", "may be null"],
    example_title: &["Example", "Sample"],
    example_input: &["Input Example", "Input Sample Code", "Input Sample", "Request Example", "Sample Request"],
    example_output: &["Output Example", "Output Sample Code", "Output Sample", "Response Example", "Sample Response"],
    data_types_title: &["Data Types", "Data Structure", "Data Structures"],
    error_codes_title: &["Error Codes"],
    common_codes: &["Common Error Codes", "Common Error Code"],
    service_codes: &["Service Error Codes", "Business Error Codes", "Service Error Code", "Business Error Code"],
    error_page_sections: &["Feature Description", "Error Code List"],
    used_by: &[
        "Used by actions:",
        "Referenced by the following API(s):",
        "Referenced by the following APIs:",
        "Referenced by the following API:",
        "Referenced by the API",
        "Referenced by:",
    ],
    last_updated: &["Last updated", "Last Updated"],
    contents: &["On this page", "Contents"],
    per_second: &["requests/sec", "requests per second", "per second"],
    example_value: &["Example value:"],
    toolbar: &["PDF", "Focus Mode", "Font Size", "Feedback"],
    footer: &["Help and Support", "Was this page helpful?", "Previous:", "Previous topic:"],
    explorer: &["We recommend you to use API Explorer", "Try it", "API Explorer provides"],
    maximum: &[
        "maximum value",
        "maximum",
        "max value",
        "max",
        "upper limit",
        "up to",
        "at most",
        "no more than",
        "not exceed",
    ],
    value_range: &["value range", "valid value range", "value ranges", "range"],
    from_zero: &[
        "starting from 0",
        "starts from 0",
        "start from 0",
        "starts at 0",
        "starting at 0",
        "0-based",
        "0 indicates the first page",
    ],
    valid_values: &[
        "valid values",
        "possible values",
        "enumeration values",
        "enumerated values",
        "values",
        "value range",
    ],
    state_done: &["success", "succeed", "complete", "finish", "done"],
    state_failed: &["fail", "error", "abort", "unsuccess"],
    state_pending: &[
        "running",
        "processing",
        "pending",
        "initial",
        "prepar",
        "waiting",
        "in progress",
        "executing",
        "queue",
        "creating",
        "ready",
    ],
};

const ZH: Vocabulary = Vocabulary {
    language: "zh",
    sections: &[
        ("接口描述", Section::Description),
        ("输入参数", Section::Input),
        ("输出参数", Section::Output),
        ("示例", Section::Examples),
        ("开发者资源", Section::Resources),
        ("其他资源", Section::Resources),
        ("错误码", Section::Errors),
    ],
    columns: &[
        ("参数名称", Column::Name),
        ("名称", Column::Name),
        ("错误码", Column::Name),
        ("必选", Column::Required),
        ("类型", Column::Type),
        ("描述", Column::Description),
        ("说明", Column::Description),
    ],
    yes: &["是"],
    no: &["否"],
    nullable: &["可能返回 null", "可能返回null"],
    example_title: &["示例"],
    example_input: &["输入示例"],
    example_output: &["输出示例"],
    data_types_title: &["数据结构"],
    error_codes_title: &["错误码"],
    common_codes: &["公共错误码"],
    service_codes: &["业务错误码"],
    error_page_sections: &["功能说明", "错误码列表"],
    used_by: &["被如下接口引用："],
    last_updated: &["最后更新时间", "最近更新时间"],
    contents: &["本页目录"],
    per_second: &["次/秒"],
    example_value: &["示例值:", "示例值："],
    toolbar: &["聚焦模式", "字号", "文档反馈", "PDF"],
    footer: &["帮助和支持", "本页内容是否解决了您的问题?", "上一篇:", "上一篇："],
    explorer: &["推荐使用 API Explorer", "点击调试", "API Explorer 提供了"],
    maximum: &["最大值为", "最大值", "最大为", "最大", "上限为", "上限", "不超过", "最多"],
    value_range: &["取值范围", "范围"],
    from_zero: &["从0开始", "从 0 开始"],
    valid_values: &["取值范围", "可选值", "枚举值", "取值"],
    state_done: &["成功", "完成"],
    state_failed: &["失败", "错误"],
    state_pending: &["运行中", "执行中", "处理中", "进行中", "等待", "创建中"],
};

const JA: Vocabulary = Vocabulary {
    language: "ja",
    sections: &[
        ("API説明", Section::Description),
        ("API 説明", Section::Description),
        ("インターフェースについて", Section::Description),
        ("入力パラメータ", Section::Input),
        ("パラメータ入力", Section::Input),
        ("出力パラメータ", Section::Output),
        ("パラメータ出力", Section::Output),
        ("例", Section::Examples),
        ("サンプル", Section::Examples),
        ("開発者リソース", Section::Resources),
        ("エラーコード", Section::Errors),
    ],
    columns: &[
        ("パラメータ名", Column::Name),
        ("名称", Column::Name),
        ("エラーコード", Column::Name),
        ("必須", Column::Required),
        ("必須項目", Column::Required),
        ("選択必須", Column::Required),
        ("タイプ", Column::Type),
        ("説明", Column::Description),
    ],
    yes: &["はい", "要"],
    no: &["いいえ", "不要"],
    nullable: &["nullを返す可能性があります", "null を返す可能性があります", "nullが返される"],
    example_title: &["例", "サンプル"],
    example_input: &["入力例", "入力サンプル", "リクエスト例"],
    example_output: &["出力例", "出力サンプル", "レスポンス例"],
    data_types_title: &["データ構造"],
    error_codes_title: &["エラーコード"],
    common_codes: &["共通エラーコード"],
    service_codes: &["サービスエラーコード", "業務エラーコード"],
    error_page_sections: &["機能説明", "エラーコードリスト"],
    used_by: &["以下のAPIによって参照されます：", "次のインターフェースに引用されます："],
    last_updated: &["最終更新日"],
    contents: &["目次"],
    per_second: &["回/秒"],
    example_value: &["例:", "例："],
    toolbar: &["フォーカスモード", "フォントサイズ", "フィードバック"],
    footer: &["ヘルプとサポート", "この記事はお役に立ちましたか?", "前へ:"],
    explorer: &["API Explorerの使用をお勧めします", "API Explorer は"],
    maximum: &["最大値", "最大", "上限"],
    value_range: &["値の範囲", "範囲"],
    from_zero: &["0から開始", "0から始まる"],
    valid_values: &["有効な値", "指定可能な値", "取りうる値"],
    state_done: &["成功", "完了"],
    state_failed: &["失敗", "エラー"],
    state_pending: &["実行中", "処理中", "待機中"],
};

const KO: Vocabulary = Vocabulary {
    language: "ko",
    sections: &[
        ("API 설명", Section::Description),
        ("입력 매개변수", Section::Input),
        ("출력 매개변수", Section::Output),
        ("예시", Section::Examples),
        ("예제", Section::Examples),
        ("개발자 리소스", Section::Resources),
        ("오류 코드", Section::Errors),
    ],
    columns: &[
        ("매개변수 이름", Column::Name),
        ("이름", Column::Name),
        ("오류 코드", Column::Name),
        ("필수 여부", Column::Required),
        ("필수 선택 항목", Column::Required),
        ("유형", Column::Type),
        ("설명", Column::Description),
    ],
    yes: &["예"],
    no: &["아니요", "아니오"],
    nullable: &["null을 반환할 수 있", "null 을 반환할 수 있", "null이 반환될 수 있"],
    example_title: &["예시", "예제"],
    example_input: &["입력 예시", "요청 예시"],
    example_output: &["출력 예시", "응답 예시"],
    data_types_title: &["데이터 구조"],
    error_codes_title: &["오류 코드"],
    common_codes: &["공통 오류 코드"],
    service_codes: &["비즈니스 오류 코드", "서비스 오류 코드"],
    error_page_sections: &["기능 설명", "오류 코드 리스트"],
    used_by: &["다음 API에 참조됨:"],
    last_updated: &["마지막 업데이트 시간", "최종 업데이트"],
    contents: &["목차"],
    per_second: &["회/초"],
    example_value: &["예시 값:"],
    toolbar: &["포커스 모드", "글꼴 크기", "피드백"],
    footer: &["도움말 및 지원", "이 페이지가 도움이 되었나요?", "이전:"],
    explorer: &["API Explorer 사용을 권장합니다", "API Explorer는"],
    maximum: &["최댓값", "최대값", "최대"],
    value_range: &["값 범위", "범위"],
    from_zero: &["0부터 시작"],
    valid_values: &["유효한 값", "가능한 값", "값 범위"],
    state_done: &["성공", "완료"],
    state_failed: &["실패", "오류"],
    state_pending: &["실행 중", "처리 중", "대기"],
};

/// Every language's words.
pub const LANGUAGES: &[Vocabulary] = &[EN, ZH, JA, KO];

/// Folds white space and ASCII case, for comparing a page's words with the tables.
fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

type Pick = fn(&'static Vocabulary) -> &'static [&'static str];

fn words(pick: Pick) -> impl Iterator<Item = &'static str> {
    LANGUAGES.iter().flat_map(move |v| pick(v).iter().copied())
}

/// Whether `text` is one of the words (white space and ASCII case folded).
fn is_one_of(text: &str, pick: Pick) -> bool {
    let text = fold(text);
    words(pick).any(|w| fold(w) == text)
}

/// The section a heading names: `2. Input Parameters`, `2. 入力パラメータ`, `Input Parameters`.
pub fn section(heading: &str) -> Option<Section> {
    let name = strip_number(heading).unwrap_or(heading);
    let name = fold(name.trim_end_matches([':', '：']));
    LANGUAGES.iter().flat_map(|v| v.sections).find(|(w, _)| fold(w) == name).map(|(_, s)| *s)
}

/// `2. Input Parameters` → `Input Parameters`; None without a leading number.
pub fn strip_number(heading: &str) -> Option<&str> {
    let heading = heading.trim();
    let digits = heading.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let rest = heading[digits..].strip_prefix(['.', '、', '．'])?;
    Some(rest.trim_start())
}

/// A numbered section heading (`1. API Description`): its number and section.
pub fn numbered_section(line: &str) -> Option<(u32, Section)> {
    let line = line.trim();
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let number = line[..digits].parse().ok()?;
    strip_number(line)?;
    Some((number, section(line)?))
}

/// The column a header cell names.
pub fn column(header: &str) -> Option<Column> {
    let cell = fold(header);
    LANGUAGES.iter().flat_map(|v| v.columns).find(|(w, _)| fold(w) == cell).map(|(_, c)| *c)
}

/// Header cell texts, longest first (for splitting a header line written with spaces).
pub fn column_words() -> Vec<&'static str> {
    let mut all: Vec<&str> = LANGUAGES.iter().flat_map(|v| v.columns.iter().map(|(w, _)| *w)).collect();
    all.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    all.dedup();
    all
}

/// How a Required cell was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Required {
    /// A Yes/No word of some language.
    Word(bool),
    /// Not a Yes/No word, but one edit away from exactly one: a misspelling.
    Misspelt { required: bool, meant: &'static str },
}

impl Required {
    pub fn value(self) -> bool {
        match self {
            Required::Word(b) | Required::Misspelt { required: b, .. } => b,
        }
    }
}

/// Reads a Required cell: a Yes/No word of any language, or a word one letter away from
/// exactly one of them (`에` for `예`, `N` for `No`).
pub fn required_word(cell: &str) -> Option<Required> {
    let cell = cell.trim();
    if cell.is_empty() {
        return None;
    }
    if is_one_of(cell, |v| v.yes) {
        return Some(Required::Word(true));
    }
    if is_one_of(cell, |v| v.no) {
        return Some(Required::Word(false));
    }
    if cell.chars().count() > 6 || cell.contains(' ') {
        return None;
    }
    let folded = fold(cell);
    let script = folded.chars().next().map(script);
    let mut near = words(|v| v.yes)
        .map(|w| (w, true))
        .chain(words(|v| v.no).map(|w| (w, false)))
        .filter(|(w, _)| w.chars().next().map(self::script) == script)
        .filter(|(w, _)| {
            let w = fold(w);
            edit_distance(&w, &folded) == 1 || (folded.chars().count() == 1 && w.starts_with(&folded))
        });
    let (meant, required) = near.next()?;
    if near.any(|(_, r)| r != required) {
        return None;
    }
    Some(Required::Misspelt { required, meant })
}

/// Whether a word is a Yes/No word of some language (exactly).
pub fn is_required_word(cell: &str) -> bool {
    matches!(required_word(cell), Some(Required::Word(_)))
}

/// The writing system of a letter: a misspelt word is compared with words of its own.
fn script(c: char) -> u8 {
    match c as u32 {
        0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F => 1, // Hangul
        0x3040..=0x30FF => 2,                                     // Kana
        0x4E00..=0x9FFF => 3,                                     // Han
        _ => 0,
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The words before a documented maximum, every language's, longest first (so that
/// `maximum value` is found before `max`).
pub fn maximum_words() -> Vec<&'static str> {
    longest_first(words(|v| v.maximum))
}

/// The words before a range of values, every language's, longest first.
pub fn range_words() -> Vec<&'static str> {
    longest_first(words(|v| v.value_range))
}

fn longest_first(words: impl Iterator<Item = &'static str>) -> Vec<&'static str> {
    let mut words: Vec<&'static str> = words.collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words
}

/// The words before a list of documented values, every language's, longest first.
pub fn valid_values_words() -> Vec<&'static str> {
    longest_first(words(|v| v.valid_values))
}

/// What a state value means, from the words it (or else its explanation) contains:
/// failed words first (`UNSUCCESSFUL` is not done), then under way (`readyComplete` is not
/// done yet), then done.
pub fn state_meaning(value: &str, explanation: &str) -> Option<StateMeaning> {
    let find = |text: &str| {
        let text = fold(text);
        let has = |pick: Pick| words(pick).any(|w| text.contains(w));
        if has(|v| v.state_failed) {
            Some(StateMeaning::Failed)
        } else if has(|v| v.state_pending) {
            Some(StateMeaning::Pending)
        } else if has(|v| v.state_done) {
            Some(StateMeaning::Done)
        } else {
            None
        }
    };
    find(value).or_else(|| find(explanation))
}

/// What a documented state value means for a waiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateMeaning {
    Done,
    Failed,
    Pending,
}

/// The description says numbering starts at 0 (a page number's).
pub fn says_counts_from_zero(description: &str) -> bool {
    let text = fold(description);
    words(|v| v.from_zero).any(|w| text.contains(&fold(w)))
}

/// The description says the value may be `null`.
pub fn says_nullable(description: &str) -> bool {
    let text = fold(description);
    words(|v| v.nullable).any(|w| text.contains(&fold(w)))
}

/// `Example 1 Title`, `Example1`, `示例1 标题`, `例 1`, `サンプル1 …`: an example's title.
pub fn is_example_title(line: &str) -> bool {
    let line = line.trim();
    words(|v| v.example_title).any(|p| {
        line.strip_prefix(p).is_some_and(|rest| {
            let rest = rest.trim_start();
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            digits > 0
                && rest[digits..]
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_whitespace() || matches!(c, ':' | '：' | '.' | '、'))
        })
    })
}

/// `Input Example` → Some(true), `Output Example` → Some(false).
pub fn example_part(line: &str) -> Option<bool> {
    let line = line.trim().trim_end_matches([':', '：']);
    if is_one_of(line, |v| v.example_input) {
        Some(true)
    } else if is_one_of(line, |v| v.example_output) {
        Some(false)
    } else {
        None
    }
}

/// The title of a Data Types page.
pub fn is_data_types_title(text: &str) -> bool {
    is_one_of(text, |v| v.data_types_title)
}

/// The title of an Error Codes page.
pub fn is_error_codes_title(text: &str) -> bool {
    is_one_of(text, |v| v.error_codes_title)
}

/// A heading of the Error Codes page: Some(true) for the common codes, Some(false) for the
/// service codes.
pub fn error_code_group(heading: &str) -> Option<bool> {
    let heading = strip_number(heading).unwrap_or(heading);
    if is_one_of(heading, |v| v.common_codes) {
        Some(true)
    } else if is_one_of(heading, |v| v.service_codes) {
        Some(false)
    } else {
        None
    }
}

/// Another heading of the Error Codes page (`Feature Description`, `Error Code List`).
pub fn is_error_page_section(heading: &str) -> bool {
    is_one_of(strip_number(heading).unwrap_or(heading), |v| v.error_page_sections)
}

/// `Used by actions: A, B.` → the list text after the prefix.
pub fn used_by(text: &str) -> Option<&str> {
    let text = text.trim();
    words(|v| v.used_by).find_map(|p| text.strip_prefix(p)).or_else(|| {
        // `API: A, B에 참조됩니다` (Korean puts the verb last).
        text.strip_prefix("API:").and_then(|rest| rest.trim().strip_suffix("에 참조됩니다")).map(str::trim)
    })
}

/// The line starts with a "Last updated" prefix.
pub fn is_last_updated(line: &str) -> bool {
    let line = line.trim();
    words(|v| v.last_updated).any(|p| line.starts_with(p))
}

/// The line starts a table of contents (`本页目录：`, `On this page`).
pub fn is_contents(line: &str) -> bool {
    let line = line.trim().trim_end_matches([':', '：']);
    is_one_of(line, |v| v.contents)
}

/// The rate limit a line states: a number followed by a per-second unit
/// (`默认接口请求频率限制：20次/秒。`, `A maximum of 10 requests can be initiated per second`).
pub fn rate_limit(text: &str) -> Option<u32> {
    for unit in words(|v| v.per_second) {
        let Some(at) = text.find(unit) else { continue };
        // The last number before the unit.
        let before = &text[..at];
        let end = before.rfind(|c: char| c.is_ascii_digit())?;
        let start =
            before[..=end].char_indices().rev().find(|(_, c)| !c.is_ascii_digit()).map_or(0, |(i, c)| i + c.len_utf8());
        let between = &before[end + 1..];
        // Only words may stand between the number and the unit ("10 requests can be initiated").
        if between.chars().any(|c| c.is_ascii_digit()) || between.len() > 40 {
            continue;
        }
        if let Ok(n) = before[start..=end].parse() {
            return Some(n);
        }
    }
    None
}

/// A toolbar line of the site chrome (`PDF`, `Focus Mode`).
pub fn is_toolbar(line: &str) -> bool {
    is_one_of(line, |v| v.toolbar)
}

/// The first line of the footer chrome below the article.
pub fn is_footer(line: &str) -> bool {
    let line = line.trim();
    words(|v| v.footer).any(|p| line.starts_with(p))
}

/// A paragraph of the API Explorer box in section 1.
pub fn is_explorer(text: &str) -> bool {
    let text = text.trim();
    words(|v| v.explorer).any(|p| text == p || (p.chars().count() > 8 && text.starts_with(p)))
}

/// Basic types as the Type column prints them (ASCII case ignored): `String`, `Integer` …
pub const BASIC_TYPES: &[&str] = &[
    "String",
    "Integer",
    "Int",
    "Int32",
    "Int64",
    "UInt64",
    "Uint64",
    "Long",
    "Float",
    "Double",
    "Boolean",
    "Bool",
    "Timestamp",
    "Datetime",
    "Date",
    "Object",
    "Binary",
];

/// Whether a word names a basic type.
pub fn is_basic_type(word: &str) -> bool {
    BASIC_TYPES.iter().any(|t| t.eq_ignore_ascii_case(word))
}

/// `… 示例值:eip-ek0cdz1g` → (description, Some("eip-ek0cdz1g")).
pub fn split_example_value(description: &str) -> (String, Option<String>) {
    for marker in words(|v| v.example_value).filter(|m| m.chars().count() > 2) {
        if let Some(at) = description.rfind(marker) {
            let value = description[at + marker.len()..].trim();
            if !value.contains('\n') {
                return (description[..at].trim_end().to_string(), Some(value.to_string()));
            }
        }
    }
    (description.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_in_every_language() {
        assert_eq!(section("2. Input Parameters"), Some(Section::Input));
        assert_eq!(section("2. 输入参数"), Some(Section::Input));
        assert_eq!(section("2. 入力パラメータ"), Some(Section::Input));
        assert_eq!(section("2. 입력 매개변수"), Some(Section::Input));
        assert_eq!(section("2. Request Parameters"), Some(Section::Input));
        assert_eq!(section("6. Other Resources"), Some(Section::Resources));
        assert_eq!(section("4. Error Codes"), Some(Section::Errors));
        assert_eq!(numbered_section("3. パラメータ出力"), Some((3, Section::Output)));
        assert_eq!(numbered_section("Input Parameters"), None);
        assert_eq!(numbered_section("2. Something else"), None);
    }

    #[test]
    fn columns_and_required_words() {
        assert_eq!(column("Parameter name"), Some(Column::Name));
        assert_eq!(column("필수 여부"), Some(Column::Required));
        assert_eq!(column(" 説明 "), Some(Column::Description));
        assert_eq!(required_word("是"), Some(Required::Word(true)));
        assert_eq!(required_word("いいえ"), Some(Required::Word(false)));
        assert_eq!(required_word("아니오"), Some(Required::Word(false)));
        assert_eq!(required_word("에"), Some(Required::Misspelt { required: true, meant: "예" }));
        assert_eq!(required_word("N"), Some(Required::Misspelt { required: false, meant: "No" }));
        assert_eq!(required_word("String"), None);
        assert_eq!(required_word("Reinstallation parameters"), None);
    }

    #[test]
    fn prose_markers() {
        assert!(says_nullable("Note: This field may return null, indicating …"));
        assert!(says_nullable("注意：此字段可能返回 null，表示取不到有效值。"));
        assert!(!says_nullable("The ID."));
        assert_eq!(rate_limit("A maximum of 10 requests can be initiated per second for this API."), Some(10));
        assert_eq!(rate_limit("默认接口请求频率限制：20次/秒。"), Some(20));
        assert_eq!(rate_limit("기본 API 요청 빈도 제한: 20회/초."), Some(20));
        assert_eq!(
            rate_limit("初期設定の状態では、インターフェースのリクエスト頻度は20回/秒に制限されています。"),
            Some(20)
        );
        assert_eq!(rate_limit("Default API request rate limit: 20 requests/sec."), Some(20));
        assert_eq!(rate_limit("Nothing here"), None);
        assert!(is_example_title("Example1 Binding an EIP"));
        assert!(is_example_title("示例1 绑定EIP到实例上"));
        assert!(is_example_title("예시 1 요청 예시"));
        assert!(!is_example_title("Examples of use"));
        assert_eq!(example_part("Input Sample Code"), Some(true));
        assert_eq!(example_part("출력 예시"), Some(false));
        assert_eq!(used_by("被如下接口引用：CreateCluster。"), Some("CreateCluster。"));
        assert_eq!(used_by("API: DescribeX에 참조됩니다"), Some("DescribeX"));
        assert_eq!(error_code_group("Business Error Codes"), Some(false));
    }
}
