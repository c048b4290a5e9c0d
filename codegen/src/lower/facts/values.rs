//! Value sets: the values a description enumerates, in page order, each with its meaning,
//! and whether the list is complete.
//!
//! Read, in this order: a list after a "valid values" word (inline: `Valid values: TCP,
//! UDP.`, `値はALLおよびANYがあり`; bracketed: `[1, 2, 3]`; or the bullet lines after it);
//! a block of `VALUE: meaning` / `VALUE - meaning` bullet lines; inline pairs
//! (`0: descending; 1: ascending`, `1-表示需要， 0-表示不需要`); a one-value statement
//! (`can only be POSTPAID_BY_HOUR`, `目前固定为1`). Examples (`such as vpc-f49l6u0z`)
//! never make a set.

use super::bullets::{bullets, minus_signs};
use super::kind::Kind;
use super::list::{fits, inline, is_open, token_at, ValueList, QUOTES, SEPARATORS};
use super::text::{self, is_cjk, skip, words};
use super::unworded;

/// The value list of a description (already normalised), if it has one.
pub fn read(text: &str, kind: Kind) -> Option<ValueList> {
    read_named(text, kind, "")
}

/// The value list of the description of a parameter named `name` (a list named by a few
/// words, `Possible EIP states are …`, must name the parameter: `states` ~ `AddressStatus`).
pub fn read_named(text: &str, kind: Kind, name: &str) -> Option<ValueList> {
    let lower = text::lower(text);
    // `Default value: 0`, `最大値は100`, `기본값은 0`: a value word inside another word.
    let taken: Vec<(usize, usize)> = [&words().default_before, &words().maximum, &words().minimum]
        .iter()
        .flat_map(|list| text::find_all(&lower, list))
        .collect();
    for (start, end) in text::find_all(&lower, &words().value_list) {
        if taken.iter().any(|(s, e)| start < *e && *s < end) || under_field_label(text, start) {
            continue;
        }
        // `example value: 2020-04-29T00:00:00Z`, `例えば：この値は2002の場合`: an example, not a
        // list.
        let head = lower.get(..start).unwrap_or_default().trim_end();
        let clause = text::lower(text::clause_ending(text.get(..start).unwrap_or_default()));
        if words().example.iter().any(|w| head.ends_with(w.trim_end_matches([':', '：']).trim_end()))
            || !text::find_all(&clause, &words().example).is_empty()
        {
            continue;
        }
        // `no valid values are available`: a value word denied.
        if words().negation.iter().any(|w| {
            head.ends_with(w)
                && (!w.is_ascii()
                    || !head.get(..head.len() - w.len()).unwrap_or_default().ends_with(char::is_alphanumeric))
        }) {
            continue;
        }
        // `如果TargetType取值为CMQ_QUEUE`: the values of another parameter, in a condition;
        // `当取值为 0，表示…`: one value in a condition.
        let conditional = words().default_condition.iter().any(|w| head.ends_with(w.trim_end()));
        if conditional || in_condition(text.get(..start).unwrap_or_default()) {
            continue;
        }
        let after = text.get(end..).unwrap_or_default();
        let rest = skip(after, &words().value_gap);
        let at = text.len() - rest.len();
        // `-2 (earliest) and -1 (latest)`: a minus sign, not a bullet.
        let negative = rest.starts_with('-')
            && rest.get(1..).is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
            && !rest.contains("\n-");
        let list = if rest.starts_with(['•', '-', '*', '·']) && !negative {
            bullets(rest, kind, true)
        } else if after.trim_start_matches([' ', ':', '：', '.']).starts_with('\n') {
            // `支持的类型有：` then lines `flux：流量`, or a line `a,b,c`, or one line of
            // pairs (`true: enable; false: disable`).
            let lines = bullets(rest, kind, true);
            let pairs = inline(rest, kind).filter(|(v, _)| v.len() >= 2);
            longer(lines, pairs)
        } else if let Some(inner) = rest.strip_prefix(['[', '［']) {
            let range_word = text.get(start..end).is_some_and(|w| words().range.contains(&text::lower(w).as_str()));
            bracketed(inner, kind, range_word)
        } else if super::range::starts_with_range(rest) {
            None
        } else {
            // (One value then a join to what is no value, `0 和 [26, 256]`: no list.)
            let pairs = inline(rest, kind).filter(|(v, len)| {
                let left = rest.get(*len..).unwrap_or_default();
                let joined = words().list_join.iter().any(|j| text::lower(left.trim_start()).starts_with(j.trim_end()));
                v.len() > 1 || !(glued_to_noun(left) || joined)
            });
            // `Valid values: 0: BGP` then `1: China Telecom` on the lines after.
            let lines = bullets(rest, kind, true).filter(|(v, _)| v.len() >= 2);
            longer(pairs, lines)
        };
        // `値はsubnet-fdj24n34j2 のように`: a value followed by an example word is an example.
        let example_after = list.as_ref().is_some_and(|(_, len)| {
            let next = text::lower(text.get(at + len..).unwrap_or_default().trim_start());
            words().example.iter().any(|w| next.starts_with(w))
        });
        if example_after {
            continue;
        }
        if let Some((values, len)) = list {
            let span = text.get(start..(at + len).min(text.len())).unwrap_or_default();
            let sentence = text::sentence_at(text, start);
            // The line after the list may say other values are accepted too.
            let next_line = text.get(at + len..).unwrap_or_default().trim_start().lines().next().unwrap_or_default();
            let open = is_open(span)
                || (len > 0 && text.get(at..at + len).is_some_and(|l| l.contains('\n')) && is_open(next_line))
                || is_open(sentence)
                || is_open(text.get(at + len..).unwrap_or_default().get(..12).unwrap_or_default());
            return Some(ValueList { values, complete: !open, sentence: span.trim().to_string() });
        }
    }
    // Bullet lines anywhere, with no word before them.
    let minus = minus_signs(text);
    let dash = text
        .match_indices("\n-")
        .find(|(i, _)| !(minus && text.get(i + 2..).is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))));
    if let Some(at) = text
        .find("\n•")
        .or_else(|| dash.map(|(i, _)| i))
        .or_else(|| text.find("\n* "))
        .map(|i| i + 1)
        .or_else(|| text.starts_with(['•']).then_some(0))
    {
        if let Some((values, len)) = bullets(text.get(at..).unwrap_or_default(), kind, false) {
            let intro = text::sentence_at(text, at.saturating_sub(1));
            let span = text.get(at..at + len).unwrap_or_default();
            return Some(ValueList { values, complete: !is_open(intro), sentence: span.trim().to_string() });
        }
    }
    if let Some(list) = super::pair_lines::read(text, kind) {
        return Some(list);
    }
    unworded::subject_list(text, &lower, kind, name)
        .or_else(|| unworded::label_list(text, kind, name))
        .or_else(|| unworded::pairs(text, kind))
        .or_else(|| unworded::piped(text, kind))
        .or_else(|| unworded::numbered(text, kind))
        .or_else(|| unworded::only_value(text, &lower, kind))
}

