//! [`Redacted`]: a value whose `Debug` never shows it.

use std::fmt;

/// A credential held by a request builder (a link token): `Display` gives the value (it is sent),
/// `Debug` never does.
#[derive(Clone, PartialEq)]
pub struct Redacted<T>(pub T);

impl<T> fmt::Debug for Redacted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl<T: fmt::Display> fmt::Display for Redacted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
