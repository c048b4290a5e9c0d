//! Streamed replies: whether an action's page documents a reply sent as Server-Sent Events,
//! and the events of its output examples written as SSE lines.
//!
//! Structure first, words as hints. The strongest signal is an output example written as
//! SSE field lines (`data:{…}`, `event:`, `id:`) instead of a JSON reply; next a Boolean
//! input named `Stream` whose description speaks of streaming; last the action's name
//! ending in `SSE` with a description that speaks of it. The words are the vocabulary's
//! (`vocab::says_streaming`), never this pass's: a word alone never makes an action
//! streaming ("push streaming" of a live-video product is no streamed reply).
//!
//! [`split`] reads an example by the SSE rules: `data:` with or without the space, several
//! `data:` lines of one event joined by a line break, a blank line ending an event,
//! comments (`:`) skipped, `[DONE]` ending the stream. A line that is no SSE field at all
//! is reported, alone: the other events still count.

use crate::ir::{Param, StreamSignal, Streaming, Type};
use crate::vocab;

/// The fields of an event (any other name makes a line that is no SSE field).
const FIELDS: &[&str] = &["data", "event", "id", "retry"];

/// The wire name of the Boolean input that asks for a streamed reply.
pub const STREAM_INPUT: &str = "Stream";

/// The suffix of the name of an action that always streams (`ReconstructDocumentSSE`).
const SSE_SUFFIX: &str = "SSE";

/// One event of an example: the line (0-based within the example's code) its first
/// `data:` line is on, and its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SseEvent {
    pub line: usize,
    pub data: String,
}

/// An example read as SSE lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SseSplit {
    /// The events with data, in order, up to `[DONE]`.
    pub events: Vec<SseEvent>,
    /// Lines that are no SSE field (0-based line, its text).
    pub stray: Vec<(usize, String)>,
    /// The stream ended with `[DONE]`.
    pub done: bool,
}

/// A line as an SSE field: its name and value (`data:x`, `data: x`), or `None` for a line
/// that is none. A comment (`: …`) is the empty name.
fn field(line: &str) -> Option<(&str, &str)> {
    let line = line.trim();
    if let Some(comment) = line.strip_prefix(':') {
        return Some(("", comment));
    }
    let (name, value) = line.split_once(':')?;
    FIELDS.contains(&name).then(|| (name, value.strip_prefix(' ').unwrap_or(value)))
}

/// Whether an example's code is written as SSE lines: its first line that is neither blank
/// nor a comment is an SSE field, and it gives at least one event or `[DONE]`.
pub fn is_sse(code: &str) -> bool {
    let mut lines = code.lines().filter(|l| !l.trim().is_empty());
    let first = lines.find(|l| field(l).is_none_or(|(name, _)| !name.is_empty()));
    first.and_then(field).is_some() && {
        let split = split(code);
        !split.events.is_empty() || split.done
    }
}

/// Reads an example's code by the SSE rules (see the module documentation). Pages that
/// leave out the blank line between two events give one event of several `data:` lines
/// which, joined, is no JSON but each of which is: those are read as one event each.
pub fn split(code: &str) -> SseSplit {
    let mut out = SseSplit::default();
    let mut data: Vec<(usize, &str)> = Vec::new();
    for (i, line) in code.lines().enumerate() {
        if line.trim().is_empty() {
            if dispatch(&mut out, &mut data) {
                return out;
            }
            continue;
        }
        match field(line) {
            Some(("data", value)) => data.push((i, value)),
            Some(_) => {}
            None => out.stray.push((i, line.trim().to_string())),
        }
    }
    dispatch(&mut out, &mut data);
    out
}

