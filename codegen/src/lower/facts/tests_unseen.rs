//! The wordings of pages never seen in development (real pages outside `../shared`, in four
//! languages) that the readers follow, each a rule of its own.

use serde_json::json;

use super::tests::facts;
use crate::ir::Type;

#[test]
fn prose_of_pages_never_seen() {
    let values = |name: &str, d: &str, ty: Type| facts(name, d, ty)["allowed_values"].clone();
    let wire = |v: serde_json::Value| v.as_array().map(|a| a.iter().map(|x| x["value"].clone()).collect::<Vec<_>>());
    // The first pair after a label, marked as the pairs after it.
    let d = "实例类型，可能的返回值：1-主实例；2-灾备实例；3-只读实例";
    assert_eq!(wire(values("InstanceType", d, Type::Integer)), Some(vec![json!(1), json!(2), json!(3)]));
    let d = "Migration task status (1: initializing, 4: migrating, 5: migration failed, 6: migration succeeded)";
    assert_eq!(wire(values("Status", d, Type::Integer)), Some(vec![json!(1), json!(4), json!(5), json!(6)]));
    let d = "Instance modification type. rename: rename the instance; modifyProject: modify the project; modifyAutoRenew: modify the flag";
    assert_eq!(
        wire(values("Operation", d, Type::String)),
        Some(vec![json!("rename"), json!("modifyProject"), json!("modifyAutoRenew")])
    );
    let d = "资源类型，其中：\nProxy表示通道；\nProxyGroup表示通道组；\nRealServer表示源站。";
    assert_eq!(
        wire(values("ResourceType", d, Type::String)),
        Some(vec![json!("Proxy"), json!("ProxyGroup"), json!("RealServer")])
    );
    let d = "其可选值有2008R2（表示SQL Server 2008 R2），2012SP3（表示SQL Server 2012），2016SP1（表示SQL Server 2016 SP1）";
    assert_eq!(
        wire(values("Version", d, Type::String)),
        Some(vec![json!("2008R2"), json!("2012SP3"), json!("2016SP1")])
    );
    let d = "インスタンスロール、サポートする値は以下のとおりです：MASTER-マスタインスタンス、DR-ディザスタリカバリインスタンス、RO-読み取り専用インスタンス";
    assert_eq!(wire(values("InstanceRole", d, Type::String)), Some(vec![json!("MASTER"), json!("DR"), json!("RO")]));
    let d = "상태 검사 방법으로 값은 HEAD 또는 GET입니다.";
    assert_eq!(wire(values("HttpCheckMethod", d, Type::String)), Some(vec![json!("HEAD"), json!("GET")]));
    // No set: a condition on another parameter, one value in a condition, a value word
    // denied, a quantity before a counter word.
    assert_eq!(facts("QueueName", "队列名称，如果TargetType取值为CMQ_QUEUE，则本字段必填。", Type::String), json!({}));
    let d = "音频流的码率，取值范围：0 和 [26, 256]。\n当取值为 0，表示音频码率和原始音频保持一致。";
    assert_eq!(values("Bitrate", d, Type::Integer), json!(null));
    let d = "The instance type.\nNote: This field may return null, indicating that no valid values are available.";
    assert_eq!(facts("DeviceClass", d, Type::String), json!({}));
    assert_eq!(
        facts("PageNum", "取得第几页。\n默认值：1。\n注： 目前只支持10000条内的查询。", Type::Integer),
        json!({"default": 1})
    );
    // Ranges after a value word, in brackets with a dash, in brackets alone; none in a
    // condition, unless after its `then`.
    let d = "セッション保留時間。選択可能な値は30～3600であり、デフォルトは0です。";
    assert_eq!(facts("SessionExpireTime", d, Type::Integer), json!({"default": 0, "min": 30, "max": 3600}));
    assert_eq!(
        facts("Limit", "Number of results. Value range: [0-100].", Type::Integer),
        json!({"min": 0, "max": 100})
    );
    let d = "Horizontal offset; [-30,30]. If NeedFaceAttributes is not 1 or more than 5 faces are detected, it is meaningless.";
    assert_eq!(facts("Yaw", d, Type::Integer), json!({"min": -30, "max": 30}));
    assert_eq!(facts("Ids", "IDs; [0,100].", Type::Array(Box::new(Type::Integer))), json!({}));
    let d = "监控粒度。\n当时间范围不超过1天，支持最小粒度60秒；";
    assert_eq!(facts("Granularity", d, Type::Integer), json!({}));
    let d = "登录密码，若未进行密码规则设置则默认密码规则为8位以上。";
    assert_eq!(facts("Password", d, Type::String), json!({"min_length": 8, "length_of": "chars"}));
}

