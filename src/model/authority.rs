//! England's children's services authorities: the registry compiled in from
//! `assets/authorities.ron` (checked by `build.rs`), with DfE and GSS codes, region, type,
//! statistical neighbours, other names, the reorganisations of 2019, 2021 and 2023, and the
//! trusts that run a council's services. Plain data and look-ups; finding an authority in a
//! report's text is `parse::authority`'s job.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::Date;
use super::authority_file::{self, AuthorityFile, KindEntry};

/// The registry as shipped.
pub const REGISTRY_RON: &str = include_str!("../../assets/authorities.ron");

/// A DfE three-digit local authority code, such as `210` (Southwark): the key councils use
/// in children's services data.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AuthorityCode(pub String);

impl std::fmt::Display for AuthorityCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// An English region.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Region {
    /// North East.
    NorthEast,
    /// North West.
    NorthWest,
    /// Yorkshire and the Humber.
    YorkshireAndTheHumber,
    /// East Midlands.
    EastMidlands,
    /// West Midlands.
    WestMidlands,
    /// East of England.
    EastOfEngland,
    /// London.
    London,
    /// South East.
    SouthEast,
    /// South West.
    SouthWest,
}

impl Region {
    /// Every region, in the registry's order.
    pub const ALL: &'static [Region] = &[
        Self::NorthEast,
        Self::NorthWest,
        Self::YorkshireAndTheHumber,
        Self::EastMidlands,
        Self::WestMidlands,
        Self::EastOfEngland,
        Self::London,
        Self::SouthEast,
        Self::SouthWest,
    ];

    /// The region's name, e.g. "Yorkshire and the Humber".
    pub fn label(self) -> &'static str {
        let i = Self::ALL.iter().position(|r| *r == self).unwrap_or(0);
        authority_file::REGIONS[i]
    }

    fn from_label(label: &str) -> Option<Self> {
        let i = authority_file::REGIONS.iter().position(|r| *r == label)?;
        Self::ALL.get(i).copied()
    }
}

/// The type of council.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AuthorityKind {
    /// A London borough (and the City of London).
    LondonBorough,
    /// A metropolitan district.
    MetropolitanDistrict,
    /// A unitary authority.
    UnitaryAuthority,
    /// A county council.
    County,
}

impl AuthorityKind {
    /// Every type, in the order lists show them.
    pub const ALL: &'static [AuthorityKind] =
        &[Self::County, Self::LondonBorough, Self::MetropolitanDistrict, Self::UnitaryAuthority];

    /// A human label, in sentence case.
    pub fn label(self) -> &'static str {
        match self {
            Self::LondonBorough => "London borough",
            Self::MetropolitanDistrict => "Metropolitan district",
            Self::UnitaryAuthority => "Unitary authority",
            Self::County => "County",
        }
    }
}

/// One children's services authority, current or historic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Authority {
    /// The DfE code.
    pub code: AuthorityCode,
    /// The ONS (GSS) code, e.g. `E09000028`.
    pub gss: String,
    /// The registry's name, e.g. "Southwark".
    pub name: String,
    /// The region.
    pub region: Region,
    /// The type of council.
    pub kind: AuthorityKind,
    /// The ten statistical neighbours, nearest first; empty for a historic authority.
    pub neighbours: Vec<AuthorityCode>,
    /// Other names it goes by ("Bristol, City of", "BCP", "County Durham").
    pub other_names: Vec<String>,
    /// The first day it existed, when a reorganisation created it.
    pub from: Option<Date>,
    /// The first day it no longer existed, when a reorganisation ended it.
    pub until: Option<Date>,
    /// The authorities that took over from it.
    pub successors: Vec<AuthorityCode>,
}

impl Authority {
    /// Whether it existed on `date`.
    pub fn existed_on(&self, date: Date) -> bool {
        self.from.is_none_or(|from| from <= date) && self.until.is_none_or(|until| date < until)
    }

    /// Whether it exists today (no reorganisation has ended it).
    pub fn is_current(&self) -> bool {
        self.until.is_none()
    }
}

/// A trust or company that runs children's services for one or more councils.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trust {
    /// Its name, e.g. "Together for Children".
    pub name: String,
    /// The councils it serves or served.
    pub councils: Vec<AuthorityCode>,
}

/// Every authority and trust, loaded once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Registry {
    authorities: Vec<Authority>,
    trusts: Vec<Trust>,
}

static BUILTIN: LazyLock<Registry> =
    LazyLock::new(|| Registry::from_ron(REGISTRY_RON).expect("build.rs checked assets/authorities.ron"));

