//! `check`: is a committed golden still what the generator produces? A unified diff when not, bounded
//! so that a large spec change stays readable in a terminal or CI log.

use similar::TextDiff;

/// `None` when `golden` equals `generated`; otherwise a unified diff (golden → generated) of at most
/// `max_lines` lines, ending with a count of the lines left out.
pub fn golden_diff(golden_name: &str, golden: &str, generated: &str, max_lines: usize) -> Option<String> {
    if golden == generated {
        return None;
    }
    let diff = TextDiff::from_lines(golden, generated);
    let unified = diff.unified_diff().context_radius(3).header(golden_name, "generated").to_string();
    let total = unified.lines().count();
    if total <= max_lines {
        return Some(unified);
    }
    let mut shown: String = unified.lines().take(max_lines).flat_map(|line| [line, "\n"]).collect();
    shown.push_str(&format!("... {} more diff lines not shown\n", total - max_lines));
    Some(shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_have_no_diff() {
        assert_eq!(golden_diff("g.rs", "a\nb\n", "a\nb\n", 10), None);
    }

    #[test]
    fn a_change_is_a_unified_diff_with_context() {
        let diff = golden_diff("g.rs", "a\nb\nc\n", "a\nB\nc\n", 100).unwrap();
        assert!(diff.starts_with("--- g.rs\n+++ generated\n@@ -1,3 +1,3 @@\n"), "{diff}");
        assert!(diff.contains("-b\n+B\n"), "{diff}");
    }

    #[test]
    fn long_diffs_are_cut_and_say_how_much_is_left_out() {
        let golden: String = (0..500).map(|i| format!("line {i}\n")).collect();
        let diff = golden_diff("g.rs", &golden, "", 20).unwrap();
        assert_eq!(diff.lines().count(), 21);
        assert!(diff.ends_with("... 483 more diff lines not shown\n"), "{diff}");
    }
}