/// Whether the clause ending `before` (a value word's start) is inside a condition
/// (`如果TargetType取值为…`, `if multiple values are found`): the values are another
/// parameter's, or no set at all.
fn in_condition(before: &str) -> bool {
    text::has_condition(&text::lower(text::clause_ending(before)))
}

/// `• mixed_case_count: value ranges from 1 to 16`, `ClsAgentParseFailMerge: …, value
/// range: true or false`: a value word on a line labelled by a field name (a key inside the
/// value) describes that field, not the parameter.
pub fn under_field_label(text: &str, at: usize) -> bool {
    let line_start = text.get(..at).and_then(|b| b.rfind('\n')).map_or(0, |i| i + 1);
    let line = text.get(line_start..at).unwrap_or_default();
    let bulleted = line.trim_start().starts_with(['•', '-', '*', '·']);
    let line = line.trim_start().trim_start_matches(['•', '-', '*', '·']).trim_start();
    let token = text::token_at(line);
    let Some(after) = line.get(token.len()..) else { return false };
    // `- status: Domain name status. Valid values: online, …`: an item of a list of keys.
    let key_item = bulleted && token.chars().next().is_some_and(|c| c.is_ascii_lowercase());
    let field = key_item
        || token.contains('_')
        || (token.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && token.chars().skip(1).any(|c| c.is_ascii_uppercase())
            && token.chars().any(|c| c.is_ascii_lowercase()));
    field
        && !token.contains(':')
        && after.trim_start().starts_with([':', '：'])
        && !token.chars().all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
}

/// The list with more values (the first when as many).
fn longer(
    a: Option<(Vec<(String, String)>, usize)>,
    b: Option<(Vec<(String, String)>, usize)>,
) -> Option<(Vec<(String, String)>, usize)> {
    match (a, b) {
        (Some(a), Some(b)) if b.0.len() > a.0.len() => Some(b),
        (a, b) => a.or(b),
    }
}

