//! Server-Sent Events: the decoder of a `text/event-stream` body, written to the WHATWG HTML
//! standard's [event stream interpretation][spec], for the streaming replies of the API
//! (`ChatCompletions` and the `…SSE` actions send one JSON document per `data:` line).
//!
//! [spec]: https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
//!
//! Pure and synchronous (no I/O, no runtime, no dependency): the client feeds it the bytes of
//! the body as they arrive with [`SseDecoder::push`] and gets the events they complete.
//!
//! What the standard asks, and this decoder does:
//!
//! - lines end with CRLF, LF or CR, wherever the body is split (a CR at the end of one piece
//!   and the LF at the start of the next are one line end);
//! - a UTF-8 byte order mark at the very start is skipped, once; invalid UTF-8 is replaced
//!   with U+FFFD (each complete line is decoded on its own: a character split between two
//!   pieces is whole again);
//! - a line starting with `:` is a comment (heartbeats such as `: keep-alive`), ignored;
//! - `name:value` sets a field, one space after the colon is dropped (one only); a line
//!   without a colon is a field with an empty value; unknown fields are ignored;
//! - `data` lines are joined with `\n`; `event` sets the type; `id` sets the last event id,
//!   which stays for every later event (unless the value contains NUL: then it is ignored);
//!   `retry` sets the reconnection time when its value is ASCII digits only (not empty, and
//!   within `u64` milliseconds);
//! - a blank line dispatches the event, unless no `data` came (then only the type is reset).
//!
//! What the caller decides: `[DONE]` and any other sentinel are plain data here.
//!
//! ```
//! use tencentcloud_api_runtime::sse::SseDecoder;
//!
//! let mut decoder = SseDecoder::new();
//! // Pieces as TCP reads may cut them: inside a field name, between CR and LF.
//! let mut events = decoder.push(b": keep-alive\n\ndata: {\"Content\":\"\xE4\xBD");
//! events.extend(decoder.push(b"\xA0\xE5\xA5\xBD\"}\r"));
//! events.extend(decoder.push(b"\n\r\nda"));
//! events.extend(decoder.push(b"ta: [DONE]\n\n"));
//! let data: Vec<&str> = events.iter().map(|e| e.data.as_str()).collect();
//! assert_eq!(data, [r#"{"Content":"你好"}"#, "[DONE]"]);
//! assert_eq!(events[0].event_type(), "message");
//! assert!(decoder.is_idle() && decoder.finish().is_none());
//! ```
//!
//! # End of the stream
//!
//! The standard discards an event that no blank line ended. Tencent's published examples
//! end each `data:{…}` line with one newline only, so a server may close right after its
//! last event: [`SseDecoder::finish`] takes the unfinished line as a whole line and returns
//! the pending event when it has data, a lenience that the standard's own streams never
//! need (they always end events with a blank line). A caller that wants the strict rule
//! drops what `finish` returns; [`SseDecoder::is_idle`] tells whether anything was pending.
//! By the standard, `data:` lines with no blank line between them are one event whose data
//! has several lines (`finish` returns it so): splitting it per line is the caller's choice.
//!
//! # Memory
//!
//! The decoder holds the current unfinished line and the fields of the event not yet
//! dispatched, nothing else: every byte is looked at once (no rescanning of a long line).
//! A huge line is simply buffered until it ends (no limit: the client's idle timeout and
//! the server bound it); after a line longer than 64 KiB the line buffer is released
//! rather than kept at that size.

use std::time::Duration;

/// The UTF-8 byte order mark, skipped once at the start of a stream.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A line buffer that grew beyond this is released once its line is done.
const KEEP_CAPACITY: usize = 64 * 1024;

/// One dispatched event.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SseEvent {
    /// The `event` field, `""` when the event had none: callers treat that as `"message"`
    /// (see [`SseEvent::event_type`]).
    pub event: String,
    /// The `data` lines joined with `\n` (the last line's own newline removed).
    pub data: String,
    /// The last event id when the event was dispatched: set by an `id` field of this event or
    /// of any before it, `None` if the stream never sent one. `Some("")` when the server
    /// reset it with an empty `id`.
    pub id: Option<String>,
    /// The reconnection time when the event was dispatched: the last valid `retry` field of
    /// the stream so far (milliseconds), `None` if the stream never sent one.
    pub retry: Option<Duration>,
}

