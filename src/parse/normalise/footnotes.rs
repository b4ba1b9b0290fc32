//! Footnote bodies printed at the foot of a page, dropped so they do not split or end
//! the paragraphs around them. (Markers glued to words are removed in `lines`.)

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::Line;
use crate::parse::rx;

static FOOTNOTE_BODY: LazyLock<Regex> = LazyLock::new(|| rx(r"^\s*(\d{1,2})\s+[A-Z]"));

/// Drops a footnote body at the foot of a page: from a line "N Text" (N a footnote marker
/// seen in the text) to the end of the page.
pub(super) fn drop_footnote_bodies(lines: &mut Vec<Line>, markers: &HashSet<u32>) {
    let last_text = lines.iter().rposition(|l| !l.is_blank());
    let Some(last_text) = last_text else { return };
    // Look back over the last few paragraphs only.
    let floor = last_text.saturating_sub(14);
    let mut cut = None;
    for i in (floor..=last_text).rev() {
        let l = &lines[i];
        if let Some(c) = FOOTNOTE_BODY.captures(&l.text) {
            let n: u32 = c[1].parse().unwrap_or(0);
            let after_blank = i == 0 || lines[i - 1].is_blank();
            if markers.contains(&n) && after_blank && !l.bullet {
                cut = Some(i);
            }
        }
    }
    if let Some(i) = cut {
        lines.truncate(i);
    }
}
