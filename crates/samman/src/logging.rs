//! Log lines of the long-running commands (`serve`): one line per event on standard error, level INFO
//! unless `SAMMAN_LOG` names another (error, warn, info, debug, trace).

use tracing::Level;

pub fn init() {
    let level = std::env::var("SAMMAN_LOG")
        .ok()
        .and_then(|l| l.parse::<Level>().ok())
        .unwrap_or(Level::INFO);
    let _ = tracing_subscriber::fmt()
        .with_max_level(level)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}
