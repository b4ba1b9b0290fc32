//! HTML pages and saved web articles → paragraphs of text, through a real HTML parser.
//! Site furniture (scripts, styles, navigation, headers, footers, cookie banners) is
//! dropped; when the page marks its content with `<main>` or `<article>`, only that is kept.

use std::path::Path;

use scraper::{ElementRef, Html, Node, Selector};

/// Elements whose content is never report text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button", "svg", "iframe",
    "select", "head",
];

/// Elements that start a new paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "blockquote",
    "dd",
    "dt",
    "dl",
    "figure",
    "figcaption",
    "pre",
    "br",
    "hr",
    "td",
    "th",
];

/// Words in a class or id that mark site furniture rather than content.
const FURNITURE_MARKS: &[&str] =
    &["cookie", "banner", "breadcrumb", "skip-link", "site-header", "site-footer", "navbar", "menu", "share", "social"];

/// Whether the text is HTML: by extension, or by how it starts.
pub fn looks_like_html(path: &Path, text: &str) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if matches!(ext.as_str(), "html" | "htm" | "xhtml") {
        return true;
    }
    let head: String = text.trim_start().chars().take(512).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with("<?xml") && head.contains("<html"))
}

/// The page's readable text: one paragraph per block, separated by blank lines; list
/// items start with "• " so the parser sees them as bullets.
pub fn to_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let root = ["main", "article", "[role=main]", "body"]
        .iter()
        .filter_map(|s| Selector::parse(s).ok())
        .find_map(|sel| doc.select(&sel).next())
        .unwrap_or_else(|| doc.root_element());
    let mut out = TextOut::default();
    walk(root, &mut out, 0);
    out.finish()
}

#[derive(Default)]
struct TextOut {
    paragraphs: Vec<String>,
    current: String,
}

impl TextOut {
    fn push_text(&mut self, text: &str) {
        for word in text.split_whitespace() {
            if !self.current.is_empty() && !self.current.ends_with(' ') {
                self.current.push(' ');
            }
            self.current.push_str(word);
        }
        if text.ends_with(char::is_whitespace) && !self.current.is_empty() {
            self.current.push(' ');
        }
    }

    fn break_paragraph(&mut self) {
        let para = self.current.trim();
        if !para.is_empty() && para != "•" {
            self.paragraphs.push(para.to_owned());
        }
        self.current.clear();
    }

    fn finish(mut self) -> String {
        self.break_paragraph();
        self.paragraphs.join("\n\n") + "\n"
    }
}

fn is_furniture(el: &ElementRef<'_>) -> bool {
    let value = el.value();
    if SKIPPED.contains(&value.name()) || value.attr("hidden").is_some() || value.attr("aria-hidden") == Some("true") {
        return true;
    }
    let marks =
        format!("{} {}", value.attr("class").unwrap_or(""), value.attr("id").unwrap_or("")).to_ascii_lowercase();
    FURNITURE_MARKS.iter().any(|m| marks.contains(m))
}

fn walk(el: ElementRef<'_>, out: &mut TextOut, depth: usize) {
    // Deeply nested markup is flattened rather than followed without limit.
    let name = el.value().name();
    let block = BLOCKS.contains(&name);
    if block {
        out.break_paragraph();
    }
    if name == "li" {
        out.current.push_str("• ");
    }
    for child in el.children() {
        match child.value() {
            Node::Text(text) => out.push_text(text),
            Node::Element(_) => {
                if let Some(child_el) = ElementRef::wrap(child) {
                    if is_furniture(&child_el) {
                        continue;
                    }
                    if depth < 256 {
                        walk(child_el, out, depth + 1);
                    } else {
                        out.push_text(&child_el.text().collect::<Vec<_>>().join(" "));
                    }
                }
            }
            _ => {}
        }
    }
    if block {
        out.break_paragraph();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_article_drops_furniture() {
        let html = r#"<html><head><title>t</title><script>var x=1;</script></head><body>
            <header>Site name</header><nav><a>Home</a></nav>
            <div class="cookie-banner">We use cookies</div>
            <main><h1>Ofsted praises <b>Southwark</b></h1><p>Children are   seen
            quickly.</p><ul><li>one</li><li>two</li></ul></main>
            <footer>Contact us</footer></body></html>"#;
        let text = to_text(html);
        assert_eq!(text, "Ofsted praises Southwark\n\nChildren are seen quickly.\n\n• one\n\n• two\n");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!("<html><body>{}deep{}</body></html>", "<div>".repeat(20_000), "</div>".repeat(20_000));
        assert!(to_text(&html).contains("deep"));
    }
}
