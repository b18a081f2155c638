//! Emits the rule tables and field readers that the validator crate runs.
//!
//! The validator contains no limit of its own: every length, count, const and required flag it checks
//! comes from the code emitted here.

use heck::ToShoutySnakeCase;
use ppio_fielddef::{Definition, FieldDef, FieldKind, HeaderRule, ObjectDef};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::generated_notice;

/// Bytes one character can take at most inside a JSON string: a surrogate pair written as two `\uXXXX` escapes.
const MAX_BYTES_PER_CHARACTER: u64 = 12;

pub(super) fn generate(definition: &Definition) -> String {
    let type_names = definition
        .objects
        .iter()
        .map(|object| format_ident!("{}", object.type_name));
    let root = format_ident!("{}", definition.root().type_name);
    let headers = definition.headers.iter().map(|header| {
        let name = &header.name;
        let required = header.required;
        let rule = match &header.rule {
            HeaderRule::MediaType(media_type) => quote!(HeaderRule::MediaType(#media_type)),
            HeaderRule::Scheme(scheme) => quote!(HeaderRule::Scheme(#scheme)),
        };
        quote!(HeaderSpec { name: #name, required: #required, rule: #rule })
    });
    let largest = Literal::u64_unsuffixed(largest_bounded_body(definition, 0));
    let rules = definition.objects.iter().flat_map(|object| {
        object
            .fields
            .iter()
            .map(move |field| field_rule(object, field))
    });
    let impls = definition
        .objects
        .iter()
        .map(|object| object_impl(definition, object));

    let file = quote! {
        #![doc = " Rules of the request body and headers, one reader per object type."]

        use ppio_types::{#(#type_names),*};

        use crate::headers::{HeaderRule, HeaderSpec};
        use crate::walk::{ArrayRule, Fatal, FieldSpec, Member, ObjectSchema, Reader, StringRule};

        /// The request body type.
        pub(crate) type Request = #root;

        /// Headers of the request and the rule each value follows.
        pub(crate) const HEADERS: &[HeaderSpec] = &[#(#headers),*];

        /// Size in bytes of the largest body whose bounded strings all have their maximum length, and
        /// const strings their value, with each character written as a surrogate-pair escape.
        /// Strings without a maximum count as empty.
        pub(crate) const LARGEST_BOUNDED_BODY_BYTES: u64 = #largest;

        #(#rules)*

        #(#impls)*
    };
    let syntax = syn::parse2(file).expect("the emitted rules are valid Rust");
    format!(
        "// {}\n{}",
        generated_notice(),
        prettyplease::unparse(&syntax)
    )
}

fn rule_name(object: &ObjectDef, field: &FieldDef) -> proc_macro2::Ident {
    format_ident!(
        "{}_{}",
        object.type_name.to_shouty_snake_case(),
        field.rust_name.trim_end_matches('_').to_uppercase()
    )
}

fn optional_usize(value: Option<u64>) -> TokenStream {
    match value {
        Some(value) => {
            let literal = Literal::u64_unsuffixed(value);
            quote!(Some(#literal))
        }
        None => quote!(None),
    }
}

fn field_rule(object: &ObjectDef, field: &FieldDef) -> TokenStream {
    let name = rule_name(object, field);
    match &field.kind {
        FieldKind::String(rule) => {
            let min = optional_usize(rule.min_length);
            let max = optional_usize(rule.max_length);
            let constant = match &rule.constant {
                Some(constant) => quote!(Some(#constant)),
                None => quote!(None),
            };
            quote! {
                const #name: StringRule = StringRule { min_length: #min, max_length: #max, constant: #constant };
            }
        }
        FieldKind::ObjectArray(_, rule) => {
            let min = optional_usize(rule.min_items);
            let max = optional_usize(rule.max_items);
            quote! {
                const #name: ArrayRule = ArrayRule { min_items: #min, max_items: #max };
            }
        }
        FieldKind::Boolean | FieldKind::Object(_) => TokenStream::new(),
    }
}

fn object_impl(definition: &Definition, object: &ObjectDef) -> TokenStream {
    let type_name = format_ident!("{}", object.type_name);
    let specs = object.fields.iter().map(|field| {
        let name = &field.json_name;
        let required = field.required;
        quote!(FieldSpec { name: #name, required: #required })
    });
    let arms = object.fields.iter().enumerate().map(|(index, field)| {
        let index = Literal::usize_unsuffixed(index);
        let target = format_ident!("{}", field.rust_name);
        let rule = rule_name(object, field);
        let call = match (&field.kind, field.required) {
            (FieldKind::String(_), true) => quote!(reader.read_string::<BUILD>(member, &#rule, &mut self.#target)),
            (FieldKind::String(_), false) => {
                quote!(reader.read_optional_string::<BUILD>(member, &#rule, &mut self.#target))
            }
            (FieldKind::Boolean, true) => quote!(reader.read_boolean(member, &mut self.#target)),
            (FieldKind::Boolean, false) => quote!(reader.read_optional_boolean(member, &mut self.#target)),
            (FieldKind::Object(child), required) => {
                let child = format_ident!("{}", definition.objects[*child].type_name);
                if required {
                    quote!(reader.read_object::<BUILD, #child>(member, &mut self.#target))
                } else {
                    quote!(reader.read_optional_object::<BUILD, #child>(member, &mut self.#target))
                }
            }
            (FieldKind::ObjectArray(child, _), required) => {
                let child = format_ident!("{}", definition.objects[*child].type_name);
                if required {
                    quote!(reader.read_object_array::<BUILD, #child>(member, &#rule, &mut self.#target))
                } else {
                    quote!(reader.read_optional_object_array::<BUILD, #child>(member, &#rule, &mut self.#target))
                }
            }
        };
        quote!(#index => #call,)
    });
    quote! {
        impl ObjectSchema for #type_name {
            const FIELDS: &'static [FieldSpec] = &[#(#specs),*];

            fn read_field<const BUILD: bool>(
                &mut self,
                index: usize,
                reader: &mut Reader<'_>,
                member: &Member<'_>,
            ) -> Result<(), Fatal> {
                match index {
                    #(#arms)*
                    _ => unreachable!("field index {index} is out of range for {}", stringify!(#type_name)),
                }
            }
        }
    }
}

/// Estimates the largest body in bytes, as documented on `LARGEST_BOUNDED_BODY_BYTES`.
fn largest_bounded_body(definition: &Definition, object: usize) -> u64 {
    // Braces, plus for each member its quoted name, a colon, a comma and the value.
    let mut total = 2;
    for field in &definition.objects[object].fields {
        total += field.json_name.len() as u64 + 4;
        total += match &field.kind {
            FieldKind::String(rule) => {
                let constant_length = rule
                    .constant
                    .as_ref()
                    .map(|constant| constant.chars().count() as u64);
                2 + rule.max_length.or(constant_length).unwrap_or(0) * MAX_BYTES_PER_CHARACTER
            }
            FieldKind::Boolean => 5,
            FieldKind::Object(child) => largest_bounded_body(definition, *child),
            FieldKind::ObjectArray(child, rule) => {
                2 + rule.max_items.unwrap_or(0) * (largest_bounded_body(definition, *child) + 1)
            }
        };
    }
    total
}
