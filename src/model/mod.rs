//! Plain data shared by every layer: reports, findings, judgements, annotations and the
//! taxonomy. No I/O, no egui, no parsing logic: only types, their ids and small helpers
//! that follow directly from the data (labels, parsing an id back from text).

mod action;
mod annotation;
mod authority;
mod authority_file;
mod category;
mod finding;
pub mod palette;
mod report;

pub use action::{
    Action, ActionId, DueRevision, FindingState, FindingStates, Measure, PlanHeader, PlanRefs, Progress, days_overdue,
};
pub use annotation::{Annotation, ChangeRecord, ProgressUpdate, Rag, Stamp, Status};
pub use authority::{Authority, AuthorityCode, AuthorityKind, REGISTRY_RON, Region, Registry, Trust};
pub use category::{Category, CategoryId, Colour, Keyword, Taxonomy};
pub use finding::{Classification, Finding, FindingId, FindingKind, FrameworkPart, FrameworkRef, Polarity, SourceSpan};
pub use report::{Grade, ImportedReport, Judgement, ReportId, ReportKind, ReportMeta};

/// A civil date (no time zone), serialised as `YYYY-MM-DD`.
pub type Date = chrono::NaiveDate;

/// Implements `as_str`, `ALL`, `Display` and `FromStr` for a field-less enum whose
/// serialised form is its snake_case id, so ids on the command line, in JSON and in RON
/// are always the same strings.
macro_rules! id_enum {
    ($ty:ident { $($variant:ident => $id:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, in display order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// The stable snake_case id used in files and on the command line.
            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $id),+ }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $ty {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($id => Ok($ty::$variant),)+
                    _ => Err(format!(
                        "unknown {} '{s}' (expected one of: {})",
                        stringify!($ty).to_lowercase(),
                        [$($id),+].join(", ")
                    )),
                }
            }
        }
    };
}
pub(crate) use id_enum;