#[test]
fn pairs_lines_and_defaults_of_pages_never_seen() {
    let wire = |name: &str, d: &str, ty: Type| {
        facts(name, d, ty)["allowed_values"]
            .as_array()
            .map(|a| a.iter().map(|x| x["value"].clone()).collect::<Vec<_>>())
    };
    // Lines of pairs with no colon line before them, `N，meaning` lines, a default
    // named by a meaning it holds.
    let d = "是否精确查询，默认模糊匹配。\n0：模糊匹配。\n1：精确查询。\n注：使用StreamName时该参数生效。";
    assert_eq!(facts("IsStrict", d, Type::Integer)["default"], json!(0));
    assert_eq!(wire("IsStrict", d, Type::Integer), Some(vec![json!(0), json!(1)]));
    let d = "证书类型。其中：\n0，表示基础认证配置；\n1，表示客户端CA证书；\n2，服务器SSL证书。";
    assert_eq!(wire("CertificateType", d, Type::Integer), Some(vec![json!(0), json!(1), json!(2)]));
    assert_eq!(facts("OrderType", "1：倒序，0：顺序，默认按照创建时间倒序。", Type::Integer)["default"], json!(1));
    let d = "1：アプリケーション型、0：従来型。デフォルトはアプリケーション型ロードバランサーインスタンスです。";
    assert_eq!(facts("Forward", d, Type::Integer)["default"], json!(1));
    // Pairs split at `；` first, a `【默认】` marker; pairs after a space on one line.
    let d = "模式。0：不开启实时录制，即采用定时录制【默认】；1：开启实时录制。";
    assert_eq!(facts("Highlight", d, Type::Integer)["default"], json!(0));
    assert_eq!(wire("Status", "0:未开始推流 1:正在推流", Type::Integer), Some(vec![json!(0), json!(1)]));
    let d = "自动续费标识。取值范围： NOTIFY_AND_AUTO_RENEW：通知过期且自动续费 NOTIFY_AND_MANUAL_RENEW：通知过期不自动续费";
    assert_eq!(
        wire("RenewFlag", d, Type::String),
        Some(vec![json!("NOTIFY_AND_AUTO_RENEW"), json!("NOTIFY_AND_MANUAL_RENEW")])
    );
    // `Xは…` pairs, glued dashes before CJK meanings.
    let d = "認証タイプであり、UNIDIRECTIONALは一方向認証、MUTUALは双方向認証です";
    assert_eq!(wire("SSLMode", d, Type::String), Some(vec![json!("UNIDIRECTIONAL"), json!("MUTUAL")]));
    let d = "멀티 가용 영역, 기본값은 0, 지원 값은 0-단일 가용 영역, 1-멀티 가용 영역입니다.";
    assert_eq!(facts("DeployMode", d, Type::Integer)["allowed_values"][1]["value"], json!(1));
    // A bit mask: values explained inside a range that holds more are no set.
    let d = "選択可能な値は1～31、デフォルト値は31です。\n1は戻り値が1xxなら正常、2は戻り値が2xxなら正常、4は戻り値が3xxなら正常。";
    assert_eq!(facts("HttpCode", d, Type::Integer), json!({"default": 31, "min": 1, "max": 31}));
    // The empty string as a default; no Filters limit of 0; a numbers array's unit.
    // A value allowed besides a bracketed range; a value range of strings in an array.
    let d = "Maximum height. Value ranges from 0 to [128, 8192]. Measurement unit: px.";
    assert_eq!(facts("Height", d, Type::Integer), json!({"min": 0, "max": 8192}));
    let d = "Origin list, in the format of [\"origin1::weight1\"]. Valid range of weight value: 0 - 100.";
    assert_eq!(facts("Origins", d, Type::Array(Box::new(Type::String)))["max_length"], json!(null));
    // A value word inside a condition; a condition in the sentence before is none.
    let d = "Exact match by IP. The first value will be returned if multiple values are found.";
    assert_eq!(facts("ip", d, Type::String), json!({}));
    let d = "Table selection mode, which is required if DBMode is partial. Valid values: all, partial.";
    assert_eq!(facts("TableMode", d, Type::String)["allowed_values"][1]["value"], json!("partial"));
    // A sentence that is a range alone; a range word's range of an array of strings.
    assert_eq!(facts("Gop", "关键帧间隔，单位：秒。1-50", Type::Integer), json!({"min": 1, "max": 50, "unit": "s"}));
    assert_eq!(facts("Ids", "리스너 ID 리스트, 범위[1-65535]", Type::Array(Box::new(Type::String))), json!({}));
    let d = "Customer UIN list. Array length value: 1-20.";
    assert_eq!(
        facts("Uins", d, Type::Array(Box::new(Type::Integer))),
        json!({"min_length": 1, "max_length": 20, "length_of": "items"})
    );
    // Pairs after a space only at a meaning's first space (`明细数据 项目 ID：` is prose).
    let d = "资源名称：\n具体域名：表示该域名明细数据\nmultiDomains：表示多域名汇总明细数据\n项目 ID：指定项目查询时";
    assert_eq!(facts("Resource", d, Type::String), json!({}));
    // Three lines `Word: meaning` make a list; values explained beside a range make none;
    // a pair after a space needs a word of meaning before it.
    let d = "Empty: No members.\nDead: No members and no offset.\nStable: Consuming.\nPreparingRebalance: Preparing.";
    assert_eq!(
        wire("State", d, Type::String),
        Some(vec![json!("Empty"), json!("Dead"), json!("Stable"), json!("PreparingRebalance")])
    );
    let d = "Whether to sample.\n0: Automatic sampling;\n0–1: Sample at the specified rate;\n1: No sampling.";
    assert_eq!(facts("SamplingRate", d, Type::Float), json!({}));
    let d = "Billing type. POSTPAID_BY_HOUR: pay-as-you-goNote: this field may return null.";
    assert_eq!(facts("ChargeType", d, Type::String), json!({}));
    let d = "Filter match value. Valid values for sqlType: alter, changeuser, create, delete.";
    assert_eq!(facts("Value", d, Type::String), json!({}));
    // A line break wraps nothing: pairs after a space or after a line break are the same.
    let d = "発注ステータス 1：未払い 2:支払い済み、未発送 3:発送中 4:発送成功 5:発送失敗 6:返金済み";
    for (at, _) in d.match_indices(' ') {
        let wrapped = format!("{}\n{}", &d[..at], &d[at + 1..]);
        assert_eq!(facts("Status", &wrapped, Type::Integer), facts("Status", d, Type::Integer), "{wrapped}");
    }
    assert_eq!(wire("Status", d, Type::Integer).map(|v| v.len()), Some(6));
    assert_eq!(facts("Meta", "The default value is ''.", Type::String), json!({"default": ""}));
    assert_eq!(facts("Total", "总内存, 단위: KB", Type::Array(Box::new(Type::Integer))), json!({"unit": "KB"}));
    let d = "Filter condition. The maximum number of `Filters` for each request is 0.\n<li> image-id - String - Required: No - Filter by image ID.</li>";
    assert_eq!(facts("Filters", d, Type::Array(Box::new(Type::Struct("Filter".into()))))["max_length"], json!(null));
}

