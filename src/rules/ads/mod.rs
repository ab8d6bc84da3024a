//! `ADS`: the ICON attached-data specification (`ccon_adata_spec*.xml`).

pub mod duplicate_key;
pub mod field_mapped_twice;
pub mod invalid_attribute_value;
pub mod malformed_xml;
pub mod missing_reference_key;
pub mod unexpected_namespace;
pub mod unknown_call_field;
