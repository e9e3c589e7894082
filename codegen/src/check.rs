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

/// The environment variable that makes [`assert_golden`] write goldens instead of comparing them.
pub const UPDATE_VARIABLE: &str = "UPDATE_GOLDENS";

/// The one way goldens are compared and updated (sources, diff reports, message lists): `Ok` when the
/// file at `path` holds exactly `actual`. With `UPDATE_GOLDENS=1` the file is written instead (only
/// when it changed, atomically) and `Ok` returned, so that `git diff` shows the change to review;
/// that is refused when `CI` is set, since CI must never rewrite what it checks. Otherwise `Err` with
/// a bounded unified diff and the command that updates it.
pub fn assert_golden(path: &std::path::Path, actual: &str) -> Result<(), String> {
    let update = std::env::var_os(UPDATE_VARIABLE).is_some_and(|v| v == "1");
    compare_or_update(path, actual, update, std::env::var_os("CI").is_some())
}

fn compare_or_update(path: &std::path::Path, actual: &str, update: bool, ci: bool) -> Result<(), String> {
    let name = path.display().to_string();
    if update {
        if ci {
            return Err(format!("{UPDATE_VARIABLE}=1 is refused when CI is set: CI never rewrites {name}"));
        }
        return crate::write_if_changed(path, actual).map(|_| ()).map_err(|e| e.to_string());
    }
    let golden = std::fs::read_to_string(path).unwrap_or_default();
    match golden_diff(&name, &golden, actual, 120) {
        None => Ok(()),
        Some(diff) => Err(format!(
            "{name} is stale:\n{diff}\nreview the change, then update it with `{UPDATE_VARIABLE}=1 cargo test` and \
             read `git diff` before committing"
        )),
    }
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

    #[test]
    fn goldens_are_compared_and_only_updated_when_asked_outside_ci() {
        let dir = std::env::temp_dir().join(format!("junction-codegen-golden-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("g.txt");
        std::fs::write(&path, "old\n").unwrap();
        let stale = compare_or_update(&path, "new\n", false, false).unwrap_err();
        assert!(stale.contains("-old\n+new") && stale.contains("UPDATE_GOLDENS=1 cargo test"), "{stale}");
        assert_eq!(compare_or_update(&path, "old\n", false, true), Ok(()));
        assert!(compare_or_update(&path, "new\n", true, true).unwrap_err().contains("refused when CI is set"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old\n");
        assert_eq!(compare_or_update(&path, "new\n", true, false), Ok(()));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new\n");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
