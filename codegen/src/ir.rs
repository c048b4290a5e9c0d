//! The intermediate representation: what a product version's documentation says, with the
//! Rust names chosen for it. Written to `generated/ir/<product>-<version>.json` for review.
//!
//! The IR holds meaning only, never positions: the text and HTML forms of a page give the
//! same IR, and a page whose lines merely moved gives an unchanged IR. Every map is a
//! `BTreeMap` and every list keeps page order, so the JSON is byte-identical run to run.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

pub mod limits;
pub mod value_set;

/// The marker stored as the first key of IR files (`"@generated"`).
pub const GENERATED_MARKER: &str = "by cargo xtask regen — do not edit";

/// The contradiction recorded for an example whose output lacks its `Response` wrapper but
/// is still used: it carries `RequestId`, so it can only be the object under `Response`.
pub const UNWRAPPED_OUTPUT: &str =
    "output has no `Response` object; its object carries `RequestId`, so it is read as the one under `Response`";

/// One product version: `vpc` `2017-03-12`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Api {
    #[serde(rename = "@generated")]
    pub generated: String,
    /// Product (service) name as in the host: `vpc`.
    pub product: String,
    /// API version: `2017-03-12`.
    pub version: String,
    /// Rust module names: `vpc`, `v20170312`.
    pub rust_module: String,
    pub rust_version_module: String,
    /// Actions by name.
    pub actions: BTreeMap<String, Action>,
    /// Structures (from the Data Types page) used by the documented actions.
    pub data_types: BTreeMap<String, DataType>,
    /// Every error code known for the product: from the Error Codes page when there is
    /// one, and from the actions' pages.
    pub error_codes: BTreeMap<String, ErrorCodeInfo>,
}

/// One API action (one page).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// `AssociateAddress`.
    pub name: String,
    pub rust: ActionNames,
    /// Host named by the page: `vpc.intl.tencentcloudapi.com`.
    pub host: String,
    /// The API description (section 1), paragraphs and list items, one per line.
    pub description: String,
    /// Requests per second allowed, from "A maximum of N requests … per second".
    pub rate_limit: Option<u32>,
    /// Input parameters without the common `Action`, `Version`, `Region`.
    pub input: Vec<Param>,
    /// Output parameters, `RequestId` included.
    pub output: Vec<Param>,
    pub examples: Vec<Example>,
    /// Business error codes of this action, in page order.
    pub errors: Vec<ActionError>,
    /// Constraints read from the parameters' descriptions.
    pub constraints: Vec<Constraint>,
    /// How the results come in pages, when they do (`lower::pagination`): the client gets
    /// a paginator for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination>,
    /// The action reports how some work goes (`lower::waiter`): the client gets a method
    /// that polls it until the work is done or failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiter: Option<Waiter>,
    /// The page documents a reply streamed as Server-Sent Events (`lower::streaming`): the
    /// client gets a method giving the events as a stream.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub streaming: Option<Streaming>,
}

/// How an action's reply comes as a stream of events, and what on its page says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Streaming {
    /// The Boolean input that asks for a streamed reply (`Stream`); none when the action
    /// always streams (`ReconstructDocumentSSE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// What said so, strongest first.
    pub from: Vec<StreamSignal>,
}

/// A signal on a page that its action's reply is streamed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StreamSignal {
    /// An output example written as SSE `data:` lines instead of a JSON reply.
    SseExamples,
    /// A Boolean input named `Stream` whose description says it asks for streaming.
    StreamInput,
    /// The action's name ends in `SSE` and its description speaks of streaming.
    ActionName,
}

/// A state whose documented values say how some work goes: an output (`Status` of
/// `DescribeVpcTaskResult`, `SUCCESS` / `FAILED` / `RUNNING`: the client waits until done),
/// or a field of each resource a Describe action lists (`InstanceState` of
/// `InstanceSet`: the client waits until every resource is in the states asked for).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiter {
    /// The list output of the resources whose state is watched (`InstanceSet`); none for
    /// an output state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<String>,
    /// The state's wire name (an output's, or the resources' field's): `Status`.
    pub state: String,
    /// The values that mean the work is done.
    pub done: Vec<String>,
    /// The values that mean it failed.
    pub failed: Vec<String>,
    /// The values that mean it is under way (any value not listed is taken as such too; for
    /// resources, every documented value neither done nor failed).
    pub pending: Vec<String>,
}

