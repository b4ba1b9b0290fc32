//! The authority registry's file format (`assets/authorities.ron`) and its checks, shared by
//! `build.rs` (which refuses to build with a broken registry) and the crate's loader and
//! unit tests, so both apply exactly the same rules.
//!
//! This file must compile on its own with only `serde` and `ron`: `build.rs` includes it
//! with `#[path]`, where nothing else of the crate exists. It never names `crate::` items.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

/// The nine English regions, as the registry spells them.
pub const REGIONS: &[&str] = &[
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
];

/// The whole registry file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorityFile {
    /// Every authority, current and historic.
    pub authorities: Vec<AuthorityEntry>,
    /// Trusts and companies that run children's services for a council.
    #[serde(default)]
    pub trusts: Vec<TrustEntry>,
}

/// The type of council, as the ONS classifies it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum KindEntry {
    /// A London borough (and the City of London).
    LondonBorough,
    /// A metropolitan district.
    MetropolitanDistrict,
    /// A unitary authority.
    UnitaryAuthority,
    /// A county council.
    County,
}

/// One authority as written.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorityEntry {
    /// The DfE three-digit local authority code.
    pub code: String,
    /// The ONS (GSS) code.
    pub gss: String,
    /// The name the registry shows.
    pub name: String,
    /// One of [`REGIONS`].
    pub region: String,
    /// The type of council.
    pub kind: KindEntry,
    /// The ten statistical neighbours by DfE code, nearest first (empty for historic ones).
    #[serde(default)]
    pub neighbours: Vec<String>,
    /// Other names it goes by.
    #[serde(default)]
    pub other_names: Vec<String>,
    /// The first day it existed, `YYYY-MM-DD`, when it was created by a reorganisation.
    #[serde(default)]
    pub from: Option<String>,
    /// The first day it no longer existed, `YYYY-MM-DD`.
    #[serde(default)]
    pub until: Option<String>,
    /// The authorities that took over from it, by DfE code.
    #[serde(default)]
    pub successors: Vec<String>,
}

/// One trust as written.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustEntry {
    /// The trust's name.
    pub name: String,
    /// The councils it serves (or served), by DfE code.
    pub councils: Vec<String>,
}

/// A `YYYY-MM-DD` date as (year, month, day), or `None` when it is not one.
pub fn civil_date(text: &str) -> Option<(i32, u32, u32)> {
    let mut parts = text.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// Parses and checks the registry: codes well formed and unique (DfE and GSS), regions
/// known, every neighbour, successor and trust council a known code, dates well formed and
/// every historic authority with a successor. Returns every problem, each naming the code.
pub fn check(text: &str) -> Result<AuthorityFile, Vec<String>> {
    let file: AuthorityFile = ron::from_str(text).map_err(|e| vec![format!("not a valid registry: {e}")])?;
    let mut problems = Vec::new();
    let mut codes = HashSet::new();
    let mut gss = HashMap::new();
    for a in &file.authorities {
        if a.code.len() != 3 || !a.code.bytes().all(|b| b.is_ascii_digit()) {
            problems.push(format!("authority '{}' ({}): the DfE code is not three digits", a.code, a.name));
        }
        if !codes.insert(a.code.as_str()) {
            problems.push(format!("authority '{}' ({}): the DfE code is used twice", a.code, a.name));
        }
        let gss_ok = a.gss.len() == 9 && a.gss.starts_with('E') && a.gss[1..].bytes().all(|b| b.is_ascii_digit());
        if !gss_ok {
            problems.push(format!("authority '{}' ({}): '{}' is not a GSS code", a.code, a.name, a.gss));
        }
        if let Some(other) = gss.insert(a.gss.as_str(), a.code.as_str()) {
            problems.push(format!("authority '{}' ({}): GSS code {} is also {other}'s", a.code, a.name, a.gss));
        }
        if a.name.trim().is_empty() {
            problems.push(format!("authority '{}': no name", a.code));
        }
        if !REGIONS.contains(&a.region.as_str()) {
            problems.push(format!("authority '{}' ({}): unknown region '{}'", a.code, a.name, a.region));
        }
        for date in a.from.iter().chain(&a.until) {
            if civil_date(date).is_none() {
                problems.push(format!("authority '{}' ({}): '{date}' is not a YYYY-MM-DD date", a.code, a.name));
            }
        }
        if a.until.is_some() && a.successors.is_empty() {
            problems.push(format!("authority '{}' ({}): it ended but has no successor", a.code, a.name));
        }
        if a.until.is_none() && !a.neighbours.is_empty() && a.neighbours.len() != 10 {
            problems.push(format!("authority '{}' ({}): {} neighbours, not ten", a.code, a.name, a.neighbours.len()));
        }
    }
    for a in &file.authorities {
        for n in &a.neighbours {
            if !codes.contains(n.as_str()) {
                problems.push(format!("authority '{}' ({}): neighbour '{n}' is not a known code", a.code, a.name));
            }
            if n == &a.code {
                problems.push(format!("authority '{}' ({}): it is its own neighbour", a.code, a.name));
            }
        }
        for s in &a.successors {
            if !codes.contains(s.as_str()) {
                problems.push(format!("authority '{}' ({}): successor '{s}' is not a known code", a.code, a.name));
            }
        }
    }
    for t in &file.trusts {
        if t.councils.is_empty() {
            problems.push(format!("trust '{}': serves no council", t.name));
        }
        for c in &t.councils {
            if !codes.contains(c.as_str()) {
                problems.push(format!("trust '{}': council '{c}' is not a known code", t.name));
            }
        }
    }
    if problems.is_empty() { Ok(file) } else { Err(problems) }
}
