//! Emits the Rust types of the request body: serde and schemars derives, bilingual doc comments.

use ppio_fielddef::{Definition, FieldDef, FieldKind, ObjectDef};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{bilingual, doc_attributes, generated_notice, inner_doc_attributes};

pub(super) fn generate(definition: &Definition) -> String {
    let module_doc = format!(
        "Rust types of the `{} {}` request body.\n\nEvery length and item count below is also enforced by the `ppio-validator` crate; the type system alone cannot.",
        definition.request.method, definition.request.path
    );
    let items = definition
        .objects
        .iter()
        .map(|object| object_type(definition, object));
    let module_doc = inner_doc_attributes(&module_doc);
    let file = quote! {
        #module_doc

        use schemars::JsonSchema;
        use serde::{Deserialize, Serialize};

        #(#items)*
    };
    let syntax = syn::parse2(file).expect("the emitted types are valid Rust");
    format!(
        "// {}\n{}",
        generated_notice(),
        prettyplease::unparse(&syntax)
    )
}

fn object_type(definition: &Definition, object: &ObjectDef) -> TokenStream {
    let name = format_ident!("{}", object.type_name);
    let doc = doc_attributes(&bilingual(&object.description));
    let title = if object.path.is_empty() {
        definition.request.title.en.clone()
    } else {
        object.type_name.clone()
    };
    let fields = object
        .fields
        .iter()
        .map(|field| object_field(definition, field));
    quote! {
        #doc
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields)]
        #[schemars(title = #title)]
        pub struct #name {
            #(#fields)*
        }
    }
}

fn object_field(definition: &Definition, field: &FieldDef) -> TokenStream {
    let rust_name = format_ident!("{}", field.rust_name);
    let json_name = &field.json_name;
    let doc = doc_attributes(&bilingual(&field.description));

    let inner = match &field.kind {
        FieldKind::String(_) => quote!(String),
        FieldKind::Boolean => quote!(bool),
        FieldKind::Object(object) => {
            let ident = format_ident!("{}", definition.objects[*object].type_name);
            quote!(#ident)
        }
        FieldKind::ObjectArray(object, _) => {
            let ident = format_ident!("{}", definition.objects[*object].type_name);
            quote!(Vec<#ident>)
        }
    };
    let (field_type, serde) = if field.required {
        (inner, quote!(#[serde(rename = #json_name)]))
    } else {
        (
            quote!(Option<#inner>),
            quote!(#[serde(rename = #json_name, default, skip_serializing_if = "Option::is_none")]),
        )
    };

    let mut schemars = Vec::new();
    match &field.kind {
        FieldKind::String(rule) => {
            schemars.extend(length_attribute(rule.min_length, rule.max_length));
            if let Some(constant) = &rule.constant {
                schemars.push(quote!(#[schemars(extend("const" = #constant))]));
            }
            if let Some(default) = &rule.default {
                schemars.push(quote!(#[schemars(extend("default" = #default))]));
            }
        }
        FieldKind::ObjectArray(_, rule) => {
            schemars.extend(length_attribute(rule.min_items, rule.max_items))
        }
        FieldKind::Boolean | FieldKind::Object(_) => {}
    }

    quote! {
        #doc
        #serde
        #(#schemars)*
        pub #rust_name: #field_type,
    }
}

/// Builds a schemars `length` attribute: `minLength`/`maxLength` on strings, `minItems`/`maxItems` on arrays.
fn length_attribute(min: Option<u64>, max: Option<u64>) -> Option<TokenStream> {
    let min = min.map(|min| {
        let literal = Literal::u64_unsuffixed(min);
        quote!(min = #literal)
    });
    let max = max.map(|max| {
        let literal = Literal::u64_unsuffixed(max);
        quote!(max = #literal)
    });
    match (min, max) {
        (None, None) => None,
        (Some(min), None) => Some(quote!(#[schemars(length(#min))])),
        (None, Some(max)) => Some(quote!(#[schemars(length(#max))])),
        (Some(min), Some(max)) => Some(quote!(#[schemars(length(#min, #max))])),
    }
}
