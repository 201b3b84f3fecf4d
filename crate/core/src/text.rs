//! Small text helpers shared by the engine and the share code.

/// `s` cut to `max` characters, with an ellipsis when it was longer.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    }
}