/// How an action's results come in pages, read from its parameters' names and types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pagination {
    pub style: PageStyle,
    /// The input that says which page: `Offset`, `PageNumber`, `NextToken`.
    pub position: PageParam,
    /// The input page size: `Limit`, `PageSize`, `MaxResults`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<PageParam>,
    /// The output list of a page's items: `AddressSet`.
    pub items: String,
    /// The output total number of items: `TotalCount`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<String>,
    /// The page size's documented maximum ("Maximum value: 100"): the paginator's page
    /// size when the request sets none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_page_size: Option<u64>,
}

/// An input parameter of pagination: its wire name, and whether it is documented as a
/// string (`"Offset": "20"`) rather than an integer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageParam {
    pub name: String,
    pub text: bool,
}

/// How the position advances.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PageStyle {
    /// Items skipped (`Offset`), advanced by each page's item count.
    Offset,
    /// A page number, starting at `first`.
    PageNumber { first: u64 },
    /// An opaque token: the reply's `output` is sent back as the position; the list ends
    /// when it is absent or empty, or when the boolean output `done` (`ListOver`) is true.
    Token {
        output: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        done: Option<String>,
    },
}

/// The Rust names generated for an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionNames {
    /// Module (file) name: `associate_address`.
    pub module: String,
    /// Client method name: `associate_address`.
    pub method: String,
    pub request: String,
    pub response: String,
    pub error: String,
    /// The type of one event of a streamed reply (`ChatCompletionsEvent`), for a
    /// streaming action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
}

/// A parameter of an action or a field of a structure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Param {
    /// Wire name, without the `.N` list suffix: `AddressIds`.
    pub name: String,
    /// Rust field name: `address_ids`.
    pub rust_name: String,
    /// Must be given (input) / always present (output). Output parameters and structure
    /// fields without a Required column are required unless documented as nullable.
    pub required: bool,
    /// The type exactly as the page prints it: `Array of String`.
    pub doc_type: String,
    /// The resolved type.
    pub ty: Type,
    /// The description says the field may be `null`.
    pub nullable: bool,
    pub description: String,
    /// The example value the page gives (`示例值:` on the Chinese site).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example_value: Option<String>,
    /// What the description states about the values (`lower::facts`), as keys of this
    /// object: `allowed_values`, `default`, `min`, `max`, `min_length`, `max_length`,
    /// `length_of`, `unit`, `filters`, `facts_from`.
    #[serde(flatten)]
    pub facts: Facts,
}

/// What a parameter's description states about its values, each fact with the sentence it
/// came from (`facts_from`). Values are typed by the parameter's type: `[0, 1]` for an
/// Integer, `["5.6", "5.7"]` for a String; for an array, the facts of each element, except
/// `min_length` / `max_length` with `length_of: items`. Every key is absent when the prose
/// says nothing of it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Facts {
    /// The wire values the page allows, in page order (for `Filters`: the filter names).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_values: Option<Vec<AllowedValue>>,
    /// False when the text says the list may be partial ("include", "etc.", "等"): the
    /// values are examples of an open set. Absent when no values are named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_values_complete: Option<bool>,
    /// A literal wire value the server takes when the parameter is not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<serde_json::Value>,
    /// The range of the value itself (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<serde_json::Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<serde_json::Number>,
    /// Limits on the length, counted in `length_of`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length_of: Option<LengthOf>,
    /// The unit of the value, normalised: `s`, `ms`, `day`, `month`, `B`, `KB`, `MB`, `GB`,
    /// `GiB`, `Mbps`, `CNY`, `USD`, `%`, …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// For a `Filters.N` parameter: the filters its description documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub filters: Vec<FilterDoc>,
    /// For each fact above (by its key), the sentence of the description it came from.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub facts_from: BTreeMap<String, String>,
}

/// A documented value: the wire value and what the page says it means.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllowedValue {
    pub value: serde_json::Value,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub meaning: String,
}

