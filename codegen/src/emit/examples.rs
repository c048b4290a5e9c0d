//! `tests/<product>_<version>_examples.rs`: one test per documented example. Each input
//! deserializes into its request and validates, each output deserializes into its
//! response, unless the page contradicts itself: then the test asserts what the tables
//! say and its documentation records the contradiction.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, raw_str};
use crate::ir::{Api, Example, InputOutcome};

pub fn tests_file(api: &Api, crate_name: &str) -> TokenStream {
    let krate = ident(crate_name);
    let module = ident(&api.rust_module);
    let version = ident(&api.rust_version_module);
    let tests = api.actions.values().flat_map(|action| {
        action.examples.iter().enumerate().map(move |(i, example)| {
            let Example { title, description: _, input_form: _, input, output, input_outcome, output_deserializes, contradictions } = example;
            let test = ident(&format!("{}_example_{}", action.rust.module, i + 1));
            let req = ident(&action.rust.request);
            let resp = ident(&action.rust.response);
            let input = raw_str(&serde_json::to_string_pretty(input).unwrap_or_default());
            let output = raw_str(&serde_json::to_string_pretty(output).unwrap_or_default());
            let mut doc = vec![format!(" `{}`: {}", action.name, if title.is_empty() { "example" } else { title })];
            if !contradictions.is_empty() {
                doc.push(String::new());
                doc.push(" The page contradicts itself; the test follows the tables:".to_string());
                doc.extend(contradictions.iter().map(|c| format!(" - {}", c.replace(['[', ']', '<', '>'], "'"))));
            }
            let input_check = match input_outcome {
                InputOutcome::Valid => quote! {
                    let request: #req = serde_json::from_str(INPUT).expect("example input deserializes into the request");
                    request.validate().expect("example input validates");
                    let json = serde_json::to_string(&request).expect("request serializes");
                    let again: #req = serde_json::from_str(&json).expect("serialized request deserializes");
                    assert_eq!(again, request);
                },
                InputOutcome::RejectedByValidation => quote! {
                    let request: #req = serde_json::from_str(INPUT).expect("example input deserializes into the request");
                    assert!(request.validate().is_err(), "the page's own example breaks its documented constraints");
                },
                InputOutcome::DoesNotDeserialize => quote! {
                    assert!(serde_json::from_str::<#req>(INPUT).is_err(), "the page's own example does not fit its input table");
                },
            };
            let output_check = if *output_deserializes {
                quote! {
                    let response: ResponseEnvelope<#resp> = serde_json::from_str(OUTPUT).expect("example output deserializes into the response");
                    let json = serde_json::to_value(&response.response).expect("response serializes");
                    let again: #resp = serde_json::from_value(json).expect("serialized response deserializes");
                    assert_eq!(again, response.response);
                }
            } else {
                quote! {
                    assert!(serde_json::from_str::<ResponseEnvelope<#resp>>(OUTPUT).is_err(), "the page's own example does not fit its output table");
                }
            };
            quote! {
                #(#[doc = #doc])*
                #[test]
                fn #test() {
                    const INPUT: &str = #input;
                    const OUTPUT: &str = #output;
                    #input_check
                    #output_check
                }
            }
        })
    });
    quote! {
        //! The documented examples as tests.
        #![deny(warnings)]

        use #krate::#module::#version::*;
        use #krate::{Action, ResponseEnvelope};

        #(#tests)*
    }
}
