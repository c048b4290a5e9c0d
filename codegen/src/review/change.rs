//! One change between two IRs ([`Change`]) and the kinds of change ([`Kind`]).

use serde::Serialize;

/// The kinds of change, in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    ActionAdded,
    ActionRemoved,
    InputAdded,
    InputRemoved,
    InputType,
    InputRequired,
    OutputAdded,
    OutputRemoved,
    OutputType,
    OutputNullability,
    ErrorAdded,
    ErrorRemoved,
    ConstraintAdded,
    ConstraintRemoved,
    RateLimitChanged,
    PaginatorAdded,
    PaginatorRemoved,
    PaginatorChanged,
    WaiterAdded,
    WaiterRemoved,
    WaiterChanged,
    StreamingAdded,
    StreamingRemoved,
    StreamingChanged,
    TypeAdded,
    TypeRemoved,
    FieldAdded,
    FieldRemoved,
    FieldType,
    FieldRequired,
    FieldNullability,
    ValueAdded,
    ValueRemoved,
    ValueSetAdded,
    ValueSetRemoved,
    DefaultChanged,
    LimitTightened,
    LimitLoosened,
    UnitChanged,
    FilterAdded,
    FilterRemoved,
    CommonCodeAdded,
    CommonCodeRemoved,
    ServiceCodeAdded,
    ServiceCodeRemoved,
}

/// Every kind with its name (`input-added`, as in the JSON) and its label in a report.
const KINDS: [(Kind, &str, &str); 45] = [
    (Kind::ActionAdded, "action-added", "actions added"),
    (Kind::ActionRemoved, "action-removed", "actions removed"),
    (Kind::InputAdded, "input-added", "input parameters added"),
    (Kind::InputRemoved, "input-removed", "input parameters removed"),
    (Kind::InputType, "input-type", "input types changed"),
    (Kind::InputRequired, "input-required", "inputs made required / optional"),
    (Kind::OutputAdded, "output-added", "output parameters added"),
    (Kind::OutputRemoved, "output-removed", "output parameters removed"),
    (Kind::OutputType, "output-type", "output types changed"),
    (Kind::OutputNullability, "output-nullability", "outputs that may be null / never null"),
    (Kind::ErrorAdded, "error-added", "error codes added"),
    (Kind::ErrorRemoved, "error-removed", "error codes removed"),
    (Kind::ConstraintAdded, "constraint-added", "input constraints added"),
    (Kind::ConstraintRemoved, "constraint-removed", "input constraints removed"),
    (Kind::RateLimitChanged, "rate-limit-changed", "rate limits changed"),
    (Kind::PaginatorAdded, "paginator-added", "paginators added"),
    (Kind::PaginatorRemoved, "paginator-removed", "paginators removed"),
    (Kind::PaginatorChanged, "paginator-changed", "paginators changed"),
    (Kind::WaiterAdded, "waiter-added", "waiters added"),
    (Kind::WaiterRemoved, "waiter-removed", "waiters removed"),
    (Kind::WaiterChanged, "waiter-changed", "waiters changed"),
    (Kind::StreamingAdded, "streaming-added", "streamed replies added"),
    (Kind::StreamingRemoved, "streaming-removed", "streamed replies removed"),
    (Kind::StreamingChanged, "streaming-changed", "streamed replies changed"),
    (Kind::TypeAdded, "type-added", "data types added"),
    (Kind::TypeRemoved, "type-removed", "data types removed"),
    (Kind::FieldAdded, "field-added", "fields added"),
    (Kind::FieldRemoved, "field-removed", "fields removed"),
    (Kind::FieldType, "field-type", "field types changed"),
    (Kind::FieldRequired, "field-required", "fields made required / optional"),
    (Kind::FieldNullability, "field-nullability", "fields that may be null / never null"),
    (Kind::ValueAdded, "value-added", "documented values added"),
    (Kind::ValueRemoved, "value-removed", "documented values removed"),
    (Kind::ValueSetAdded, "value-set-added", "value sets added"),
    (Kind::ValueSetRemoved, "value-set-removed", "value sets removed"),
    (Kind::DefaultChanged, "default-changed", "defaults changed"),
    (Kind::LimitTightened, "limit-tightened", "ranges and lengths tightened"),
    (Kind::LimitLoosened, "limit-loosened", "ranges and lengths loosened"),
    (Kind::UnitChanged, "unit-changed", "units changed"),
    (Kind::FilterAdded, "filter-added", "filters added"),
    (Kind::FilterRemoved, "filter-removed", "filters removed"),
    (Kind::CommonCodeAdded, "common-code-added", "common error codes added"),
    (Kind::CommonCodeRemoved, "common-code-removed", "common error codes removed"),
    (Kind::ServiceCodeAdded, "service-code-added", "service error codes added"),
    (Kind::ServiceCodeRemoved, "service-code-removed", "service error codes removed"),
];

impl Kind {
    /// Every kind, in report order.
    pub fn all() -> impl Iterator<Item = Kind> {
        KINDS.iter().map(|(k, _, _)| *k)
    }

    /// `input-added`.
    pub fn as_str(self) -> &'static str {
        KINDS.iter().find(|(k, _, _)| *k == self).map_or("", |(_, name, _)| name)
    }

    /// Whether the change is one of what a description states (a value set, a default, a
    /// range or length, a unit, a filter) rather than of the tables.
    pub fn is_fact(self) -> bool {
        (Kind::ValueAdded..=Kind::FilterRemoved).contains(&self)
    }

    /// `input parameters added`.
    pub fn label(self) -> &'static str {
        KINDS.iter().find(|(k, _, _)| *k == self).map_or("", |(_, _, label)| label)
    }
}

/// One API change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    pub kind: Kind,
    /// `Action`, `Action.Param`, `Action:ErrorCode`, `Type`, `Type.Field`, or a product
    /// error code.
    pub path: String,
    pub breaking: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
    /// `vpc/2017-03-12`, when several product versions are compared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api: Option<String>,
    /// A change of what the description of a structure's field states (its path is
    /// `Type.Field`), rather than of an action's parameter (`Action.Param`): a report lists
    /// it under its data type.
    #[serde(skip)]
    pub of_field: bool,
}

pub(super) fn change(kind: Kind, path: String, breaking: bool, old: Option<String>, new: Option<String>) -> Change {
    Change { kind, path, breaking, old, new, api: None, of_field: false }
}