/// Ends the event whose `data` lines are gathered; true at `[DONE]`.
fn dispatch(out: &mut SseSplit, data: &mut Vec<(usize, &str)>) -> bool {
    let lines = std::mem::take(data);
    let Some(&(first, _)) = lines.first() else { return false };
    let joined = lines.iter().map(|(_, d)| *d).collect::<Vec<_>>().join("\n");
    if joined.trim() == "[DONE]" {
        out.done = true;
        return true;
    }
    let is_json = |text: &str| serde_json::from_str::<serde_json::Value>(text).is_ok();
    if lines.len() > 1 && !is_json(&joined) && lines.iter().all(|(_, d)| is_json(d) || d.trim() == "[DONE]") {
        for (line, d) in lines {
            if d.trim() == "[DONE]" {
                out.done = true;
                return true;
            }
            out.events.push(SseEvent { line, data: d.to_string() });
        }
        return false;
    }
    out.events.push(SseEvent { line: first, data: joined });
    false
}

/// Whether an action's page documents a streamed reply, and how it is asked for: from its
/// name, its description, its inputs and its output examples' code.
pub fn detect<'a>(
    name: &str,
    description: &str,
    input: &[Param],
    outputs: impl IntoIterator<Item = &'a str>,
) -> Option<Streaming> {
    let mut from = Vec::new();
    let sse = outputs.into_iter().any(is_sse);
    if sse {
        from.push(StreamSignal::SseExamples);
    }
    let stream = input.iter().find(|p| p.name == STREAM_INPUT && p.ty == Type::Boolean);
    let says = stream.is_some_and(|p| vocab::says_streaming(&p.description));
    if says {
        from.push(StreamSignal::StreamInput);
    }
    if name.ends_with(SSE_SUFFIX) && name.len() > SSE_SUFFIX.len() && (sse || vocab::says_streaming(description)) {
        from.push(StreamSignal::ActionName);
    }
    if from.is_empty() {
        return None;
    }
    // The `Stream` input asks for it when the page says so, or when the examples stream.
    let input = stream.filter(|_| says || sse).map(|p| p.name.clone());
    Some(Streaming { input, from })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn datas(code: &str) -> Vec<String> {
        split(code).events.into_iter().map(|e| e.data).collect()
    }

    #[test]
    fn data_lines_with_or_without_the_space() {
        let code = "data:{\"a\":1}\n\ndata: {\"a\":2}\n\ndata:  {\"a\":3}\n";
        assert_eq!(datas(code), ["{\"a\":1}", "{\"a\":2}", " {\"a\":3}"]);
        let split = split(code);
        assert_eq!(split.events.iter().map(|e| e.line).collect::<Vec<_>>(), [0, 2, 4]);
        assert!(split.stray.is_empty() && !split.done);
    }

    #[test]
    fn done_ends_the_stream_and_comments_ids_and_events_are_skipped() {
        let code =
            ": heartbeat\nid: 1\nevent: message\ndata: {\"x\":\"流式\"}\n\nid: 2\ndata:[DONE]\n\ndata: {\"after\":1}\n";
        let split = split(code);
        assert_eq!(split.events, [SseEvent { line: 3, data: "{\"x\":\"流式\"}".into() }]);
        assert!(split.done);
    }

    #[test]
    fn multi_line_data_is_one_event_unless_each_line_is_json_alone() {
        assert_eq!(datas("data: {\"a\":\ndata: 1}\n"), ["{\"a\":\n1}"]);
        assert_eq!(
            datas("data: {\"a\":1}\ndata: {\"a\":2}\ndata: [DONE]\ndata: {\"a\":3}"),
            ["{\"a\":1}", "{\"a\":2}"]
        );
        assert_eq!(datas("data: first\ndata: second\n"), ["first\nsecond"]);
    }

    #[test]
    fn lines_that_are_no_field_are_reported_alone() {
        let code = "data:{\"a\":1}\n\n{data: {\"a\": 2}}\n\ndata:{\"a\":3}\n\nそのほか\n";
        let split = split(code);
        assert_eq!(datas(code), ["{\"a\":1}", "{\"a\":3}"]);
        assert_eq!(split.stray, [(2, "{data: {\"a\": 2}}".to_string()), (6, "そのほか".to_string())]);
    }

    #[test]
    fn only_code_starting_with_a_field_is_sse() {
        assert!(is_sse("\n  data: {\"Choices\":[]}\n\ndata: [DONE]\n"));
        assert!(is_sse("id: 1\ndata: {\"a\":1}\n"));
        assert!(is_sse("data: [DONE]"));
        assert!(!is_sse("{\n  \"Response\": {\"Image\": \"data:image/png;base64,AAAA\"}\n}"));
        assert!(!is_sse(": only a comment\n"));
        assert!(is_sse(": a heartbeat first\n\ndata: {}\n"));
        assert!(!is_sse("id: 1\n"));
        assert!(!is_sse("metadata: x\ndata: 1"));
        assert!(!is_sse(""));
    }

    fn boolean(name: &str, description: &str) -> Param {
        Param { description: description.into(), ..Param::sample(name, Type::Boolean) }
    }

    #[test]
    fn detection_needs_structure_not_words_alone() {
        let sse = "data: {\"Id\": \"1\"}\n\ndata: [DONE]";
        let json = "{\"Response\": {\"RequestId\": \"r\"}}";
        let stream = boolean("Stream", "Whether it is streaming output.");
        let got = detect("ChatCompletions", "", std::slice::from_ref(&stream), [json, sse]).unwrap();
        assert_eq!(got.input.as_deref(), Some("Stream"));
        assert_eq!(got.from, [StreamSignal::SseExamples, StreamSignal::StreamInput]);
        // The input's words alone, in any language.
        for words in
            ["流式调用开关。", "ストリーミング出力かどうか", "스트리밍 출력 여부", "Results come via the SSE protocol"]
        {
            let got = detect("Chat", "", &[boolean("Stream", words)], [json]).unwrap();
            assert_eq!((got.input.as_deref(), got.from), (Some("Stream"), vec![StreamSignal::StreamInput]), "{words}");
        }
        // Always streaming: no input asks for it.
        let got = detect("ReconstructDocumentSSE", "Uses the HTTP SSE protocol.", &[], [json]).unwrap();
        assert_eq!((got.input, got.from), (None, vec![StreamSignal::ActionName]));
        let got = detect("TextToSpeechSSE", "Text to speech.", &[], [sse]).unwrap();
        assert_eq!((got.input, got.from), (None, vec![StreamSignal::SseExamples, StreamSignal::ActionName]));
        // Words without structure, structure without words: nothing.
        assert_eq!(detect("StartStreaming", "Starts push streaming (SSE).", &[], [json]), None);
        assert_eq!(detect("DescribeStream", "", &[boolean("Stream", "Whether to push the stream.")], [json]), None);
        assert_eq!(detect("Assess", "An assessment.", &[boolean("Stream", "An assessment")], [json]), None);
        assert_eq!(detect("SSE", "streaming", &[], [json]), None);
        let string = Param { description: "streaming".into(), ..Param::sample("Stream", Type::String) };
        assert_eq!(detect("Chat", "", &[string], [json]), None);
        assert_eq!(detect("GetImage", "", &[], ["{\"Response\": {\"Url\": \"data:image/png;base64,AA\"}}"]), None);
    }

    proptest! {
        #[test]
        fn splitting_never_panics(code in "(data|event|id|:|\\[DONE\\]|\\{|\\}|\"|\n|\r| |流式|é|\u{301}|Ａ|[a-z]){0,80}") {
            let split = split(&code);
            let lines = code.lines().count();
            prop_assert!(split.events.iter().all(|e| e.line < lines));
            prop_assert!(split.stray.iter().all(|(l, _)| *l < lines));
            let _ = is_sse(&code);
        }

        #[test]
        fn any_text_never_panics(code in any::<String>()) {
            let _ = split(&code);
            let _ = is_sse(&code);
            let _ = vocab::says_streaming(&code);
        }
    }
}
