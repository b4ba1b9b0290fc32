//! What the window's headless tests share: the harness they drive the app in, at the
//! tests' window size and theme, run until the first frames have settled.

use egui_kittest::{Harness, HarnessBuilder};
use inspection_tracker::ui::app::TrackerApp;
use inspection_tracker::ui::testing;

/// The builder every window test starts from. New grids size themselves over a few
/// frames, so a run may take up to 12 steps.
pub fn builder() -> HarnessBuilder<TrackerApp> {
    Harness::builder().with_size(testing::TEST_SIZE).with_context_setup(testing::setup_context).with_max_steps(12)
}

/// The app in the default harness, after its first frames.
pub fn harness(app: TrackerApp) -> Harness<'static, TrackerApp> {
    start(builder(), app)
}

/// The app in a harness from `builder`, after its first frames.
pub fn start(builder: HarnessBuilder<TrackerApp>, app: TrackerApp) -> Harness<'static, TrackerApp> {
    let mut harness = builder.build_ui_state(|ui, app: &mut TrackerApp| app.ui_impl(ui), app);
    harness.run();
    harness
}