impl SseEvent {
    /// The event's type as the standard names it: the `event` field, `"message"` when empty.
    pub fn event_type(&self) -> &str {
        if self.event.is_empty() {
            "message"
        } else {
            &self.event
        }
    }
}

/// Decodes a `text/event-stream` body fed in pieces of any size; see the [module](self).
#[derive(Debug, Default)]
pub struct SseDecoder {
    /// The bytes of the current line, no line end yet.
    line: Vec<u8>,
    /// The start of the stream was seen (a byte order mark there skipped); until then `line`
    /// holds only a prefix of the mark.
    started: bool,
    /// The last byte was a CR: an LF first in the next piece belongs to the same line end.
    after_cr: bool,
    /// A field line came since the last dispatch.
    in_event: bool,
    /// The data buffer (each `data` value followed by `\n`).
    data: String,
    /// The event type buffer.
    event: String,
    /// The last event id buffer (not reset by dispatch).
    last_id: Option<String>,
    /// The reconnection time (not reset by dispatch).
    retry: Option<Duration>,
}

impl SseDecoder {
    /// A decoder at the start of a stream.
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds bytes as they arrive (any split: inside a UTF-8 sequence, between `\r` and
    /// `\n`, in a field name); returns the events completed by them, in order.
    pub fn push(&mut self, bytes: &[u8]) -> Vec<SseEvent> {
        let mut events = Vec::new();
        let mut rest = self.skip_bom(bytes);
        if self.after_cr && !rest.is_empty() {
            self.after_cr = false;
            rest = rest.strip_prefix(b"\n").unwrap_or(rest);
        }
        while let Some(at) = rest.iter().position(|&b| b == b'\n' || b == b'\r') {
            let (head, tail) = rest.split_at(at);
            let Some((&end, after)) = tail.split_first() else { break };
            rest = after;
            if end == b'\r' {
                match rest.strip_prefix(b"\n") {
                    Some(after_lf) => rest = after_lf,
                    None => self.after_cr = rest.is_empty(),
                }
            }
            if self.line.is_empty() {
                events.extend(self.take_line(head));
            } else {
                let mut line = std::mem::take(&mut self.line);
                line.extend_from_slice(head);
                events.extend(self.take_line(&line));
                line.clear();
                if line.capacity() <= KEEP_CAPACITY {
                    self.line = line;
                }
            }
        }
        self.line.extend_from_slice(rest);
        events
    }

    /// End of the stream: the unfinished line (if any) is taken as a whole line, and the
    /// pending event is returned if it has data, although no blank line ended it (the
    /// standard would discard it; see the [module](self#end-of-the-stream) for why not).
    /// The decoder is then ready for a new stream (a reconnection): the last event id and
    /// the reconnection time are kept, everything else is cleared.
    pub fn finish(&mut self) -> Option<SseEvent> {
        let line = std::mem::take(&mut self.line);
        // A line that is not blank never dispatches: `take_line` returns `None` here.
        let blank = if line.is_empty() { None } else { self.take_line(&line) };
        self.started = false;
        self.after_cr = false;
        blank.or_else(|| self.dispatch())
    }

    /// `true` when nothing is buffered: no partial line, no field of an event not yet
    /// dispatched (comments do not count). At the end of a body, `false` means the stream
    /// stopped mid-line or mid-event.
    pub fn is_idle(&self) -> bool {
        self.line.is_empty() && !self.in_event
    }

    /// The last event id (what a reconnection sends as `Last-Event-ID`): `None` if the
    /// stream never set one, `Some("")` when it reset it.
    pub fn last_event_id(&self) -> Option<&str> {
        self.last_id.as_deref()
    }

    /// The reconnection time the stream asked for with `retry`, if it did.
    pub fn retry(&self) -> Option<Duration> {
        self.retry
    }

    /// Drops a byte order mark at the start of the stream, even split across pieces; returns
    /// the rest of `bytes`. Until the start is decided, `line` holds the mark's prefix.
    fn skip_bom<'a>(&mut self, mut bytes: &'a [u8]) -> &'a [u8] {
        while !self.started {
            let Some((&byte, rest)) = bytes.split_first() else { break };
            if BOM.get(self.line.len()) == Some(&byte) {
                self.line.push(byte);
                bytes = rest;
                if self.line.len() == BOM.len() {
                    self.line.clear();
                    self.started = true;
                }
            } else {
                // Not a mark: what `line` holds is the start of the first line.
                self.started = true;
            }
        }
        bytes
    }

    /// Interprets one complete line (its line end removed); a blank line dispatches.
    fn take_line(&mut self, line: &[u8]) -> Option<SseEvent> {
        let text = String::from_utf8_lossy(line);
        if text.is_empty() {
            return self.dispatch();
        }
        if text.starts_with(':') {
            return None;
        }
        let (name, value) = match text.split_once(':') {
            Some((name, value)) => (name, value.strip_prefix(' ').unwrap_or(value)),
            None => (&*text, ""),
        };
        self.in_event = true;
        match name {
            "event" => value.clone_into(&mut self.event),
            "data" => {
                self.data.push_str(value);
                self.data.push('\n');
            }
            "id" if !value.contains('\0') => self.last_id = Some(value.to_owned()),
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                // All digits; a number beyond `u64` milliseconds is ignored.
                if let Ok(ms) = value.parse::<u64>() {
                    self.retry = Some(Duration::from_millis(ms));
                }
            }
            _ => {}
        }
        None
    }

    /// A blank line: the event, unless no data came; the type and data buffers are reset.
    fn dispatch(&mut self) -> Option<SseEvent> {
        self.in_event = false;
        let event = std::mem::take(&mut self.event);
        if self.data.is_empty() {
            return None;
        }
        let mut data = std::mem::take(&mut self.data);
        if data.ends_with('\n') {
            data.pop();
        }
        Some(SseEvent { event, data, id: self.last_id.clone(), retry: self.retry })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The events of `stream` pushed whole, without `finish` (the standard's rule).
    fn decode(stream: &[u8]) -> Vec<SseEvent> {
        SseDecoder::new().push(stream)
    }

    fn message(data: &str) -> SseEvent {
        SseEvent { data: data.into(), ..SseEvent::default() }
    }

    fn datas(events: &[SseEvent]) -> Vec<&str> {
        events.iter().map(|e| e.data.as_str()).collect()
    }

    #[test]
    fn the_standards_stock_example_is_one_message_of_three_lines() {
        let events = decode(b"data: YHOO\ndata: +2\ndata: 10\n\n");
        assert_eq!(events, vec![message("YHOO\n+2\n10")]);
        assert_eq!(events[0].event_type(), "message");
    }

    #[test]
    fn the_standards_four_blocks_comment_id_reset_and_an_unended_last_event() {
        let stream = b": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n";
        let mut decoder = SseDecoder::new();
        let events = decoder.push(stream);
        assert_eq!(
            events,
            vec![
                SseEvent { id: Some("1".into()), ..message("first event") },
                SseEvent { id: Some(String::new()), ..message("second event") },
            ]
        );
        assert!(!decoder.is_idle(), "the third event waits for its blank line");
        // Only one space is stripped.
        assert_eq!(decoder.finish(), Some(SseEvent { id: Some(String::new()), ..message(" third event") }));
        assert!(decoder.is_idle());
    }

    #[test]
    fn the_standards_empty_data_blocks() {
        let mut decoder = SseDecoder::new();
        assert_eq!(datas(&decoder.push(b"data\n\ndata\ndata\n\ndata:")), ["", "\n"]);
        // The standard discards the last block; `finish` returns it (it has data).
        assert_eq!(decoder.finish(), Some(message("")));
    }

    #[test]
    fn the_standards_two_identical_events_with_and_without_the_space() {
        assert_eq!(decode(b"data:test\n\ndata: test\n\n"), vec![message("test"), message("test")]);
    }

    #[test]
    fn event_fields_set_the_type_and_are_reset_by_each_dispatch() {
        let events = decode(b"event: add\ndata: 73857293\n\nevent: remove\ndata: 2153\n\ndata: 113411\n\n");
        let types: Vec<&str> = events.iter().map(SseEvent::event_type).collect();
        assert_eq!(types, ["add", "remove", "message"]);
        assert_eq!(events[2].event, "");
        // An event without data is not dispatched, but its type does not leak to the next.
        assert_eq!(decode(b"event: ping\n\ndata: x\n\n"), vec![message("x")]);
    }

    #[test]
    fn comments_and_heartbeats_are_ignored_and_leave_the_decoder_idle() {
        let mut decoder = SseDecoder::new();
        assert_eq!(decoder.push(b": keep-alive\n:\n\n: ping\r\n"), vec![]);
        assert!(decoder.is_idle());
        assert_eq!(decoder.push(b"data: a\n: in the middle\ndata: b\n\n"), vec![message("a\nb")]);
    }

    #[test]
    fn lines_end_with_crlf_lf_or_cr_even_split_between_cr_and_lf() {
        let want = vec![message("a\nb"), message("c")];
        for stream in [
            &b"data:a\ndata:b\n\ndata:c\n\n"[..],
            b"data:a\r\ndata:b\r\n\r\ndata:c\r\n\r\n",
            b"data:a\rdata:b\r\rdata:c\r\r",
        ] {
            assert_eq!(decode(stream), want, "{}", String::from_utf8_lossy(stream));
        }
        let mut decoder = SseDecoder::new();
        assert_eq!(decoder.push(b"data:a\r"), vec![]);
        assert_eq!(decoder.push(b"\n"), vec![], "CR then LF is one line end, not a blank line");
        assert_eq!(decoder.push(b"\r"), vec![message("a")], "a CR ends the blank line at once");
        assert_eq!(decoder.push(b"\ndata:b\n\n"), vec![message("b")]);
        // Mixed in one stream, and CR LF CR is two line ends.
        assert_eq!(decode(b"data:x\r\n\rdata:y\n\r\n"), vec![message("x"), message("y")]);
    }

    #[test]
    fn a_leading_byte_order_mark_is_skipped_once_even_split() {
        assert_eq!(decode(b"\xEF\xBB\xBFdata:a\n\n"), vec![message("a")]);
        let mut decoder = SseDecoder::new();
        assert_eq!(decoder.push(b"\xEF"), vec![]);
        assert!(!decoder.is_idle());
        assert_eq!(decoder.push(b"\xBB"), vec![]);
        assert_eq!(decoder.push(b"\xBFdata:a\n\n"), vec![message("a")]);
        // A second mark is part of the line: the field name is then not `data`.
        assert_eq!(decode(b"\xEF\xBB\xBF\xEF\xBB\xBFdata:a\n\ndata:b\n\n"), vec![message("b")]);
        // Half a mark is not a mark: the bytes are the line's (replaced, invalid UTF-8).
        assert_eq!(decode(b"\xEF\xBBdata:a\n\ndata:b\n\n"), vec![message("b")]);
        // The mark only counts at the start.
        assert_eq!(decode(b"data:\xEF\xBB\xBFa\n\n"), vec![message("\u{FEFF}a")]);
    }

    #[test]
    fn invalid_utf8_is_replaced_per_line_and_split_characters_are_whole() {
        assert_eq!(decode(b"data:a\xFFb\xE4\xBD\n\n"), vec![message("a\u{FFFD}b\u{FFFD}")]);
        let text = "data:你好😀\n\n".as_bytes();
        let mut decoder = SseDecoder::new();
        let mut events = Vec::new();
        for byte in text {
            events.extend(decoder.push(std::slice::from_ref(byte)));
        }
        assert_eq!(events, vec![message("你好😀")]);
    }

    #[test]
    fn fields_without_colon_unknown_fields_and_only_one_space_stripped() {
        assert_eq!(decode(b"data\n\n"), vec![message("")]);
        assert_eq!(decode(b"data:  two\nfoo: bar\nDATA: no\ndata :no\n\n"), vec![message(" two")]);
        assert_eq!(decode(b"data:a:b: c\n\n"), vec![message("a:b: c")], "only the first colon splits");
        assert_eq!(decode(b"data:\tx\n\n"), vec![message("\tx")], "a tab is not the space");
    }

    #[test]
    fn the_last_event_id_persists_and_an_id_with_nul_is_ignored() {
        let events = decode(b"data:a\n\nid: 7\ndata:b\n\ndata:c\n\nid: 8\0\ndata:d\n\nid\ndata:e\n\n");
        let ids: Vec<Option<&str>> = events.iter().map(|e| e.id.as_deref()).collect();
        assert_eq!(ids, [None, Some("7"), Some("7"), Some("7"), Some("")]);
        // An id alone (no data) sets it for later events without dispatching.
        let mut decoder = SseDecoder::new();
        assert_eq!(decoder.push(b"id: 9\n\n"), vec![]);
        assert_eq!(decoder.last_event_id(), Some("9"));
        assert_eq!(decoder.push(b"data:x\n\n")[0].id.as_deref(), Some("9"));
    }

    #[test]
    fn retry_is_taken_only_when_all_ascii_digits() {
        let mut decoder = SseDecoder::new();
        for ignored in
            ["retry: 1.5", "retry: -1", "retry: 10ms", "retry:", "retry: ٣", "retry: 99999999999999999999999"]
        {
            assert_eq!(decoder.push(format!("{ignored}\n\n").as_bytes()), vec![]);
            assert_eq!(decoder.retry(), None, "{ignored}");
        }
        let events = decoder.push(b"retry: 3000\ndata:a\n\ndata:b\n\nretry: x\ndata:c\n\n");
        assert!(events.iter().all(|e| e.retry == Some(Duration::from_millis(3000))), "{events:?}");
        assert_eq!(decoder.push(b"retry:0\n\n"), vec![]);
        assert_eq!(decoder.retry(), Some(Duration::ZERO));
    }

    #[test]
    fn done_is_just_data() {
        let events = decode(b"data: {\"a\":1}\n\ndata: [DONE]\n\n");
        assert_eq!(datas(&events), ["{\"a\":1}", "[DONE]"]);
    }

    #[test]
    fn finish_returns_an_event_ended_by_one_newline_or_none_and_resets_for_a_new_stream() {
        let mut decoder = SseDecoder::new();
        assert_eq!(
            decoder.push(b"id: 1\ndata:{\"x\":1}\n\ndata:{\"x\":2}\n"),
            vec![SseEvent { id: Some("1".into()), ..message("{\"x\":1}") }]
        );
        assert_eq!(decoder.finish(), Some(SseEvent { id: Some("1".into()), ..message("{\"x\":2}") }));
        assert_eq!(decoder.finish(), None);
        // Without a newline at all, and after an event without data.
        assert_eq!(decoder.push(b"\xEF\xBB\xBFdata:last"), vec![]);
        assert_eq!(decoder.finish().map(|e| e.data), Some("last".into()), "a new stream skips its mark");
        assert_eq!(decoder.push(b"event: x\nid: 2"), vec![]);
        assert!(!decoder.is_idle());
        assert_eq!(decoder.finish(), None);
        assert!(decoder.is_idle());
        assert_eq!(decoder.last_event_id(), Some("2"), "the last event id outlives the stream");
    }

    #[test]
    fn a_huge_line_is_buffered_whole_and_its_buffer_released() {
        let big = "字".repeat(100_000);
        let mut decoder = SseDecoder::new();
        let mut events = Vec::new();
        for piece in format!("data:{big}\n\n").as_bytes().chunks(4093) {
            events.extend(decoder.push(piece));
        }
        assert_eq!(datas(&events), [big.as_str()]);
        assert!(decoder.is_idle());
        assert!(decoder.line.capacity() <= KEEP_CAPACITY);
    }
}
