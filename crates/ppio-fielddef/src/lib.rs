//! Model of the field-definition file under `schema/` and its strict reader.
//!
//! Every generator in `xtask` works from the [`Definition`] returned by [`parse`], so names,
//! limits and descriptions are decided here once.

mod model;
mod reader;

pub use model::{
    ArrayRule, Definition, FieldDef, FieldKind, HeaderDef, HeaderRule, ObjectDef, ObjectId,
    Request, StringRule, Text,
};
pub use reader::{DefinitionError, parse};
