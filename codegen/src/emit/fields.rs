//! The fields of a request, response or structure, with their Rust types, and the
//! runtime impls built from them (`Wire`, `Documented`).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::enums::{Enums, Owner};
use super::rustdoc::docs_then;
use super::tokens::ident;
use crate::ir::{self, Api, Type};

/// The Rust type of a resolved type. `boxed` wraps a structure in `Box` (recursion).
pub(crate) fn rust_type(api: &Api, ty: &Type) -> TokenStream {
    match ty {
        Type::String | Type::Timestamp | Type::Date => quote! { String },
        Type::Integer => quote! { i64 },
        Type::Float => quote! { f64 },
        Type::Boolean => quote! { bool },
        Type::Array(inner) => {
            let inner = rust_type(api, inner);
            quote! { Vec<#inner> }
        }
        Type::Struct(name) => {
            let rust = api.data_types.get(name).map_or(name.as_str(), |d| d.rust_name.as_str());
            let id = ident(rust);
            quote! { super::#id }
        }
        Type::Json => quote! { serde_json::Value },
    }
}

/// The Rust type of a parameter: its resolved type, or the enum of its documented values
/// (`super::AddressStatus`, `Vec<super::AddressStatus>`).
pub(crate) fn param_type(api: &Api, enums: &Enums, owner: Owner, p: &ir::Param) -> TokenStream {
    match enums.name(owner, p) {
        Some(name) => {
            let id = ident(name);
            match &p.ty {
                Type::Array(_) => quote! { Vec<super::#id> },
                _ => quote! { super::#id },
            }
        }
        None => rust_type(api, &p.ty),
    }
}

/// The Rust type of one element of a list parameter (of the parameter itself otherwise).
pub(crate) fn element_type(api: &Api, enums: &Enums, owner: Owner, p: &ir::Param) -> TokenStream {
    match (enums.name(owner, p), &p.ty) {
        (Some(name), _) => {
            let id = ident(name);
            quote! { super::#id }
        }
        (None, Type::Array(inner)) => rust_type(api, inner),
        (None, ty) => rust_type(api, ty),
    }
}

/// The documented default and unit of a parameter, as a rustdoc line: "Default: `0`. Unit: s."
fn default_and_unit(facts: &ir::Facts) -> Option<String> {
    let default = facts.default.as_ref().map(|d| {
        let text = match d {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        format!("Default: `{}`.", text.replace('`', "'"))
    });
    let unit = facts.unit.as_ref().map(|u| format!("Unit: {}.", u.replace('`', "'")));
    let both: Vec<String> = default.into_iter().chain(unit).collect();
    (!both.is_empty()).then(|| both.join(" "))
}

/// The fields of a request, response or structure.
pub(crate) fn fields(
    api: &Api,
    enums: &Enums,
    owner: Owner,
    params: &[ir::Param],
    boxed: &dyn Fn(&ir::Param) -> bool,
) -> TokenStream {
    let fields = params.iter().map(|p| {
        let ir::Param { name, rust_name, required, doc_type, ty, nullable: _, description, example_value, facts } = p;
        let id = ident(rust_name);
        let mut ty_tokens = param_type(api, enums, owner, p);
        if boxed(p) {
            ty_tokens = quote! { Box<#ty_tokens> };
        }
        let mut notes =
            vec![format!("Wire name `{name}`, type `{doc_type}`{}.", if *required { ", required" } else { "" })];
        if ty.has_json() {
            notes.push("No structure of that name is documented: kept as JSON (`serde_json::Value`).".to_string());
        }
        if let Some(v) = example_value {
            notes.push(format!("Example value: `{}`.", v.replace('`', "'")));
        }
        notes.extend(default_and_unit(facts));
        let doc = docs_then(description, &notes);
        if *required {
            quote! {
                #doc
                pub #id: #ty_tokens,
            }
        } else {
            quote! {
                #doc
                pub #id: Option<#ty_tokens>,
            }
        }
    });
    quote! { #(#fields)* }
}

/// `impl Wire` (the JSON form: one line per field, reading and writing through shared
/// runtime code) and `Serialize` / `Deserialize` through it, for a request, response or
/// structure. Much cheaper to compile than serde's derives (see the runtime's `wire`).
pub(crate) fn wire_impl(id: &Ident, params: &[ir::Param]) -> TokenStream {
    let (to, from) = if params.is_empty() {
        (
            quote! { crate::wire::Object::new().finish() },
            quote! {
                crate::wire::Fields::of(value)?;
                Ok(Self {})
            },
        )
    } else {
        let ids: Vec<Ident> = params.iter().map(|p| ident(&p.rust_name)).collect();
        let names = params.iter().map(|p| &p.name);
        let puts = ids.iter().zip(names.clone()).map(|(id, name)| quote! { object.put(#name, &self.#id); });
        let gets = ids.iter().zip(names).map(|(id, name)| quote! { #id: fields.read(#name), });
        (
            quote! {
                let mut object = crate::wire::Object::new();
                #(#puts)*
                object.finish()
            },
            quote! {
                let fields = crate::wire::Fields::of(value)?;
                fields.done(Self { #(#gets)* })
            },
        )
    };
    quote! {
        impl crate::Wire for #id {
            #[inline]
            fn to_wire(&self) -> serde_json::Value {
                #to
            }

            #[inline]
            fn from_wire(value: &serde_json::Value) -> Result<Self, crate::WireError> {
                #from
            }
        }

        crate::wire::serde_by_wire!(#id);
    }
}

/// `impl Documented` for a response or structure: its documented fields and their shapes,
/// which the runtime's lenient decoding brings a reply to.
pub(crate) fn documented_impl(api: &Api, enums: &Enums, owner: Owner, id: &Ident, params: &[ir::Param]) -> TokenStream {
    let fields = params.iter().map(|p| {
        let name = &p.name;
        let shape = match enums.name(owner, p).filter(|_| p.value_set_is_closed()) {
            Some(enum_name) => {
                let enum_id = ident(enum_name);
                let of = match p.value_set() {
                    Some(ir::value_set::ValueSet::Integers(_)) => quote! { IntegerIn },
                    _ => quote! { StringIn },
                };
                let inner = quote! { crate::Shape::#of(super::#enum_id::VALUES) };
                match &p.ty {
                    Type::Array(_) => quote! { crate::Shape::List(&#inner) },
                    _ => inner,
                }
            }
            None => shape(api, &p.ty),
        };
        let optional = !p.required;
        quote! { crate::Field::new(#name, #shape, #optional) }
    });
    quote! {
        impl crate::Documented for #id {
            #[inline]
            fn fields() -> &'static [crate::Field] {
                const FIELDS: &[crate::Field] = &[#(#fields),*];
                FIELDS
            }
        }
    }
}

/// The runtime's `Shape` of a resolved type.
fn shape(api: &Api, ty: &Type) -> TokenStream {
    match ty {
        Type::String | Type::Timestamp | Type::Date => quote! { crate::Shape::String },
        Type::Integer => quote! { crate::Shape::Integer },
        Type::Float => quote! { crate::Shape::Float },
        Type::Boolean => quote! { crate::Shape::Boolean },
        Type::Json => quote! { crate::Shape::Any },
        Type::Array(inner) => {
            let inner = shape(api, inner);
            quote! { crate::Shape::List(&#inner) }
        }
        Type::Struct(_) => {
            let rust = rust_type(api, ty);
            quote! { crate::Shape::Object(<#rust as crate::Documented>::fields) }
        }
    }
}