#[test]
fn wordings_of_the_second_blind_set() {
    let wire = |name: &str, d: &str, ty: Type| {
        facts(name, d, ty)["allowed_values"]
            .as_array()
            .map(|a| a.iter().map(|x| x["value"].clone()).collect::<Vec<_>>())
    };
    // A number glued to its dash and a meaning in Latin letters; one value and its meaning
    // after a spaced dash; `<li>pass.</li>` items; `取值包括` and `可取值有` lists.
    let d = "任务类型，可能的值：1-数据库回档；2-SQL操作；3-数据导入";
    assert_eq!(wire("TaskTypes", d, Type::Integer), Some(vec![json!(1), json!(2), json!(3)]));
    assert_eq!(wire("Type", "ログのタイプ。可能な値：binlog - 2進数ログ", Type::String), Some(vec![json!("binlog")]));
    let d = "Suggestion; value range: \n• pass.\n• review.\n• block.";
    assert_eq!(wire("Suggestion", d, Type::String), Some(vec![json!("pass"), json!("review"), json!("block")]));
    let d = "实例类型校验策略，取值包括 ALL 和 ANY，默认取值为ANY。";
    assert_eq!(facts("Policy", d, Type::String)["allowed_values_complete"], json!(false));
    let d = "任务流状态变更通知模式，可取值有 Finish，Change 和 None，不填代表 Finish。";
    assert_eq!(wire("Mode", d, Type::String), Some(vec![json!("Finish"), json!("Change"), json!("None")]));
    // An example's value is no set; a range open at an end; a float's range takes its
    // explained values; lengths after 不得超过, 长度限制, in brackets, `Length limit: 64`.
    assert_eq!(facts("Read", "回数の和。例えば：この値は2002の場合", Type::Integer)["allowed_values"], json!(null));
    let d = "Text transparency. Value range: (0, 1]\n• 0: Completely transparent\n• 1: Completely opaque\nDefault value: 1.";
    assert_eq!(facts("FontAlpha", d, Type::Float), json!({"default": 1, "min": 0, "max": 1}));
    assert_eq!(
        facts("Name", "用户名。不得超过64个字符。", Type::String),
        json!({"max_length": 64, "length_of": "chars"})
    );
    assert_eq!(
        facts("Comment", "模板描述信息，长度限制：256 个字节。", Type::String),
        json!({"max_length": 256, "length_of": "bytes"})
    );
    assert_eq!(
        facts("Cookie", "Cookie string. Length limit: 40", Type::String),
        json!({"max_length": 40, "length_of": "chars"})
    );
    let d = "主机名。Windows 实例：名字符长度为[2, 15]。其他类型实例：字符长度为[2, 30]。";
    let host = facts("HostName", d, Type::String);
    assert_eq!(
        (&host["min_length"], &host["max_length"], &host["length_of"]),
        (&json!(2), &json!(30), &json!("chars"))
    );
    assert_eq!(
        facts("Port", "カスタムポート。ポート範囲：[ 1024～65535 ]", Type::Integer),
        json!({"min": 1024, "max": 65535})
    );
    // No value: a note's text, a heading line, an `Examples:` line.
    let d = "Topic id.\n- Obtain it through the list. Note: BizType 0: log topic (default value), 1: metric topic.";
    assert_eq!(facts("TopicId", d, Type::String), json!({}));
    let d = "The encoding method.\nExamples:\nlive_H264: Live H264\nlive_H265: Live H265\ntop_H264: Top H264";
    assert_eq!(
        wire("ModuleCodec", d, Type::String),
        Some(vec![json!("live_H264"), json!("live_H265"), json!("top_H264")])
    );
}
