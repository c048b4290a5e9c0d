//! `src/<product>/<version>/error_code.rs`: the product-wide `ErrorCode`.

use proc_macro2::TokenStream;
use quote::quote;

use super::rustdoc::{docs, docs_then};
use super::tokens::{code_pattern, ident};
use crate::ir::{Api, ErrorCodeKind};

pub fn error_code_file(api: &Api) -> TokenStream {
    let codes: Vec<_> = api.error_codes.iter().collect();
    let variants = codes.iter().map(|(code, info)| {
        let id = ident(&info.rust_variant);
        let kind = match info.kind {
            ErrorCodeKind::Common => "a common error code",
            ErrorCodeKind::Service => "a service error code",
            ErrorCodeKind::Action => "an action's business error code",
        };
        let doc = docs_then(&info.description, &[format!("Error code `{code}` ({kind}).")]);
        quote! { #doc #id, }
    });
    let from_arms = codes.iter().map(|(code, info)| {
        let id = ident(&info.rust_variant);
        let pattern = code_pattern(code, &api.error_codes);
        quote! { #pattern => Self::#id, }
    });
    let as_str_arms = codes.iter().map(|(code, info)| {
        let id = ident(&info.rust_variant);
        quote! { Self::#id => #code, }
    });
    let description_arms = codes.iter().map(|(_, info)| {
        let id = ident(&info.rust_variant);
        let d = &info.description;
        quote! { Self::#id => #d, }
    });
    let common: Vec<_> =
        codes.iter().filter(|(_, i)| i.kind == ErrorCodeKind::Common).map(|(_, i)| ident(&i.rust_variant)).collect();
    let is_common = if common.is_empty() {
        quote! { false }
    } else {
        quote! { matches!(self, #(Self::#common)|*) }
    };
    let common_enum = common_error(api);
    let doc = docs(&format!(
        "Every error code documented for `{}` version `{}`; an undocumented code is `Unknown`.",
        api.product, api.version
    ));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorCode {
            #(#variants)*
            /// A code the documentation does not list.
            Unknown(String),
        }

        impl ErrorCode {
            /// The code as the API sends it: `FailedOperation.TaskFailed`.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str_arms)*
                    Self::Unknown(code) => code,
                }
            }

            /// The documented description; empty for an unknown code.
            #[inline]
            pub fn description(&self) -> &'static str {
                match self {
                    #(#description_arms)*
                    Self::Unknown(_) => "",
                }
            }

            /// Whether this is one of the common error codes of every Tencent Cloud API.
            pub fn is_common(&self) -> bool {
                #is_common
            }
        }

        impl std::str::FromStr for ErrorCode {
            type Err = std::convert::Infallible;

            fn from_str(code: &str) -> Result<Self, Self::Err> {
                Ok(match code {
                    #(#from_arms)*
                    other => Self::Unknown(other.to_string()),
                })
            }
        }

        impl crate::ApiError for ErrorCode {
            #[inline]
            fn from_code(code: &str) -> Self {
                match code.parse() {
                    Ok(parsed) => parsed,
                    Err(never) => match never {},
                }
            }

            #[inline]
            fn code(&self) -> &str {
                self.as_str()
            }

            #[inline]
            fn description(&self) -> &'static str {
                ErrorCode::description(self)
            }
        }

        impl std::fmt::Display for ErrorCode {
            #[inline]
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                crate::fmt_api_error(self, f)
            }
        }

        impl std::error::Error for ErrorCode {}

        /// Any action's error of this product into `ErrorCode` (typed codes kept). One
        /// generic impl instead of one per action: rustc checks impls of a trait for one
        /// type against each other, which grew quadratically with the actions.
        impl<E: crate::ErrorOf<Product = ErrorCode>> From<E> for ErrorCode {
            #[inline]
            fn from(error: E) -> Self {
                <ErrorCode as crate::ApiError>::from_code(crate::ApiError::code(&error))
            }
        }

        #common_enum
    }
}

/// `CommonError`: the common error codes (from the Error Codes page), which every action's
/// error enum holds as its `Common` case. Absent when no Error Codes page was given.
fn common_error(api: &Api) -> TokenStream {
    let common: Vec<_> = api.error_codes.iter().filter(|(_, i)| i.kind == ErrorCodeKind::Common).collect();
    if common.is_empty() {
        return quote! {};
    }
    let variants = common.iter().map(|(code, info)| {
        let id = ident(&info.rust_variant);
        let doc = docs_then(&info.description, &[format!("Error code `{code}`.")]);
        quote! { #doc #id, }
    });
    let from_arms = common.iter().map(|(code, info)| {
        let id = ident(&info.rust_variant);
        quote! { #code => Some(Self::#id), }
    });
    let code_arms = common.iter().map(|(code, info)| {
        let id = ident(&info.rust_variant);
        quote! { Self::#id => #code, }
    });
    let description_arms = common.iter().map(|(_, info)| {
        let id = ident(&info.rust_variant);
        let d = &info.description;
        quote! { Self::#id => #d, }
    });
    quote! {
        /// The common error codes of every Tencent Cloud API, as documented on the Error
        /// Codes page.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum CommonError {
            #(#variants)*
        }

        impl CommonError {
            /// The common error with this code, if it is one.
            #[inline]
            pub fn from_code(code: &str) -> Option<Self> {
                match code {
                    #(#from_arms)*
                    _ => None,
                }
            }

            /// The code as the API sends it.
            #[inline]
            pub fn code(&self) -> &'static str {
                match self {
                    #(#code_arms)*
                }
            }

            /// The documented description.
            #[inline]
            pub fn description(&self) -> &'static str {
                match self {
                    #(#description_arms)*
                }
            }
        }

        impl std::fmt::Display for CommonError {
            #[inline]
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}: {}", self.code(), self.description())
            }
        }
    }
}
