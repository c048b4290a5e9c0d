//! `products/<product>/tests/<version>_examples.rs`: one test per documented example. Each input
//! deserializes into its request and validates, unless the page contradicts itself: then
//! the test asserts what the tables say and its documentation records the contradiction.
//! Each output decodes into its response as the client decodes replies (leniently): the
//! test asserts that decoding reports a contradiction exactly when the generator found
//! one, and that every perturbation a server may make (a `null`, a field left out, numbers
//! and booleans in other spellings, an added field, a `null` in a list) still decodes and
//! is reported at its path — by decoding alone, and through the client from an HTTP
//! server on loopback (lenient, and strict, which must name each path). An example with a documentation
//! defect (a part that cannot be read) gets an ignored test `…_defect` whose reason
//! states the defect; its readable part, if any, is still tested.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{ident, raw_str};
use crate::ir::{Action, Example, InputOutcome};

/// The tests of a product version, in its product crate (whose library is `product_lib`);
/// they use the runtime crate too.
pub fn tests_file(api: &crate::ir::Api, product_lib: &str) -> TokenStream {
    let product = ident(product_lib);
    let krate = ident(crate::generated::RUNTIME_CRATE_NAME);
    let version = ident(&api.rust_version_module);
    let tests: Vec<TokenStream> = api
        .actions
        .values()
        .flat_map(|action| action.examples.iter().enumerate().map(move |(i, example)| (action, i, example)))
        .map(|(action, i, example)| example_tests(&krate, action, i, example))
        .collect();
    // Only what the tests use is imported (CI denies warnings): an example whose
    // input or output is a documentation defect has no check of that part.
    let examples = || api.actions.values().flat_map(|a| &a.examples);
    let validates =
        examples().any(|e| matches!(e.input_outcome, InputOutcome::Valid | InputOutcome::RejectedByValidation));
    let outputs = examples().any(|e| !e.output.is_null() || !e.events.is_empty());
    let inputs = examples().any(|e| e.input_outcome != InputOutcome::Unreadable);
    let glob = (inputs || outputs).then(|| quote! { use #product::#version::*; });
    let runtime = validates.then(|| quote! { use #krate::Action; });
    quote! {
        //! The documented examples as tests.

        #glob
        #runtime

        #(#tests)*
    }
}

/// The test of one example (what of it can be read), and the ignored test stating its
/// defect, if it has one.
fn example_tests(krate: &proc_macro2::Ident, action: &Action, index: usize, example: &Example) -> TokenStream {
    let Example {
        title,
        description: _,
        input_form: _,
        input,
        output,
        input_outcome,
        output_deserializes,
        contradictions,
        defects,
        events,
    } = example;
    let name = format!("{}_example_{}", action.rust.module, index + 1);
    let req = ident(&action.rust.request);
    let resp = ident(&action.rust.response);
    let shown = if title.is_empty() { "example" } else { title };
    let mut doc = vec![format!(" `{}`: {}", action.name, escape(shown))];
    if !contradictions.is_empty() {
        doc.push(String::new());
        doc.push(" The page contradicts itself; the test follows the tables:".to_string());
        doc.extend(contradictions.iter().map(|c| format!(" - {}", escape(c))));
    }
    if !defects.is_empty() {
        doc.push(String::new());
        doc.push(format!(" Documentation defect (untested, see `{name}_defect`):"));
        doc.extend(defects.iter().map(|d| format!(" - {}", escape(d))));
    }
    let input_check = match input_outcome {
        InputOutcome::Valid => Some(quote! {
            let request: #req = serde_json::from_str(INPUT).expect("example input deserializes into the request");
            request.validate().expect("example input validates");
            let json = serde_json::to_string(&request).expect("request serializes");
            let again: #req = serde_json::from_str(&json).expect("serialized request deserializes");
            assert_eq!(again, request);
        }),
        InputOutcome::RejectedByValidation => Some(quote! {
            let request: #req = serde_json::from_str(INPUT).expect("example input deserializes into the request");
            assert!(request.validate().is_err(), "the page's own example breaks its documented constraints");
        }),
        InputOutcome::DoesNotDeserialize => Some(quote! {
            assert!(serde_json::from_str::<#req>(INPUT).is_err(), "the page's own example does not fit its input table");
        }),
        InputOutcome::Unreadable => None,
    }
    .map(|check| {
        let input = raw_str(&serde_json::to_string_pretty(input).unwrap_or_default());
        (quote! { const INPUT: &str = #input; }, check)
    });
    let output_check = (!output.is_null()).then(|| {
        let text = raw_str(&serde_json::to_string_pretty(output).unwrap_or_default());
        // An example of an error reply (`"Error": {"Code": …}` under `Response`): the client
        // gives the API error with its code.
        let error_code = output.get("Response").and_then(|r| r.get("Error")).and_then(|e| e.get("Code"));
        if let Some(code) = error_code.and_then(serde_json::Value::as_str) {
            let check = quote! {
                #[cfg(feature = "client")]
                {
                    let error = #krate::decode::<#req>(OUTPUT.as_bytes()).expect_err("the example is an error reply");
                    assert_eq!(error.code().map(#krate::ApiError::code), Some(#code));
                }
            };
            let constant = quote! {
                #[cfg_attr(not(feature = "client"), allow(dead_code))]
                const OUTPUT: &str = #text;
            };
            return (constant, check);
        }
        // Decoded as the client decodes a reply (leniently); what the page's own example
        // contradicts in its tables is reported by decoding too, and the generator saw it.
        let check = quote! {
            let output: serde_json::Value = serde_json::from_str(OUTPUT).expect("example output is JSON");
            let perturbed = #krate::testing::check_documented_output::<#resp>(&output, #output_deserializes).expect("the documented output decodes, and so do its perturbations");
            assert!(perturbed > 0);
            // The same replies through the client, from a server on loopback.
            #[cfg(feature = "client")]
            {
                let sent = #krate::testing::check_over_loopback::<#req>(OUTPUT).expect("the client decodes them over HTTP; strict decoding names each path");
                assert_eq!(sent, perturbed + 1);
            }
        };
        (quote! { const OUTPUT: &str = #text; }, check)
    });
    let event_check = event_check(krate, action, events);
    let test = (input_check.is_some() || output_check.is_some() || event_check.is_some()).then(|| {
        let test = ident(&name);
        let (input_const, input_check) = input_check.unzip();
        let (output_const, output_check) = output_check.unzip();
        let (event_const, event_check) = event_check.unzip();
        quote! {
            #(#[doc = #doc])*
            #[test]
            fn #test() {
                #input_const
                #output_const
                #event_const
                #input_check
                #output_check
                #event_check
            }
        }
    });
    let defect_test = (!defects.is_empty()).then(|| {
        let test = ident(&format!("{name}_defect"));
        let reason = format!("documentation defect: {} `{}`: {}", action.name, shown, defects.join("; "));
        let doc = format!(
            " `{}`: {} cannot be tested as the page shows it: {}",
            action.name,
            escape(shown),
            escape(&defects.join("; "))
        );
        quote! {
            #[doc = #doc]
            #[test]
            #[ignore = #reason]
            fn #test() {}
        }
    });
    quote! { #test #defect_test }
}

/// The documented events of a streamed reply: each decodes as the event type, leniently
/// (as the client decodes events), reporting a contradiction exactly when the generator
/// found one, and so does each of its perturbations.
fn event_check(
    krate: &proc_macro2::Ident,
    action: &Action,
    events: &[crate::ir::EventExample],
) -> Option<(TokenStream, TokenStream)> {
    let event = ident(action.rust.event.as_ref()?);
    if events.is_empty() {
        return None;
    }
    let texts = events.iter().map(|e| raw_str(&serde_json::to_string_pretty(&e.data).unwrap_or_default()));
    let fits = events.iter().map(|e| e.deserializes);
    // The code of an error event: the client must read it as that API error.
    let errors = events.iter().map(|e| match &e.error {
        Some(code) => quote! { Some(#code) },
        None => quote! { None },
    });
    let constant = quote! {
        const EVENTS: &[(&str, bool, Option<&str>)] = &[#((#texts, #fits, #errors)),*];
    };
    let check = quote! {
        for (i, (text, fits, error)) in EVENTS.iter().enumerate() {
            let event: serde_json::Value = serde_json::from_str(text).expect("example event is JSON");
            // The client reads an error event as that API error, and no other event as one.
            #[cfg(feature = "client")]
            {
                let read = #krate::testing::event_error(text);
                assert_eq!(read.as_ref().map(|(code, _)| code.as_str()), *error, "documented event {} of the stream", i + 1);
            }
            if error.is_some() {
                continue;
            }
            // Checked as a reply's `Response` object is: the event type in its place.
            let reply = serde_json::json!({ "Response": event });
            if let Err(e) = #krate::testing::check_documented_output::<#event>(&reply, *fits) {
                panic!("documented event {} of the stream: {e}", i + 1);
            }
        }
    };
    Some((constant, check))
}

/// Text for a doc line: brackets and angle brackets would be read as links or HTML.
fn escape(text: &str) -> String {
    text.replace(['[', ']', '<', '>'], "'")
}
