use serde::{Deserialize, Serialize};

/// A category's id, such as `care_leavers`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CategoryId(pub String);

impl CategoryId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for CategoryId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for CategoryId {
    fn from(s: &str) -> Self {
        Self(s.to_owned())
    }
}

/// A colour as `#RRGGBB`. The UI converts it; the domain never needs a toolkit colour type.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Colour(pub String);

impl Colour {
    /// The red, green and blue components, or `None` when the text is not `#RRGGBB`.
    pub fn rgb(&self) -> Option<[u8; 3]> {
        let hex = self.0.strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some([byte(0)?, byte(2)?, byte(4)?])
    }
}

/// A weighted term that points to a category: a plain phrase (matched case-insensitively
/// on word boundaries) or, when `regex` is set, a regular expression.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Keyword {
    /// The phrase or pattern.
    pub term: String,
    /// How strongly it points to the category.
    #[serde(default = "default_weight")]
    pub weight: f32,
    /// Whether `term` is a regular expression.
    #[serde(default)]
    pub regex: bool,
}

fn default_weight() -> f32 {
    1.0
}

/// One theme of children's services work.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Category {
    /// Stable id, used in files and on the command line.
    pub id: CategoryId,
    /// Label shown to users, in sentence case.
    pub label: String,
    /// One-line description.
    pub description: String,
    /// Chip colour.
    pub colour: Colour,
    /// The parent category, for sub-themes.
    #[serde(default)]
    pub parent: Option<CategoryId>,
    /// The terms that point to this category.
    pub keywords: Vec<Keyword>,
}

/// The set of categories findings are tagged with.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Taxonomy {
    /// Version of the taxonomy's content, raised when categories change.
    #[serde(default)]
    pub version: u32,
    /// The categories, in display order.
    pub categories: Vec<Category>,
}

impl Taxonomy {
    /// The category with this id.
    pub fn get(&self, id: &CategoryId) -> Option<&Category> {
        self.categories.iter().find(|c| &c.id == id)
    }

    /// The label for an id, or the id itself when the taxonomy does not know it.
    pub fn label<'a>(&'a self, id: &'a CategoryId) -> &'a str {
        self.get(id).map_or(id.as_str(), |c| c.label.as_str())
    }
}
