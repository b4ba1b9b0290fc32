//! The views' bar charts, drawn with egui_plot: stacked horizontal bars (a bar per row,
//! every row named on the axis, the first row at the top) and grouped vertical bars (a
//! group per column). A [`Chart`] holds the bars themselves for both themes, built once
//! per workspace revision, so a frame only copies them into the plot; the legend is drawn
//! above the plot, clear of the bars, and [`chart_ui`] reports which bar was clicked. The
//! figures a chart shows are also written out as text by its view: a chart is never the
//! only way to read them.

use eframe::egui::{self, Color32, Stroke};
use egui_plot::{AxisHints, Bar, BarChart, GridInput, GridMark, Plot};

use crate::ui::theme::Tokens;

/// How tall a row of a horizontal chart is, in points.
const ROW_HEIGHT: f32 = 26.0;
/// How thick a bar is, as a share of the space between rows or columns.
const BAR_WIDTH: f64 = 0.7;

/// How a chart lays out its bars.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// A horizontal bar per row, the series stacked left to right.
    StackedRows,
    /// A group of vertical bars per column, the series side by side.
    GroupedColumns,
}

/// One series: its legend entry and its bar in every row, for the light and the dark
/// theme.
#[derive(Clone, Debug)]
struct Series {
    name: String,
    colours: [Color32; 2],
    bars: [Vec<Bar>; 2],
    total: f64,
}

/// A bar chart ready to draw.
#[derive(Clone, Debug)]
pub struct Chart {
    layout: Layout,
    rows: Vec<String>,
    series: Vec<Series>,
    /// What the value axis counts ("Recommendations").
    value_label: String,
}

/// One series of values to chart: its legend name, its colour in the light and the dark
/// theme, and a value per row.
pub struct SeriesInput {
    /// The legend's name.
    pub name: String,
    /// The fill in the light theme.
    pub light: Color32,
    /// The fill in the dark theme.
    pub dark: Color32,
    /// A value per row, in row order.
    pub values: Vec<f64>,
}

impl Chart {
    /// Lays out `series` over `rows` (row labels, in display order). `value_label` names
    /// what the values count, for the axis and the hover text ("3 recommendations").
    pub fn new(layout: Layout, rows: Vec<String>, series: Vec<SeriesInput>, value_label: &str) -> Self {
        let n = rows.len();
        let count = series.len().max(1) as f64;
        let mut stacked_to = vec![0.0; n];
        let series = series
            .into_iter()
            .enumerate()
            .map(|(s, input)| {
                let bars_for = |fill: Color32, dark: bool| -> Vec<Bar> {
                    // An edge a shade darker (lighter in the dark theme) than the fill keeps
                    // pale segments apart from each other and from the plot's background.
                    let edge = fill.lerp_to_gamma(if dark { Color32::WHITE } else { Color32::BLACK }, 0.35);
                    (0..n)
                        .map(|i| {
                            let value = input.values.get(i).copied().unwrap_or(0.0);
                            let (argument, base, width) = match layout {
                                // The first row at the top.
                                Layout::StackedRows => ((n - 1 - i) as f64, Some(stacked_to[i]), BAR_WIDTH),
                                Layout::GroupedColumns => {
                                    let w = BAR_WIDTH / count;
                                    (i as f64 - BAR_WIDTH / 2.0 + w * (s as f64 + 0.5), None, w * 0.92)
                                }
                            };
                            let mut bar = Bar::new(argument, value).width(width).fill(fill).name(format!(
                                "{}: {} {}",
                                rows[i],
                                value,
                                input.name.to_lowercase()
                            ));
                            bar.base_offset = base;
                            if value > 0.0 {
                                bar = bar.stroke(Stroke::new(1.0, edge));
                            }
                            if layout == Layout::StackedRows { bar.horizontal() } else { bar.vertical() }
                        })
                        .collect()
                };
                let bars = [bars_for(input.light, false), bars_for(input.dark, true)];
                if layout == Layout::StackedRows {
                    for (i, to) in stacked_to.iter_mut().enumerate() {
                        *to += input.values.get(i).copied().unwrap_or(0.0);
                    }
                }
                let total = input.values.iter().sum();
                Series { name: input.name, colours: [input.light, input.dark], bars, total }
            })
            .collect();
        Self { layout, rows, series, value_label: value_label.to_owned() }
    }