impl Registry {
    /// The registry compiled into the program.
    pub fn builtin() -> &'static Registry {
        &BUILTIN
    }

    /// Parses and checks a registry in the format of `assets/authorities.ron`.
    pub fn from_ron(text: &str) -> Result<Self, Vec<String>> {
        let file: AuthorityFile = authority_file::check(text)?;
        let date = |s: &Option<String>, code: &str| -> Result<Option<Date>, Vec<String>> {
            s.as_deref()
                .map(|s| {
                    let (y, m, d) = authority_file::civil_date(s).unwrap_or((0, 0, 0));
                    Date::from_ymd_opt(y, m, d).ok_or_else(|| vec![format!("authority '{code}': no such date '{s}'")])
                })
                .transpose()
        };
        let codes = |v: Vec<String>| v.into_iter().map(AuthorityCode).collect::<Vec<_>>();
        let mut authorities = Vec::with_capacity(file.authorities.len());
        for a in file.authorities {
            let region = Region::from_label(&a.region)
                .ok_or_else(|| vec![format!("authority '{}': unknown region '{}'", a.code, a.region)])?;
            authorities.push(Authority {
                from: date(&a.from, &a.code)?,
                until: date(&a.until, &a.code)?,
                code: AuthorityCode(a.code),
                gss: a.gss,
                name: a.name,
                region,
                kind: match a.kind {
                    KindEntry::LondonBorough => AuthorityKind::LondonBorough,
                    KindEntry::MetropolitanDistrict => AuthorityKind::MetropolitanDistrict,
                    KindEntry::UnitaryAuthority => AuthorityKind::UnitaryAuthority,
                    KindEntry::County => AuthorityKind::County,
                },
                neighbours: codes(a.neighbours),
                other_names: a.other_names,
                successors: codes(a.successors),
            });
        }
        let trusts = file.trusts.into_iter().map(|t| Trust { name: t.name, councils: codes(t.councils) }).collect();
        Ok(Self { authorities, trusts })
    }

    /// Every authority, current and historic, sorted by name.
    pub fn authorities(&self) -> &[Authority] {
        &self.authorities
    }

    /// The authorities that exist today.
    pub fn current(&self) -> impl Iterator<Item = &Authority> {
        self.authorities.iter().filter(|a| a.is_current())
    }

    /// Every trust.
    pub fn trusts(&self) -> &[Trust] {
        &self.trusts
    }

    /// The authority with this DfE code.
    pub fn get(&self, code: &str) -> Option<&Authority> {
        self.authorities.iter().find(|a| a.code.0 == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_registry_passes_the_build_checks() {
        // The same check build.rs runs, so a test run names every problem too.
        authority_file::check(REGISTRY_RON).unwrap();
    }

    #[test]
    fn holds_the_153_current_authorities_each_with_ten_known_neighbours() {
        let reg = Registry::builtin();
        let current: Vec<&Authority> = reg.current().collect();
        assert_eq!(current.len(), 153);
        for a in &current {
            assert_eq!(a.neighbours.len(), 10, "{}", a.name);
            for n in &a.neighbours {
                let neighbour = reg.get(&n.0).unwrap_or_else(|| panic!("{}: neighbour {n}", a.name));
                assert!(neighbour.is_current(), "{}: neighbour {} is historic", a.name, neighbour.name);
            }
        }
        assert_eq!(reg.get("210").unwrap().name, "Southwark");
        assert_eq!(reg.get("210").unwrap().gss, "E09000028");
        assert_eq!(reg.get("210").unwrap().region, Region::London);
        assert_eq!(reg.get("811").unwrap().region.label(), "Yorkshire and the Humber");
    }

    #[test]
    fn holds_the_historic_authorities_with_their_successors() {
        let reg = Registry::builtin();
        let d = |y, m, day| Date::from_ymd_opt(y, m, day).unwrap();
        for (code, name, until, successors) in [
            ("837", "Bournemouth", d(2019, 4, 1), &["839"][..]),
            ("836", "Poole", d(2019, 4, 1), &["839"]),
            ("835", "Dorset", d(2019, 4, 1), &["838"]),
            ("928", "Northamptonshire", d(2021, 4, 1), &["940", "941"]),
            ("909", "Cumbria", d(2023, 4, 1), &["942", "943"]),
        ] {
            let a = reg.get(code).unwrap_or_else(|| panic!("{name} ({code}) is missing"));
            assert_eq!(a.name, name);
            assert_eq!(a.until, Some(until), "{name}");
            assert!(!a.is_current() && a.existed_on(d(2015, 1, 1)) && !a.existed_on(until), "{name}");
            let got: Vec<&str> = a.successors.iter().map(|s| s.0.as_str()).collect();
            assert_eq!(got, successors, "{name}");
            for s in successors {
                assert!(reg.get(s).unwrap().existed_on(until), "{name}: successor {s}");
            }
        }
        assert_eq!(reg.authorities().len(), 158);
    }

    #[test]
    fn broken_registries_are_refused_with_the_code_named() {
        let one = |code: &str, gss: &str, neighbours: &str| {
            format!(
                "(code: \"{code}\", gss: \"{gss}\", name: \"X{code}\", region: \"London\", kind: LondonBorough, neighbours: [{neighbours}])"
            )
        };
        let text = format!("(authorities: [{}, {}])", one("201", "E09000001", "\"999\""), one("201", "E09000001", ""));
        let problems = Registry::from_ron(&text).unwrap_err().join("\n");
        assert!(problems.contains("'201' (X201): the DfE code is used twice"), "{problems}");
        assert!(problems.contains("GSS code E09000001 is also 201's"), "{problems}");
        assert!(problems.contains("neighbour '999' is not a known code"), "{problems}");
        let text =
            "(authorities: [(code: \"201\", gss: \"E09000001\", name: \"X\", region: \"Wessex\", kind: County)])";
        assert!(Registry::from_ron(text).unwrap_err()[0].contains("unknown region 'Wessex'"));
        let text = "(authorities: [(code: \"201\", gss: \"E09000001\", name: \"X\", region: \"London\", kind: County, until: Some(\"2019-4-1\"))])";
        let problems = Registry::from_ron(text).unwrap_err().join("\n");
        assert!(problems.contains("not a YYYY-MM-DD date") && problems.contains("no successor"), "{problems}");
    }
}