/// What a length limit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LengthOf {
    /// Characters of a string.
    Chars,
    /// Items of a list.
    Items,
    /// Bytes of a string.
    Bytes,
}

/// One filter a `Filters.N` parameter documents: `address-status`, its value type, whether
/// it must be given, what it filters by, and its own value set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilterDoc {
    /// The filter name as printed: `address-status`, `tag:tag-key`.
    pub name: String,
    /// The type of its values as printed (`String`, `Integer`), when the page gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_type: Option<String>,
    /// Whether the page says it must be given, when it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_values: Option<Vec<AllowedValue>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_values_complete: Option<bool>,
}

impl Facts {
    /// Whether the description states nothing.
    pub fn is_empty(&self) -> bool {
        *self == Facts::default()
    }
}

/// A resolved type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Type {
    String,
    Integer,
    Float,
    Boolean,
    /// `Timestamp`, `Timestamp ISO8601`: kept as the string the API sends.
    Timestamp,
    /// `Date`: kept as the string the API sends.
    Date,
    Array(Box<Type>),
    /// A structure of the Data Types page.
    Struct(String),
    /// A type the page names but neither a basic type nor a documented structure (a
    /// documentation defect, reported as a warning): any JSON value, `serde_json::Value`.
    /// The printed name stays in [`Param::doc_type`].
    Json,
}

/// A documented example of an action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub title: String,
    pub description: String,
    /// How the page shows the request: a `POST` JSON body (with or without the `POST`
    /// line) or a `GET` query string.
    pub input_form: InputForm,
    /// The request parameters as JSON (a GET query string is turned into JSON using the
    /// parameters' types), without `Action`, `Version`, `Region`; `null` when the input
    /// cannot be read (see `defects`).
    pub input: serde_json::Value,
    /// The whole output example (`{"Response": …}`); `null` when it cannot be read (see
    /// `defects`).
    pub output: serde_json::Value,
    /// What the generated test expects of the input: the tables win where the example
    /// contradicts them.
    pub input_outcome: InputOutcome,
    /// The output fits the output table and deserializes into the response.
    pub output_deserializes: bool,
    /// How the example contradicts its own page, if it does.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contradictions: Vec<String>,
    /// Why a part of the example cannot be used at all (documentation defects: not JSON,
    /// no `Response` object, …), without positions: that part is `null` and untested,
    /// and the generated tests state the defect in an ignored test.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub defects: Vec<String>,
    /// For a streaming action, the events of an output written as SSE `data:` lines (then
    /// `output` is `null`), each the JSON of one event's data, in order; an event whose
    /// data is not JSON is left out and stated in `defects`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<EventExample>,
}

/// One documented event of a streamed reply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventExample {
    /// The event's data: a JSON object.
    pub data: serde_json::Value,
    /// It fits the output table (the reply's `RequestId` aside) and deserializes into the
    /// event type.
    pub deserializes: bool,
    /// An error event: the API error code its data carries (`Error.Code`, bare or in a
    /// `Response`), which ends the stream as that error; not checked against the table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// What happens to an example's input in the generated tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputOutcome {
    /// It deserializes into the request and validates.
    Valid,
    /// It deserializes but breaks a documented constraint: `validate` rejects it.
    RejectedByValidation,
    /// It does not fit the input table (a required parameter missing, a value of the
    /// wrong type): it does not deserialize.
    DoesNotDeserialize,
    /// It cannot be read (a documentation defect, see `Example::defects`): not tested.
    Unreadable,
}

/// How an example shows its request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputForm {
    Post,
    Get,
}

/// A business error code listed on an action's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionError {
    pub code: String,
    pub description: String,
}

/// A product-wide error code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorCodeInfo {
    /// Rust variant name: `FailedOperationTaskFailed`.
    pub rust_variant: String,
    pub description: String,
    pub kind: ErrorCodeKind,
    /// A common code that the Error Codes page lists among the service codes too.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub also_service: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ErrorCodeKind {
    /// A common error code of every Tencent Cloud API.
    Common,
    /// A service error code of the product (Error Codes page).
    Service,
    /// Known only from an action's page.
    Action,
}