    /// Whether there is nothing to draw.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() || self.series.iter().all(|s| s.total == 0.0)
    }

    /// The row and series of the bar at a point of the plot.
    fn bar_at(&self, x: f64, y: f64, theme: usize) -> Option<(usize, usize)> {
        for (s, series) in self.series.iter().enumerate() {
            for (i, bar) in series.bars[theme].iter().enumerate() {
                let (along, across) = match self.layout {
                    Layout::StackedRows => (x, y),
                    Layout::GroupedColumns => (y, x),
                };
                let base = bar.base_offset.unwrap_or(0.0);
                if bar.value > 0.0
                    && (across - bar.argument).abs() <= bar.bar_width / 2.0
                    && (base..base + bar.value).contains(&along)
                {
                    return Some((i, s));
                }
            }
        }
        None
    }
}

/// The legend: a swatch and a name per series that has any value, in series order, on
/// its own line above the plot so it never covers a bar.
fn legend_ui(ui: &mut egui::Ui, chart: &Chart, theme: usize) {
    ui.horizontal_wrapped(|ui| {
        for series in chart.series.iter().filter(|s| s.total > 0.0) {
            let size = egui::vec2(12.0, 12.0);
            let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
            let fill = series.colours[theme];
            let edge = fill.lerp_to_gamma(if theme == 1 { Color32::WHITE } else { Color32::BLACK }, 0.35);
            ui.painter().rect(rect, 2.0, fill, Stroke::new(1.0, edge), egui::StrokeKind::Inside);
            ui.label(&series.name);
            ui.add_space(6.0);
        }
    });
}

