//! National-framework cross-references ("(outcome 2, national framework)") at the end of
//! an item: read into the item's field and cut from its text.

use std::sync::LazyLock;

use regex::Regex;

use super::Item;
use crate::model::{FrameworkPart, FrameworkRef};
use crate::parse::rx;

// "(outcome 2, national framework)", "(enabler: leaders drive conditions for effective
// practice, national framework)", "(enabler 2, national framework)" at an item's end.
static FRAMEWORK_REF: LazyLock<Regex> =
    LazyLock::new(|| rx(r"(?i)\s*\(\s*(outcomes?|enablers?)\b\s*:?\s*(.*?)\s*,?\s*national\s+framework\s*\)\s*\.?$"));

/// The national-framework cross-reference at the end of an item's text, and the byte
/// offset where it starts (the text before it is the item's own).
pub fn framework_ref(text: &str) -> Option<(usize, FrameworkRef)> {
    let c = FRAMEWORK_REF.captures(text)?;
    let whole = c.get(0)?;
    let part =
        if c[1].to_ascii_lowercase().starts_with("outcome") { FrameworkPart::Outcome } else { FrameworkPart::Enabler };
    let named = c[2].trim().trim_end_matches(',').trim();
    if named.is_empty() || whole.start() == 0 {
        return None;
    }
    let number = named.parse::<u32>().ok();
    Some((whole.start(), FrameworkRef { part, number, text: named.to_owned() }))
}

/// Moves each item's national-framework cross-reference from its text to its field.
pub(super) fn take_framework_refs(items: &mut [Item]) {
    for item in items {
        if let Some((at, found)) = framework_ref(&item.text) {
            item.cut = item.text.split_off(at);
            item.framework_ref = Some(found);
        }
    }
}
