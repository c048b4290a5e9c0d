//! Paginators: every page of a paginated action as a [`Stream`], and every item.
//!
//! Generated requests of paginated actions implement [`crate::Paginated`], which says
//! where the position and the page size go and which outputs hold the items and the
//! total ([`crate::Paging`]). The paginator works on the request's wire form: it sets the
//! position (and the page size, when the request sets none and the page documents a
//! maximum) and sends each page through [`Client`]'s one send path, so every page is
//! signed, retried and rate-limited like any call.
//!
//! It stops at the documented total (read again from every page: a total that changes
//! mid-way is followed), at an empty page, at a page shorter than the page size when there
//! is no total, or when the token comes back empty (or the "list over" output is true). A
//! page the same as an earlier one, or a token sent back unchanged, ends the stream with
//! [`Error::Pagination`]: a server that repeats itself is never followed forever.

use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};
use std::pin::Pin;

use futures_core::Stream;
use futures_util::{stream, TryStreamExt};
use serde_json::Value;

use crate::action::{Action, PageParam, PageStyle, Paginated};
use crate::client::Client;
use crate::errors::Error;
use crate::validation::ValidationError;

/// Every page of a paginated action `A`: what the generated `…_pages` methods return.
pub type PageStream<'a, A> =
    Pin<Box<dyn Stream<Item = Result<<A as Action>::Response, Error<<A as Action>::Error>>> + Send + 'a>>;

/// Every item of a paginated action `A`, page after page: what the generated `…_items`
/// methods return.
pub type ItemStream<'a, A> =
    Pin<Box<dyn Stream<Item = Result<<A as Paginated>::Item, Error<<A as Action>::Error>>> + Send + 'a>>;

/// Where a paginator is.
struct State<'a> {
    client: &'a Client,
    /// The request as sent next (its position updated after each page).
    json: Value,
    /// The request broke its documentation: the stream's only item is this error.
    invalid: Option<ValidationError>,
    /// The page size sent, if any.
    size: Option<u64>,
    /// Items before the next page (offset style), or the next page's number.
    position: u64,
    /// Items received so far.
    received: u64,
    /// Pages received so far.
    pages: u64,
    /// Fingerprints of the non-empty pages received (their items), to catch a repeat.
    seen: BTreeSet<u64>,
    done: bool,
}

impl Client {
    /// Every page of a paginated action, from the request's position on (see the module's
    /// documentation for when it ends). The generated `…_pages` methods call this.
    pub fn pages<A: Paginated>(&self, request: &A) -> PageStream<'_, A>
    where
        A::Response: Send,
    {
        let paging = A::PAGING;
        let mut json = request.to_wire();
        let size = match paging.size {
            Some(size) => match json.get(size.name).and_then(number) {
                Some(n) => Some(n),
                None => paging.max_page_size.inspect(|&max| set(&mut json, size, max)),
            },
            None => None,
        };
        let position = match paging.style {
            PageStyle::Offset => json.get(paging.position.name).and_then(number).unwrap_or(0),
            PageStyle::PageNumber { first } => json.get(paging.position.name).and_then(number).unwrap_or(first),
            PageStyle::Token { .. } => 0,
        };
        let state = State {
            client: self,
            json,
            invalid: self.validate(request).err(),
            size,
            position,
            received: 0,
            pages: 0,
            seen: BTreeSet::new(),
            done: false,
        };
        Box::pin(stream::try_unfold(state, next_page::<A>))
    }

    /// Every item of a paginated action: [`Client::pages`] flattened. The generated
    /// `…_items` methods call this.
    pub fn items<A: Paginated>(&self, request: &A) -> ItemStream<'_, A>
    where
        A::Response: Send,
    {
        Box::pin(
            self.pages(request)
                .map_ok(|response| stream::iter(A::into_items(response).into_iter().map(Ok)))
                .try_flatten(),
        )
    }
}

