//! The JSON Schema of the claims file, for editors that validate YAML
//! (`claimcheck schema`). The loader stays the authority: it also checks
//! references, dates and cycles, which a schema cannot.

pub const CLAIMS: &str = include_str!("../schema/claims.schema.json");
