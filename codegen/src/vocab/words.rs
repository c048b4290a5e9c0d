//! The shape of one language's words ([`Vocabulary`]) and the sections of an action page
//! they name.

use super::blocks::Column;

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
    /// Words saying a reply is streamed (`streaming`, `SSE`, `流式`), lower case: hints
    /// only, which `lower::streaming` takes with a structural signal (a `Stream` input, an
    /// action name ending in `SSE`). Words of ASCII letters match whole words only.
    pub streaming: &'static [&'static str],
    /// Facts read from descriptions (`lower::facts`), all compared lower-cased.
    pub facts: FactWords,
}

/// The words of the facts a description states: value sets, defaults, ranges, lengths,
/// units (`lower::facts`). Lower case.
#[derive(Debug)]
pub struct FactWords {
    /// Words before a list of the values (`valid values:`, `取值：`, `値範囲：`, `가능한 값`).
    pub value_list: &'static [&'static str],
    /// Words between a values word and its values (`Valid values are …`, `取值为`, `値は`).
    pub value_gap: &'static [&'static str],
    /// Words between a limit word and its number (`maximum is 100`, `最大值为100`, `最大は`).
    pub limit_gap: &'static [&'static str],
    /// Words between a default or unit word and its value (`default of 0`, `默认为0`).
    pub default_gap: &'static [&'static str],
    /// Words saying a list may be partial (`include`, `etc.`, `等`, `を含み`, `를 포함`).
    pub open_list: &'static [&'static str],
    /// Words before the one value allowed (`can only be`, `固定为`).
    pub only_value: &'static [&'static str],
    /// A word before a few words naming the values, then a verb or `:` and the values
    /// (`possible` … `are`: `Possible EIP states are 'CREATING', 'BIND'`).
    pub values_subject: &'static [&'static str],
    pub values_verb: &'static [&'static str],
    /// Words between a value and its meaning in a sentence of pairs (`0 for crop, 1 for
    /// scale`, `0表示全部`).
    pub pair_mark: &'static [&'static str],
    /// Words after a maximum or minimum word naming what is counted, before `is N` (`The
    /// maximum number of concurrent pulls is 4`).
    pub quantity_of: &'static [&'static str],
    /// The word between that quantity and its number (`is`).
    pub quantity_is: &'static [&'static str],
    /// Verbs that name a value after them (`The value is Application (default)`).
    pub copula: &'static [&'static str],
    /// Words before examples, which never make a set (`such as`, `例：`).
    pub example: &'static [&'static str],
    /// Labels of a note line, which ends a list of values (`Note: …`, `注意：`).
    pub note: &'static [&'static str],
    /// Words saying a string holds JSON (`JSON string`, `json格式`): the values, defaults and
    /// ranges its text gives are its keys', not its own.
    pub json: &'static [&'static str],
    /// Words before a default value (`default value:`, `默认为`, `デフォルト値は`, `기본값은`).
    pub default_before: &'static [&'static str],
    /// Words after a default value (`by default`, `(default)`).
    pub default_after: &'static [&'static str],
    /// A default word alone before its value (`default true.`): read only when the value is
    /// a number, a Boolean or one of the row's listed values (`Default SubnetId` names a
    /// thing).
    pub default_bare: &'static [&'static str],
    /// Words of a condition (`if`, `如果`): after a default value the default still holds
    /// (`Default is 0 if not specified`); before a value word with another parameter named,
    /// the values are that parameter's (`如果TargetType取值为CMQ_QUEUE，则本字段必填`).
    pub default_condition: &'static [&'static str],
    /// Words after a condition, before what holds on it (`then`, `则`).
    pub condition_then: &'static [&'static str],
    /// Words holding a condition word that are no condition (`当前`: currently).
    pub not_condition: &'static [&'static str],
    /// Words joining two values of an inline list (`and`, `或`, `および`, `또는`).
    pub list_join: &'static [&'static str],
    /// Words just before a value word denying it (`no valid values are available`).
    pub negation: &'static [&'static str],
    /// Words before the range of a value (`value range:`, `取值范围`).
    pub range: &'static [&'static str],
    /// Words joining the two ends of a range (`and` of `between 1 and 300`, `到`).
    pub range_join: &'static [&'static str],
    /// Words before (or just after) a maximum (`maximum value:`, `up to`, `不能大于`).
    pub maximum: &'static [&'static str],
    /// Words giving numbers to the words before them in their order (`The maximum and
    /// minimum values are 720 and 6 respectively`, `分别为`).
    pub respectively: &'static [&'static str],
    /// Words joining the two words and the two numbers of such a sentence (`and`, `和`).
    pub both_join: &'static [&'static str],
    /// Words before (or just after) a minimum (`minimum value:`, `at least`, `以上`).
    pub minimum: &'static [&'static str],
    /// Words after a maximum (`以内`, `以下`, `を超える`, `를 초과할 수 없`).
    pub maximum_after: &'static [&'static str],
    /// Words after a minimum (`以上`).
    pub minimum_after: &'static [&'static str],
    /// Words before the first number of a numbering (`starting from`), and after it (`开始`).
    pub starts_before: &'static [&'static str],
    pub starts_after: &'static [&'static str],
    /// Words counting characters and bytes after a number (`characters`, `字符`, `バイト`).
    pub chars: &'static [&'static str],
    pub bytes: &'static [&'static str],
    /// Words naming a length, before a range or a number (`名称长度2-60`, `参数长度是 1M`).
    pub length: &'static [&'static str],
    /// Words just before a length word saying it counts items (`array length`, `数组长度`).
    pub items_length: &'static [&'static str],
    /// Words of a single item (`only one`, `单个`): a list of at most one.
    pub single_item: &'static [&'static str],
    /// Words saying "only", which make a single-item word a limit of one (`only one`, `仅`).
    pub only: &'static [&'static str],
    /// Words right after the one value allowed (`one-timeのみです`).
    pub only_value_after: &'static [&'static str],
    /// Words saying only the value just stated is allowed (`且当前只支持该类型`): the one value
    /// stated (the default) makes the set.
    pub only_this: &'static [&'static str],
    /// Number words (`two`, `两`).
    pub numbers: &'static [(&'static str, u64)],
    /// Words before a unit (`unit:`, `in`, `单位为`, `単位は`, `단위는`).
    pub unit_before: &'static [&'static str],
    /// Unit names and their normalised unit (`seconds` → `s`, `元` → `CNY`).
    pub units: &'static [(&'static str, &'static str)],
}
