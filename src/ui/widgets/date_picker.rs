//! The date button with its calendar, for every date the window edits (due dates, plan
//! deadlines, board meetings, filters), and the conversions between the model's chrono
//! dates and the jiff dates egui_extras' picker works on.

use eframe::egui;

use crate::model::Date;

/// Draws a date as a button that opens a calendar; returns the date picked when it differs.
pub fn date_picker_ui(ui: &mut egui::Ui, id_salt: &str, date: Date) -> Option<Date> {
    let mut picked = to_jiff(date)?;
    let response = ui.add(
        egui_extras::DatePickerButton::new(&mut picked)
            .id_salt(id_salt)
            .format("%-d %b %Y")
            .calendar_week(false)
            .show_icon(false),
    );
    if !response.changed() {
        return None;
    }
    from_jiff(picked).filter(|new| *new != date)
}

/// A chrono date as a jiff date (the date picker's type).
pub fn to_jiff(d: Date) -> Option<jiff::civil::Date> {
    use chrono::Datelike as _;
    jiff::civil::Date::new(i16::try_from(d.year()).ok()?, i8::try_from(d.month()).ok()?, i8::try_from(d.day()).ok()?)
        .ok()
}

/// A jiff date back as a chrono date.
pub fn from_jiff(d: jiff::civil::Date) -> Option<Date> {
    Date::from_ymd_opt(i32::from(d.year()), u32::try_from(d.month()).ok()?, u32::try_from(d.day()).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_convert_both_ways() {
        let d = Date::from_ymd_opt(2026, 2, 28).unwrap();
        assert_eq!(from_jiff(to_jiff(d).unwrap()), Some(d));
    }
}