/// A constraint between parameters, read from the prose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Constraint {
    /// At most one of these parameters may be given.
    MutuallyExclusive { params: Vec<String>, sentence: String },
    /// When `param` is given, `requires` must be given too.
    Requires { param: String, requires: String, sentence: String },
    /// At least one of these parameters must be given.
    AtLeastOne { params: Vec<String>, sentence: String },
}

/// A structure of the Data Types page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataType {
    pub name: String,
    pub rust_name: String,
    pub description: String,
    /// The page has a Required column for this structure (it is used in requests).
    pub has_required_column: bool,
    pub fields: Vec<Param>,
}

#[cfg(test)]
impl Param {
    /// A parameter of tests: this name and type, optional, nothing documented.
    pub(crate) fn sample(name: &str, ty: Type) -> Param {
        Param {
            name: name.into(),
            rust_name: name.to_lowercase(),
            required: false,
            doc_type: String::new(),
            ty,
            nullable: false,
            description: String::new(),
            example_value: None,
            facts: Facts::default(),
        }
    }
}

impl Waiter {
    /// The waiter in a line, for reports and reviews: `Status: done SUCCESS; failed FAILED`
    /// (work) or `AddressSet[].AddressStatus: failed FAILED` (resources).
    pub fn summary(&self) -> String {
        match &self.items {
            None => format!("{}: done {}; failed {}", self.state, self.done.join(", "), self.failed.join(", ")),
            Some(items) => format!("{items}[].{}: failed {}", self.state, self.failed.join(", ")),
        }
    }
}

impl Type {
    /// An integer or a string: what a page position or size can be sent as.
    pub fn is_integer_or_string(&self) -> bool {
        matches!(self, Type::Integer | Type::String)
    }

    /// Whether this type is, or holds, an undocumented structure ([`Type::Json`]).
    pub fn has_json(&self) -> bool {
        match self {
            Type::Json => true,
            Type::Array(inner) => inner.has_json(),
            _ => false,
        }
    }

    /// The structure this type refers to, looking through arrays.
    pub fn struct_name(&self) -> Option<&str> {
        match self {
            Type::Struct(name) => Some(name),
            Type::Array(inner) => inner.struct_name(),
            _ => None,
        }
    }
}

impl Streaming {
    /// The streamed reply in a line, for reports and reviews: `when Stream is true` or
    /// `always`.
    pub fn summary(&self) -> String {
        match &self.input {
            Some(input) => format!("when {input} is true"),
            None => "always".to_string(),
        }
    }
}

impl PageStyle {
    /// The style's name, for reports: `offset`, `page number`, `token`.
    pub fn name(&self) -> &'static str {
        match self {
            PageStyle::Offset => "offset",
            PageStyle::PageNumber { .. } => "page number",
            PageStyle::Token { .. } => "token",
        }
    }
}

impl Api {
    /// Drops, in place, the structures that no action uses (directly or through other
    /// structures): what code is generated for. The IR files keep every structure the Data
    /// Types page documents.
    pub fn retain_used_structures(&mut self) {
        let used = used_structures(self.actions.values(), &self.data_types);
        self.data_types.retain(|name, _| used.contains(name));
    }
}

/// The structures these actions use, directly or through other structures.
pub fn used_structures<'a>(
    actions: impl IntoIterator<Item = &'a Action>,
    types: &BTreeMap<String, DataType>,
) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let mut work: Vec<String> = actions
        .into_iter()
        .flat_map(|a| a.input.iter().chain(&a.output))
        .filter_map(|p| p.ty.struct_name().map(str::to_string))
        .collect();
    while let Some(name) = work.pop() {
        if used.insert(name.clone()) {
            if let Some(dt) = types.get(&name) {
                work.extend(dt.fields.iter().filter_map(|f| f.ty.struct_name().map(str::to_string)));
            }
        }
    }
    used
}

/// Serialises a set of product versions as pretty JSON with a trailing newline.
pub fn to_json(api: &Api) -> String {
    let mut json = serde_json::to_string_pretty(api).expect("IR serialises");
    json.push('\n');
    json
}