/// `UTC時間`: a value word glued to the noun after it names a format or a kind, not a value.
fn glued_to_noun(after: &str) -> bool {
    after.starts_with(|c: char| is_cjk(c) && !matches!(c as u32, 0x3040..=0x30FF | 0xAC00..=0xD7AF))
}

/// `1, 2, 3]`: the values of a bracketed list (the `[` already read; `http/https` is one
/// value). After a range word, two numbers that are not neighbours (`[0, 100]`, `[0, 1]` of
/// a Float) are an interval, read by `range`.
fn bracketed(text: &str, kind: Kind, range_word: bool) -> Option<(Vec<(String, String)>, usize)> {
    let close = text.find([']', '］'])?;
    let inner = text.get(..close)?;
    let mut values: Vec<(String, String)> = Vec::new();
    for v in inner.split(|c: char| c != '/' && SEPARATORS.contains(&c)) {
        let v = v.trim().trim_matches(QUOTES).to_string();
        if !values.iter().any(|(seen, _)| *seen == v) {
            values.push((v, String::new()));
        }
    }
    let all = values.iter().all(|(v, _)| v.split('/').all(|part| token_at(part) == part) && fits(v, kind));
    if range_word && super::range::bracket_interval(text, kind == Kind::Float).is_some() {
        return None;
    }
    (all && values.len() >= 2).then_some((values, close + 1))
}