/// Sends the next page, if there is one, and works out where the one after it is.
async fn next_page<A: Paginated>(mut state: State<'_>) -> Result<Option<(A::Response, State<'_>)>, Error<A::Error>> {
    if state.done {
        return Ok(None);
    }
    if let Some(invalid) = state.invalid.take() {
        state.done = true;
        return Err(Error::Validation(invalid));
    }
    let paging = A::PAGING;
    let reply = state.client.send_json::<A>(state.json.clone()).await?;
    state.pages += 1;
    let items = reply.raw.get(paging.items).cloned().unwrap_or(Value::Null);
    let count = items.as_array().map_or(0, Vec::len) as u64;
    if count > 0 && !state.seen.insert(fingerprint(&items)) {
        return Err(Error::Pagination(format!(
            "{}: page {} holds the same {count} items as an earlier page",
            A::ACTION,
            state.pages
        )));
    }
    state.received += count;
    let total = paging.total.and_then(|t| reply.raw.get(t)).and_then(number);
    // Without a total, a page shorter than the page size sent is the last.
    let short = total.is_none() && state.size.is_some_and(|size| count < size);
    match paging.style {
        PageStyle::Offset => {
            state.position += count;
            set(&mut state.json, paging.position, state.position);
            state.done = count == 0 || short || total.is_some_and(|t| state.position >= t);
        }
        PageStyle::PageNumber { .. } => {
            state.position += 1;
            set(&mut state.json, paging.position, state.position);
            state.done = count == 0 || short || total.is_some_and(|t| state.received >= t);
        }
        PageStyle::Token { output, done } => {
            let over = done.and_then(|d| reply.raw.get(d)).is_some_and(is_true);
            let next = reply.raw.get(output).and_then(token);
            let sent = state.json.get(paging.position.name).and_then(token);
            match next {
                Some(next) if !over => {
                    if sent.as_deref() == Some(next.as_str()) {
                        return Err(Error::Pagination(format!(
                            "{}: page {} sent back the token `{output}` it was given",
                            A::ACTION,
                            state.pages
                        )));
                    }
                    if let Value::Object(map) = &mut state.json {
                        map.insert(paging.position.name.to_string(), Value::String(next));
                    }
                }
                _ => state.done = true,
            }
        }
    }
    Ok(Some((reply.response, state)))
}

/// Sets a position or size parameter, as a string when it is documented as one.
fn set(json: &mut Value, param: PageParam, n: u64) {
    if let Value::Object(map) = json {
        let value = if param.text { Value::String(n.to_string()) } else { Value::from(n) };
        map.insert(param.name.to_string(), value);
    }
}

/// A non-negative integer as servers send one: `20`, `20.0`, `"20"`.
fn number(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => {
            n.as_u64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0).map(|f| f as u64))
        }
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A token: a non-empty string (a number is taken as its text).
fn token(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `true`, `1`, `"true"` (any case), `"1"`.
fn is_true(value: &Value) -> bool {
    match value {
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => s.eq_ignore_ascii_case("true") || s.trim() == "1",
        _ => false,
    }
}

/// A fingerprint of a page's items (their JSON text).
fn fingerprint(items: &Value) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    items.to_string().hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_tokens_and_flags_as_servers_send_them() {
        assert_eq!(number(&json!(20)), Some(20));
        assert_eq!(number(&json!(20.0)), Some(20));
        assert_eq!(number(&json!("20")), Some(20));
        assert_eq!(number(&json!(-1)), None);
        assert_eq!(number(&json!(null)), None);
        assert_eq!(token(&json!("abc")), Some("abc".into()));
        assert_eq!(token(&json!("")), None);
        assert_eq!(token(&json!(null)), None);
        assert!(is_true(&json!(true)) && is_true(&json!("True")) && is_true(&json!(1)));
        assert!(!is_true(&json!(false)) && !is_true(&json!("0")) && !is_true(&json!(null)));
    }

    #[test]
    fn positions_are_set_as_documented() {
        let mut body = json!({});
        set(&mut body, PageParam { name: "Offset", text: false }, 20);
        set(&mut body, PageParam { name: "Limit", text: true }, 100);
        assert_eq!(body, json!({"Offset": 20, "Limit": "100"}));
    }

    #[test]
    fn fingerprints_tell_pages_apart() {
        assert_eq!(fingerprint(&json!([{"A": 1}])), fingerprint(&json!([{"A": 1}])));
        assert_ne!(fingerprint(&json!([{"A": 1}])), fingerprint(&json!([{"A": 2}])));
    }
}