/// Draws `chart` (legend above, then the plot); returns the row and series of a bar
/// clicked this frame.
pub fn chart_ui(ui: &mut egui::Ui, tokens: &Tokens, id: &str, chart: &Chart) -> Option<(usize, usize)> {
    let theme = usize::from(tokens.dark);
    // One series needs no legend: the heading and the axis say what it counts.
    if chart.series.len() > 1 {
        legend_ui(ui, chart, theme);
    }
    let n = chart.rows.len();
    let text = ui.visuals().text_color();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let labels = chart.rows.clone();
    let row_label = move |mark: GridMark, _: &std::ops::RangeInclusive<f64>| {
        let i = mark.value.round();
        if (mark.value - i).abs() > 1e-6 || i < 0.0 {
            return String::new();
        }
        labels.get(i as usize).cloned().unwrap_or_default()
    };
    let count_label = |mark: GridMark, _: &std::ops::RangeInclusive<f64>| {
        if mark.value >= 0.0 && (mark.value - mark.value.round()).abs() < 1e-6 {
            format!("{}", mark.value.round() as i64)
        } else {
            String::new()
        }
    };
    // Every row or column gets a mark (and so its label) at its own position.
    let every_row = move |_: GridInput| (0..n).map(|i| GridMark { value: i as f64, step_size: 1.0 }).collect();
    // A prefix keeps the plot apart from a grid or scroll area given the same name.
    let mut plot = Plot::new(("chart", id))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .show_y(false);
    match chart.layout {
        Layout::StackedRows => {
            let widest = chart.rows.iter().map(|r| ui.painter().layout_no_wrap(r.clone(), font.clone(), text).size().x);
            let widest = widest.fold(0.0_f32, f32::max) + 12.0;
            // The top row's label is at n - 1, the bottom's at 0.
            let top_first = chart.rows.clone();
            let flipped = move |mark: GridMark, range: &std::ops::RangeInclusive<f64>| {
                let i = mark.value.round();
                if (mark.value - i).abs() > 1e-6 || i < 0.0 || i as usize >= top_first.len() {
                    return String::new();
                }
                row_label(GridMark { value: (top_first.len() - 1 - i as usize) as f64, ..mark }, range)
            };
            plot = plot
                .height(n as f32 * ROW_HEIGHT + 40.0)
                .custom_y_axes(vec![
                    AxisHints::new_y().formatter(flipped).label_spacing(10.0..=14.0).min_thickness(widest),
                ])
                .custom_x_axes(vec![
                    AxisHints::new_x().formatter(count_label).label_spacing(24.0..=32.0).label(&chart.value_label),
                ])
                .y_grid_spacer(every_row)
                .include_y(-0.5)
                .include_y(n as f64 - 0.5)
                .include_x(0.0)
                .set_margin_fraction(egui::vec2(0.05, 0.0));
        }
        Layout::GroupedColumns => {
            // Labels need about 48 points each: with many columns, every second or third is named.
            let spaced = move |input: GridInput| {
                let step =
                    [1, 2, 3, 4, 6, 12].into_iter().find(|s| *s as f64 >= input.base_step_size * 10.0).unwrap_or(12);
                (0..n).step_by(step).map(|i| GridMark { value: i as f64, step_size: step as f64 }).collect()
            };
            plot = plot
                .height(200.0)
                .custom_x_axes(vec![AxisHints::new_x().formatter(row_label).label_spacing(40.0..=48.0)])
                .custom_y_axes(vec![
                    AxisHints::new_y().formatter(count_label).label_spacing(14.0..=20.0).label(&chart.value_label),
                ])
                .x_grid_spacer(spaced)
                .include_x(-0.5)
                .include_x(n as f64 - 0.5)
                .include_y(0.0)
                .set_margin_fraction(egui::vec2(0.0, 0.08));
        }
    }
    let horizontal = chart.layout == Layout::StackedRows;
    let response = plot.show(ui, |plot_ui| {
        for series in &chart.series {
            let mut bars = BarChart::new(series.name.clone(), series.bars[theme].clone())
                .element_formatter(Box::new(|bar, _| bar.name.clone()));
            bars = if horizontal { bars.horizontal() } else { bars.vertical() };
            plot_ui.bar_chart(bars);
        }
        plot_ui.pointer_coordinate()
    });
    if response.response.clicked()
        && let Some(point) = response.inner
    {
        return chart.bar_at(point.x, point.y, theme);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(name: &str, values: &[f64]) -> SeriesInput {
        SeriesInput { name: name.into(), light: Color32::RED, dark: Color32::BLUE, values: values.to_vec() }
    }

    #[test]
    fn a_point_finds_the_stacked_segment_under_it() {
        let chart = Chart::new(
            Layout::StackedRows,
            vec!["First".into(), "Second".into()],
            vec![series("A", &[2.0, 1.0]), series("B", &[3.0, 0.0])],
            "Things",
        );
        // The first row is drawn at the top (y = 1); B starts where A ends.
        assert_eq!(chart.bar_at(1.0, 1.0, 0), Some((0, 0)));
        assert_eq!(chart.bar_at(4.0, 1.1, 0), Some((0, 1)));
        assert_eq!(chart.bar_at(0.5, 0.0, 1), Some((1, 0)));
        assert_eq!(chart.bar_at(2.0, 0.0, 0), None, "the second row's B is empty");
        assert_eq!(chart.bar_at(1.0, 0.5, 0), None, "between rows");
        assert!(!chart.is_empty());
    }

    #[test]
    fn a_point_finds_the_grouped_column_under_it() {
        let chart = Chart::new(
            Layout::GroupedColumns,
            vec!["Jan".into(), "Feb".into()],
            vec![series("Due", &[2.0, 1.0]), series("Done", &[1.0, 4.0])],
            "Actions",
        );
        // Due is left of each month's centre, Done right of it.
        assert_eq!(chart.bar_at(1.15, 3.0, 0), Some((1, 1)));
        assert_eq!(chart.bar_at(1.15, 4.5, 0), None, "above the bar");
        assert_eq!(chart.bar_at(1.0, 0.5, 0), None, "between the two bars");
        assert_eq!(chart.bar_at(-0.2, 1.5, 0), Some((0, 0)));
        assert!(Chart::new(Layout::GroupedColumns, vec![], vec![], "Actions").is_empty());
    }
}