/// Whether the description gives example values only (`such as vpc-f49l6u0z`, `例：…`).
pub fn has_examples(text: &str) -> bool {
    !text::find_all(&text::lower(text), &words().example).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str, kind: Kind) -> Option<(Vec<String>, bool)> {
        let text = super::super::normalize::normalize(text);
        read(&text, kind).map(|l| (l.values.into_iter().map(|(v, _)| v).collect(), l.complete))
    }

    fn v(list: &[&str], complete: bool) -> Option<(Vec<String>, bool)> {
        Some((list.iter().map(|s| s.to_string()).collect(), complete))
    }

    #[test]
    fn lists_after_a_word() {
        assert_eq!(
            values("Protocol. Valid values: TCP, UDP, ICMP, ALL.", Kind::Text),
            v(&["TCP", "UDP", "ICMP", "ALL"], true)
        );
        assert_eq!(
            values("Available values: 'ADDRESS' and 'FQDN'. Default is ADDRESS.", Kind::Text),
            v(&["ADDRESS", "FQDN"], true)
        );
        assert_eq!(
            values("Values include MASTER, WORKER and ALL. The default value is WORKER.", Kind::Text),
            v(&["MASTER", "WORKER", "ALL"], false)
        );
        assert_eq!(values("Valid values: 0 (disable) and 1 (enable)", Kind::Integer), v(&["0", "1"], true));
        assert_eq!(
            values("The network type. Valid value: BGP, indicating that it is BGP.", Kind::Text),
            v(&["BGP"], true)
        );
        assert_eq!(values("Value range: [1, 2, 3, 12, 24]", Kind::Integer), v(&["1", "2", "3", "12", "24"], true));
        assert_eq!(values("Value range: 2560-604800.", Kind::Integer), None);
        assert_eq!(values("Note: no valid values can be obtained.", Kind::Text), None);
        assert_eq!(values("Port. Valid values: all, single port, range. When…", Kind::Text), None);
        assert_eq!(
            values("Cluster OS. Valid values: Centos7.2x86_64, ubuntu16.04.1 LTSx86_64. Default", Kind::Text),
            None
        );
        assert_eq!(
            values("Egress. Valid values:\ncenter_egress1,center_egress2", Kind::Text),
            v(&["center_egress1", "center_egress2"], true)
        );
        assert_eq!(
            values("Valid values: EGRESS/INGRESS/ALL (VPC) and ALL (public IP).", Kind::Text),
            v(&["EGRESS", "INGRESS", "ALL"], true)
        );
    }

    #[test]
    fn lists_in_cjk() {
        assert_eq!(
            values("节点角色，取值:MASTER_ETCD, WORKER。MASTER_ETCD只有…", Kind::Text),
            v(&["MASTER_ETCD", "WORKER"], true)
        );
        assert_eq!(values("以升序还是降序的方式返回结果，可选值 ASC 和 DESC", Kind::Text), v(&["ASC", "DESC"], true));
        assert_eq!(
            values("検証ポリシー。値はALLおよびANYがあり、デフォルト値はANYです。", Kind::Text),
            v(&["ALL", "ANY"], true)
        );
        assert_eq!(
            values("검사 전략, 가능한 값은 ALL과 ANY를 포함하고 기본값은 ANY입니다.", Kind::Text),
            v(&["ALL", "ANY"], false)
        );
        assert_eq!(
            values(
                "値範囲：<br><li>LOCAL_BASIC：ローカル<br><li>CLOUD_SSD：SSD<br><br>デフォルト値：LOCAL_BASIC。",
                Kind::Text
            ),
            v(&["LOCAL_BASIC", "CLOUD_SSD"], true)
        );
        assert_eq!(
            values("購入時期。単位は月、値の範囲[1,2,3,24,36]", Kind::Integer),
            v(&["1", "2", "3", "24", "36"], true)
        );
    }

    #[test]
    fn bullets_and_pairs() {
        assert_eq!(
            values("Value range:\n• TOTAL_EIP_QUOTA:EIP quota\n• DAILY_EIP_APPLY: applications", Kind::Text),
            v(&["TOTAL_EIP_QUOTA", "DAILY_EIP_APPLY"], true)
        );
        assert_eq!(
            values("Whether. available values:.\n• true: on.\n.\n• false: off.\n.", Kind::Boolean),
            v(&["true", "false"], true)
        );
        assert_eq!(
            values("Default value: BGP. Valid values:\nBGP\nHIGH_QUALITY_BGP", Kind::Text),
            v(&["BGP", "HIGH_QUALITY_BGP"], true)
        );
        assert_eq!(
            values("The status\n0: disable\n1: enable\nNote: may be null.", Kind::Integer),
            v(&["0", "1"], true)
        );
        assert_eq!(
            values("Valid values:\n- EIPv6: common\n- HighQualityEIPv6: dedicated\nNote: contact us.", Kind::Text),
            v(&["EIPv6", "HighQualityEIPv6"], true)
        );
        assert_eq!(
            values("支持的类型有：<br/>flux：流量<br/>request：请求数<br/>支持指定具体状态码查询", Kind::Text),
            v(&["flux", "request"], false)
        );
        assert_eq!(
            values("Types:\n• VXLAN - VXLAN type.\n• MPLS - MPLS type.\nNote: x", Kind::Text),
            v(&["VXLAN", "MPLS"], true)
        );
        assert_eq!(
            values("Bandwidth package type, includes:\n• BGP: General\n• ANYCAST: AIA", Kind::Text),
            v(&["BGP", "ANYCAST"], false)
        );
        assert_eq!(values("Sort by time. 0: descending; 1: ascending.", Kind::Integer), v(&["0", "1"], true));
        assert_eq!(values("是否需要<br/>1-表示需要， 0-表示不需要", Kind::Integer), v(&["1", "0"], true));
        assert_eq!(values("是否自动使用代金券,1:是,0否,默认0", Kind::Integer), v(&["1", "0"], true));
        assert_eq!(values("传0不生成子用户密钥，传1生成子用户密钥。", Kind::Integer), v(&["0", "1"], true));
        assert_eq!(
            values("根据创建者角色筛选，默认 0 表示用户自己创建的cmk， 1 表示授权", Kind::Integer),
            v(&["0", "1"], true)
        );
        assert_eq!(
            values("汇总方式，存在以下几种：<br/>sum：累加求和<br/>max：最大值<br/>avg：平均值", Kind::Text),
            v(&["sum", "max", "avg"], true)
        );
        assert_eq!(
            values("RequestResponse(同步) 和 Event(异步)，默认为同步", Kind::Text),
            v(&["RequestResponse", "Event"], true)
        );
        assert_eq!(values("• Linux instances: 8 to 16 characters\n• Windows: 12", Kind::Text), None);
    }

    #[test]
    fn numbered_pairs_and_lists_without_a_values_word() {
        assert_eq!(
            values("Mode. Valid values: 0 - read only, 1 - read write, 2 - admin.", Kind::Integer),
            v(&["0", "1", "2"], true)
        );
        assert_eq!(
            values("Kind of node. Possible values: 1 - master; 2 - replica; 3 - witness.", Kind::Integer),
            v(&["1", "2", "3"], true)
        );
        assert_eq!(
            values("Exit status.\n0: done;\n-1: error;\n-3: cancelled", Kind::Integer),
            v(&["0", "-1", "-3"], true)
        );
        assert_eq!(
            values("Disk state. Possible disk states are 'ATTACHED', 'DETACHED' and 'EXPIRED'.", Kind::Text),
            v(&["ATTACHED", "DETACHED", "EXPIRED"], true)
        );
        assert_eq!(values("Supported port counts: 1, 2, 4 and 8.", Kind::Integer), v(&["1", "2", "4", "8"], true));
        assert_eq!(values("Supported regions are Beijing and Tokyo.", Kind::Text), None);
        // The few words before the list name the parameter, or the list is another thing's.
        let text =
            super::super::normalize::normalize("Addresses of the videos. Supported video formats: FLV, MP4, HLS");
        assert_eq!(read_named(&text, Kind::Text, "SourceUrls"), None);
        let text = super::super::normalize::normalize("Document kind. Supported file types: PDF, DOC, TXT");
        assert_eq!(read_named(&text, Kind::Text, "FileType").map(|l| l.values.len()), Some(3));
        assert_eq!(values("Log switch. off - no logs, on - keep logs", Kind::Text), v(&["off", "on"], true));
        assert_eq!(values("日志格式，可取值 'Json'、'Text' 和 'Csv'", Kind::Text), v(&["Json", "Text", "Csv"], true));
    }

    #[test]
    fn label_lists_and_notes() {
        assert_eq!(
            values("Valid values:\n• fast: quick\n• note: fast costs more\n• slow: cheap", Kind::Text),
            v(&["fast", "slow"], true)
        );
        assert_eq!(
            values("Disk kind: LOCAL, CLOUD, NAS and OSS. Default value: CLOUD", Kind::Text),
            v(&["LOCAL", "CLOUD", "NAS", "OSS"], true)
        );
        assert_eq!(values("Region: Beijing, Tokyo and Paris.", Kind::Text), None);
        assert_eq!(
            values(
                "Valid values:\nInner: private network,\nOuter: public network,\nNote: only Inner for LEB.",
                Kind::Text
            ),
            v(&["Inner", "Outer"], true)
        );
    }

    #[test]
    fn one_value_and_examples() {
        assert_eq!(
            values("签名算法。目前仅支持\"HMAC_SHA256\"，默认为\"HMAC_SHA256\"", Kind::Text),
            v(&["HMAC_SHA256"], true)
        );
        assert_eq!(values("更新方式、現在サポートする方式はrollingのみです。", Kind::Text), v(&["rolling"], true));
        assert_eq!(values("起動時刻。値はJST時刻、形式：YYYY-MM-DD。", Kind::Text), None);
        assert_eq!(values("ID。値はvpc-abc123 のように指定します", Kind::Text), None);
        assert_eq!(
            values("That is, the parameter value can only be POSTPAID_BY_HOUR.", Kind::Text),
            v(&["POSTPAID_BY_HOUR"], true)
        );
        assert_eq!(
            values("Sorting field. currently only supports the priority field.", Kind::Text),
            v(&["priority"], true)
        );
        assert_eq!(values("组织类型（目前固定为1）", Kind::Integer), v(&["1"], true));
        assert_eq!(values("目前仅支持 Python2.7，Python3.6 和 Java8", Kind::Text), None);
        assert_eq!(values("VPC instance ID, such as vpc-f49l6u0z.", Kind::Text), None);
        assert!(has_examples("VPC instance ID, such as vpc-f49l6u0z."));
    }

    #[test]
    fn lines_of_pairs_without_bullets() {
        // Each line one `value: meaning` (no wrapped sentence reads so), or one line of pairs.
        assert_eq!(
            values(
                "Sorting method\nEnumeration value:\nasc: Ascending\ndesc: Descending order\nDefault value: desc",
                Kind::Text
            ),
            v(&["asc", "desc"], true)
        );
        assert_eq!(
            values("Whether. Values:\non: Yes\noff: No\nNote: This field may return null.", Kind::Text),
            v(&["on", "off"], true)
        );
        assert_eq!(
            values("Whether. Default: enable. Valid values:\ntrue: enable; false: disable", Kind::Text),
            v(&["true", "false"], true)
        );
        assert_eq!(
            values("Whether. valid values:\nTRUE: enable creation. FALSE: disable creation.\n.", Kind::Boolean),
            v(&["TRUE", "FALSE"], true)
        );
        // The first pair after the word, the others on the lines after.
        assert_eq!(
            values(
                "Address type. Valid values: 0: BGP\n1: China Telecom\n2: China Mobile\nNote: may be null.",
                Kind::Integer
            ),
            v(&["0", "1", "2"], true)
        );
        // `N = meaning` lines, in groups under a heading line.
        assert_eq!(
            values(
                "Object type\nTask-level - by Task / Workflow:\n1 = Task (default)\n2 = Workflow\nProject-level - a project:\n7 = Project alarm",
                Kind::Integer
            ),
            v(&["1", "2", "7"], true)
        );
        // `*` bullets with no word before them.
        assert_eq!(
            values(
                "Downstream scope\n* WORKFLOW: Within the workflow (default)\n* PROJECT: Within the project",
                Kind::Text
            ),
            v(&["WORKFLOW", "PROJECT"], true)
        );
    }

    #[test]
    fn values_with_colons_bars_and_signs() {
        assert_eq!(
            values("Ratio.\nEnumeration values:\n• 1:1: 1:1.\n• 16:9: 16:9.\nDefault value: 1:1.", Kind::Text),
            v(&["1:1", "16:9"], true)
        );
        assert_eq!(
            values("Protocol. Valid values: [http, https, http/https]", Kind::Text),
            v(&["http", "https", "http/https"], true)
        );
        assert_eq!(
            values("Position. Valid values: -2 (earliest, default) and -1 (latest).", Kind::Integer),
            v(&["-2", "-1"], true)
        );
        assert_eq!(values("Source: WEDATA|THIRD.\nDefault wedata.", Kind::Text), v(&["WEDATA", "THIRD"], true));
        assert_eq!(values("Lineage direction INPUT｜OUTPUT.", Kind::Text), v(&["INPUT", "OUTPUT"], true));
        // Two numbers in brackets after a range word bound an interval.
        assert_eq!(values("Volume. Value range: [0, 10]. Default: 1.0.", Kind::Integer), None);
        assert_eq!(values("Transparency. Value range: [0, 1].", Kind::Float), None);
        assert_eq!(values("Flag. Value range: [0, 1].", Kind::Integer), v(&["0", "1"], true));
        // Negative codes, the first of a line after a wrapped one (no bullet: no `-0` line).
        assert_eq!(
            values("Result. -1101: no face; -1102: bad image;\n-1601: low quality; -1604: not similar.\nOther non-zero values: errors.", Kind::Integer),
            v(&["-1101", "-1102", "-1601", "-1604"], true)
        );
        assert_eq!(
            values(
                "Type. Values are as follows:\n-Topic: Topic dimension\n-Cluster: cluster-level (default value)",
                Kind::Text
            ),
            v(&["Topic", "Cluster"], true)
        );
        // Lines of pairs after a line ending in a colon, with no "values" word.
        assert_eq!(
            values("Statistical areas:\nmainland: Chinese mainland\noversea: outside\nglobal: global\nDefault value: global", Kind::Text),
            v(&["mainland", "oversea", "global"], true)
        );
        // `NN-meaning` lines; a value alone on its bullet line, its meaning on the next.
        assert_eq!(
            values(
                "Reason.\n-Details as follows:\n01-User eyes closed\n02-Not completed\n10 - Distance failed",
                Kind::Text
            ),
            v(&["01", "02", "10"], true)
        );
        assert_eq!(
            values("Participant\n• TENANT\nTenant\n• USER\nUser\nNote: may be null.", Kind::Text),
            v(&["TENANT", "USER"], true)
        );
        // Values inside an item of a list of keys are that key's: the keys are the values.
        assert_eq!(
            values("Field name, which includes:\n- origin: Origin.\n- status: Status. Valid values: online, offline, and processing.", Kind::Text),
            v(&["origin", "status"], false)
        );
        assert_eq!(
            values("Task status.\n-Success: completed.\n-Processing: executing.\n-Failed: failed.", Kind::Text),
            v(&["Success", "Processing", "Failed"], true)
        );
        assert_eq!(
            values("Display mode: 0 for crop, 1 for scale, 2 for black background. defaults to 0.", Kind::Integer),
            v(&["0", "1", "2"], true)
        );
        assert_eq!(
            values("Alarm recipient type: 1. specified personnel, 2. task owner, 3. duty schedule (default: 1. specified personnel).", Kind::Integer),
            v(&["1", "2", "3"], true)
        );
        assert_eq!(values("Step 1. Open the console. 2. Click.", Kind::Integer), None);
        // A date twice is no list of values.
        assert_eq!(
            values("Start time. For example, 2018-12-01T00:00:00+08:00 is December 1, 2018 (inclusive) to December 2, 2018 (not inclusive).", Kind::Text),
            None
        );
    }
}
