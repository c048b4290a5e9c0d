//! The words of Chinese pages.

use super::blocks::Column;
use super::words::{Section, Vocabulary};

/// The words of Chinese pages.
pub const ZH: Vocabulary = Vocabulary {
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
