//! The SSE decoder (`tencentcloud_api_runtime::sse`) gives the same events however a stream
//! is split into pieces (every byte boundary, random boundaries), decodes what an encoder of
//! the standard's format writes back to the events written, and never panics on any bytes.
//! Streams carry CJK text and emoji, as Tencent's chat replies do.

use proptest::prelude::*;
use proptest::sample::Index;
use tencentcloud_api_runtime::sse::{SseDecoder, SseEvent};

/// What a decoder returns for `pieces` fed in order: the events of `push`, and `finish`.
fn decode_pieces<'a>(pieces: impl IntoIterator<Item = &'a [u8]>) -> (Vec<SseEvent>, Option<SseEvent>) {
    let mut decoder = SseDecoder::new();
    let mut events = Vec::new();
    for piece in pieces {
        events.extend(decoder.push(piece));
    }
    (events, decoder.finish())
}

/// `stream` cut at `cuts` (offsets, any order, out of range ones ignored).
fn split_at(stream: &[u8], cuts: &[usize]) -> Vec<Vec<u8>> {
    let mut cuts: Vec<usize> = cuts.iter().copied().filter(|&c| c <= stream.len()).collect();
    cuts.sort_unstable();
    let mut pieces = Vec::new();
    let mut from = 0;
    for cut in cuts.into_iter().chain([stream.len()]) {
        pieces.push(stream.get(from..cut).unwrap_or_default().to_vec());
        from = cut;
    }
    pieces
}

/// Tencent's `ChatCompletions` deltas (the published shape), one per event.
fn chunk(content: &str, finish: &str, created: u64) -> String {
    format!(
        r#"{{"Choices":[{{"Delta":{{"Content":"{content}"}},"FinishReason":"{finish}","Index":0}}],"Created":{created},"Id":"60c9","Model":"deepseek-r1"}}"#
    )
}

/// A chat reply as the server streams it: events separated by a blank line, `: keep-alive`
/// heartbeats between them, `data: [DONE]` last; the events' data in order.
fn tencent_stream(line_end: &str) -> (Vec<u8>, Vec<String>) {
    let contents = ["你好", "！我是", "DeepSeek-R1 🤖，", "很高兴为您服务 🎉。", "Ünïcödé ok"];
    let mut data: Vec<String> = contents.iter().zip(1738697505..).map(|(c, t)| chunk(c, "", t)).collect();
    data.push(chunk("", "stop", 1738697510));
    let mut stream = String::new();
    for (n, event) in data.iter().enumerate() {
        if n % 2 == 1 {
            stream.push_str(&format!(": keep-alive{line_end}{line_end}"));
        }
        stream.push_str(&format!("data:{event}{line_end}{line_end}"));
    }
    stream.push_str(&format!("data: [DONE]{line_end}{line_end}"));
    data.push("[DONE]".into());
    (stream.into_bytes(), data)
}

fn datas(events: &[SseEvent]) -> Vec<&str> {
    events.iter().map(|e| e.data.as_str()).collect()
}

#[test]
fn a_tencent_chat_stream_decodes_to_its_chunks_then_done_with_any_line_end() {
    for line_end in ["\n", "\r\n", "\r"] {
        let (stream, want) = tencent_stream(line_end);
        let (events, last) = decode_pieces([stream.as_slice()]);
        assert_eq!(datas(&events), want, "{line_end:?}");
        assert_eq!(last, None);
        assert!(events.iter().all(|e| e.event_type() == "message" && e.id.is_none() && e.retry.is_none()));
        for event in &events[..events.len() - 1] {
            let json: serde_json::Value = serde_json::from_str(&event.data).unwrap();
            assert_eq!(json["Model"], "deepseek-r1");
        }
    }
}

/// Every rule in one stream: a byte order mark, mixed line ends, a comment, a CJK event
/// type, multi-line data, `id` and `retry` after the data, a field without colon, heartbeats.
const MIXED: &str = "\u{FEFF}: hi\r\nevent: 思考\r\ndata: 第一行\r\ndata:😀 second\rid: 7\n\ndata\r\n\r\n\
                     : keep-alive\n\nretry: 1500\r\ndata:  [DONE]\r\n\r\ndata: unended";

#[test]
fn every_rule_in_one_mixed_stream() {
    let (events, last) = decode_pieces([MIXED.as_bytes()]);
    let id = Some("7".to_string());
    let retry = Some(std::time::Duration::from_millis(1500));
    assert_eq!(
        events,
        vec![
            SseEvent { event: "思考".into(), data: "第一行\n😀 second".into(), id: id.clone(), retry: None },
            SseEvent { event: String::new(), data: String::new(), id: id.clone(), retry: None },
            SseEvent { event: String::new(), data: " [DONE]".into(), id: id.clone(), retry },
        ]
    );
    assert_eq!(last, Some(SseEvent { data: "unended".into(), id, retry, ..SseEvent::default() }));
}

#[test]
fn a_stream_split_at_every_byte_boundary_gives_the_events_of_one_push() {
    let mut streams: Vec<Vec<u8>> = ["\n", "\r\n", "\r"].iter().map(|end| tencent_stream(end).0).collect();
    streams.push(MIXED.as_bytes().to_vec());
    for stream in &streams {
        let whole = decode_pieces([stream.as_slice()]);
        for at in 0..=stream.len() {
            let (head, tail) = stream.split_at(at);
            assert_eq!(decode_pieces([head, tail]), whole, "split at {at} of {}", String::from_utf8_lossy(stream));
        }
        assert_eq!(decode_pieces(stream.chunks(1)), whole, "byte by byte: {}", String::from_utf8_lossy(stream));
    }
}

