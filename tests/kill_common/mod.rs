//! What the kill tests share: start this test binary again as a child that saves in a
//! loop (an ignored test, given its workspace through environment variables), wait until
//! it says it is ready, and kill it with SIGKILL after a random delay, again and again,
//! checking the files after each kill.

use std::io::BufRead as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// A small xorshift generator: the delays need spread, not quality, and the seed is
/// printed so a failing run can be read again.
pub struct Rng(pub u64);

impl Rng {
    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// The child and how to kill it.
pub struct Killer<'a> {
    /// The ignored test that is the child.
    pub child_test: &'a str,
    /// Environment the child reads (its workspace, its size).
    pub env: Vec<(&'a str, String)>,
    /// The line the child prints once it is saving.
    pub ready: &'a str,
    /// The kills land within this many microseconds of the child being ready.
    pub window_us: u64,
}

impl Killer<'_> {
    /// Runs `kills` rounds of start, wait for ready, sleep a random part of the window,
    /// SIGKILL; `check(round)` looks at the files after each.
    pub fn run(&self, kills: usize, mut check: impl FnMut(usize)) {
        let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
        println!("kill seed {seed}, window {} µs", self.window_us);
        let mut rng = Rng(seed);
        let exe = std::env::current_exe().unwrap();
        for round in 0..kills {
            let mut child = Command::new(&exe)
                .args([self.child_test, "--exact", "--ignored", "--nocapture", "--test-threads=1"])
                .envs(self.env.iter().map(|(k, v)| (k, v)))
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let stdout = child.stdout.take().unwrap();
            let mut lines = std::io::BufReader::new(stdout).lines();
            if !lines.any(|l| l.is_ok_and(|l| l.contains(self.ready))) {
                let mut stderr = String::new();
                std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).ok();
                panic!("round {round}: the child did not start: {stderr}");
            }
            std::thread::sleep(Duration::from_micros(rng.below(self.window_us)));
            child.kill().unwrap(); // SIGKILL on unix.
            child.wait().unwrap();
            check(round);
        }
    }
}

/// The environment naming the child's workspace file.
pub fn path_env<'a>(var: &'a str, path: &Path) -> (&'a str, String) {
    (var, path.display().to_string())
}