#[test]
fn data_lines_ended_by_one_newline_are_one_event_until_a_blank_line() {
    // As the standard reads it: published examples that put `data:` lines one under the
    // other without blank lines are one event of several lines; the last comes at `finish`.
    let stream = format!("data:{}\ndata:{}\n", chunk("你", "", 1), chunk("好", "stop", 2));
    let (events, last) = decode_pieces([stream.as_bytes()]);
    assert_eq!(events, vec![]);
    assert_eq!(last.map(|e| e.data), Some(format!("{}\n{}", chunk("你", "", 1), chunk("好", "stop", 2))));
}

/// One event as a test writes it.
#[derive(Debug, Clone)]
struct Written {
    event: Option<String>,
    data: String,
    id: Option<String>,
    retry: Option<u32>,
    heartbeat: bool,
    tight: bool,
}

fn written() -> impl Strategy<Value = Written> {
    (
        proptest::option::of("[a-z]{1,8}"),
        "[a-z0-9 :{}\",\\[\\]你好世界深度求索Üé😀🎉\n]{0,40}",
        proptest::option::of("[0-9a-z]{0,6}"),
        proptest::option::of(any::<u32>()),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(event, data, id, retry, heartbeat, tight)| Written {
            event,
            data,
            id,
            retry,
            heartbeat,
            tight,
        })
}

/// The stream an encoder of the standard's format writes for `events`.
fn encode(events: &[Written], bom: bool, line_end: &str) -> Vec<u8> {
    let mut out = String::new();
    if bom {
        out.push('\u{FEFF}');
    }
    for w in events {
        if w.heartbeat {
            out.push_str(&format!(": keep-alive{line_end}{line_end}"));
        }
        if let Some(event) = &w.event {
            out.push_str(&format!("event: {event}{line_end}"));
        }
        for line in w.data.split('\n') {
            // `data:` without the space only when the line does not start with one.
            let colon = if w.tight && !line.starts_with(' ') { "data:" } else { "data: " };
            out.push_str(&format!("{colon}{line}{line_end}"));
        }
        if let Some(id) = &w.id {
            out.push_str(&format!("id:{id}{line_end}"));
        }
        if let Some(ms) = w.retry {
            out.push_str(&format!("retry: {ms}{line_end}"));
        }
        out.push_str(line_end);
    }
    out.into_bytes()
}

/// What the decoder must give back for `events`: id and retry persist.
fn expected(events: &[Written]) -> Vec<SseEvent> {
    let (mut id, mut retry) = (None, None);
    let mut out = Vec::new();
    for w in events {
        id = w.id.clone().or(id);
        retry = w.retry.map(|ms| std::time::Duration::from_millis(ms.into())).or(retry);
        out.push(SseEvent { event: w.event.clone().unwrap_or_default(), data: w.data.clone(), id: id.clone(), retry });
    }
    out
}

/// Pieces of a stream the tests feed: words of the format, CR and LF, a byte order mark,
/// NUL, a CJK character whole and cut, invalid UTF-8, and any byte.
fn token() -> impl Strategy<Value = Vec<u8>> {
    let words: Vec<&'static [u8]> = vec![
        b"data",
        b"data:",
        b"data: ",
        b"event:",
        b"id:",
        b"retry:",
        b"12",
        b":",
        b" ",
        b"\r",
        b"\n",
        b"\r\n",
        b"\xEF\xBB\xBF",
        b"\0",
        "你好".as_bytes(),
        b"\xE4\xBD",
        b"\xA0",
        b"\xFF",
        b"[DONE]",
        b"x",
    ];
    prop_oneof![
        3 => proptest::sample::select(words).prop_map(<[u8]>::to_vec),
        1 => any::<u8>().prop_map(|b| vec![b]),
    ]
}

proptest! {
    #[test]
    fn written_events_come_back_whatever_the_split(
        events in proptest::collection::vec(written(), 0..8),
        bom in any::<bool>(),
        line_end in proptest::sample::select(vec!["\n", "\r\n", "\r"]),
        cuts in proptest::collection::vec(any::<Index>(), 0..24),
    ) {
        let stream = encode(&events, bom, line_end);
        let cuts: Vec<usize> = cuts.iter().map(|c| c.index(stream.len() + 1)).collect();
        let pieces = split_at(&stream, &cuts);
        let (got, last) = decode_pieces(pieces.iter().map(Vec::as_slice));
        prop_assert_eq!(got, expected(&events));
        prop_assert_eq!(last, None);
    }

    #[test]
    fn any_bytes_never_panic_and_decode_alike_whatever_the_split(
        tokens in proptest::collection::vec(token(), 0..64),
        cuts in proptest::collection::vec(any::<Index>(), 0..16),
    ) {
        let stream = tokens.concat();
        let whole = decode_pieces([stream.as_slice()]);
        let cuts: Vec<usize> = cuts.iter().map(|c| c.index(stream.len() + 1)).collect();
        let pieces = split_at(&stream, &cuts);
        prop_assert_eq!(decode_pieces(pieces.iter().map(Vec::as_slice)), whole.clone());
        prop_assert_eq!(decode_pieces(stream.chunks(1)), whole);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn written_events_split_at_every_byte_boundary_decode_alike(
        events in proptest::collection::vec(written(), 1..6),
        bom in any::<bool>(),
        line_end in proptest::sample::select(vec!["\n", "\r\n", "\r"]),
    ) {
        let stream = encode(&events, bom, line_end);
        let whole = decode_pieces([stream.as_slice()]);
        prop_assert_eq!(&whole.0, &expected(&events));
        for at in 0..=stream.len() {
            let (head, tail) = stream.split_at(at);
            prop_assert_eq!(&decode_pieces([head, tail]), &whole, "split at {}", at);
        }
    }
}
