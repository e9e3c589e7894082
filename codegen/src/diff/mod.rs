//! `diff`: what a spec change does to the **generated Rust API**, computed on the IR of both specs (not
//! on text), with every change classified by the Rust semver rules that apply to the generated code.
//!
//! Operations are matched by their call shape (`client.group().method()`), types by their Rust name,
//! fields and parameters by their Rust name, enum and union variants by their variant name. The rules,
//! which follow from what the emitter generates:
//!
//! | change | class | why |
//! |---|---|---|
//! | operation, type, field, parameter, variant or environment removed | major | code naming it stops compiling |
//! | operation or type added | minor | new items only |
//! | required parameter or request body added | major | a new positional argument of the method |
//! | optional parameter added | minor | a new builder method |
//! | parameter made required or optional | major | it moves between argument and builder method |
//! | any Rust type changed (field, parameter, body, response, alias, variant payload) | major | |
//! | required field added to a type callers send (reachable from a request), or a field of one made required or optional | major | `new` takes one argument per required field |
//! | optional field added to a type callers send | minor | every struct is `#[non_exhaustive]` and built with `new` and setters: a new setter only |
//! | a new parameter takes the name of a flattened body field's builder method | major | that method becomes `body_<name>` |
//! | field added to a type only received | minor | nobody outside the crate builds one (its `new` is behind the `testing` feature, which follows the spec's required fields and is outside these rules) |
//! | received-only type becomes sent | minor | it gains `new` and setters outside the `testing` feature |
//! | sent type becomes received-only | major | its `new` and setters move behind the `testing` feature |
//! | variant added to an open enum, a union, an error or by-status response enum, `Environment` or `webhooks::Event` | minor | all are `#[non_exhaustive]` |
//! | variant added to a closed (`x-junction-exhaustive`) enum, or an enum opened or closed | major | exhaustive `match`es break |
//! | string `const` value changed | major | the type no longer accepts what it used to |
//! | operation starts paging (`x-fern-pagination`, or recognised) | minor | `.pages()` (and `.items()`) added |
//! | operation stops paging, or its pages lose their item list | major | `.pages()` / `.items()` removed |
//! | paged item type changed | major | `.items()` yields another type |
//! | how an operation pages changed (style, parameter, fields) | patch | same methods; another walk on the wire |
//! | request builder or error enum renamed (a new schema took its name: it gets the group's prefix) | major | code naming it breaks |
//! | newly `deprecated` | minor | new warnings, no breakage (as in Rust's API evolution RFC) |
//! | wire-only changes: path, HTTP method, wire names, parameter location, bounds, defaults, required-ness that does not change a Rust type, security, server URLs, documentation | patch | the Rust API is the same; the behaviour on the wire is not, so they are listed for review |
//!
//! The report's bump is the highest class of any change (none when nothing changed).

use crate::ir::{
    Api, BodyEncoding, Field, Matcher, Operation, Pagination, Param, Paths, RequestBody, ResponseBody, Shape, Status,
    SuccessShape, TypeDef, TypeRef,
};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};

mod operations;
mod types;

use operations::operations;
use types::{flattened_names, type_path, types};

/// How a change affects users of the generated crate, by Rust semver rules.
#[derive(Clone, Copy, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
pub enum Level {
    /// Same Rust API; only behaviour on the wire or documentation differs.
    Patch,
    /// New API that existing code does not notice.
    Minor,
    /// Existing code may stop compiling.
    Major,
}

impl Level {
    /// `patch`, `minor` or `major`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Patch => "patch",
            Level::Minor => "minor",
            Level::Major => "major",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a change is about; changes are grouped by it.
#[derive(Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
pub enum Subject {
    /// The client as a whole (environments).
    Client,
    /// An operation, by call shape (`client.user().refresh()`).
    Operation(String),
    /// A type, by its path in the crate (`types::UserRefreshSuccessResponse`).
    Type(String),
    /// The `webhooks::Event` union.
    Webhooks,
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Client => f.write_str("Client / Environment"),
            Subject::Operation(call) | Subject::Type(call) => f.write_str(call),
            Subject::Webhooks => f.write_str("webhooks::Event"),
        }
    }
}

/// One change to the generated API.
#[derive(Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
pub struct Change {
    /// What it is about.
    pub subject: Subject,
    /// How it affects users.
    pub level: Level,
    /// What changed, in the generated code's terms.
    pub message: String,
}

/// The output format of a [`Report`].
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum Format {
    /// Plain text for a terminal.
    Text,
    /// Markdown for a pull request or release notes.
    Markdown,
    /// JSON for tools.
    Json,
}

/// Every change between two specs' generated APIs, grouped by subject.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct Report {
    /// `title version` of the old spec.
    pub old: String,
    /// `title version` of the new spec.
    pub new: String,
    /// The changes, sorted by subject, then most severe first.
    pub changes: Vec<Change>,
}

impl Report {
    /// The release the changes call for: the highest level of any change.
    pub fn bump(&self) -> Option<Level> {
        self.changes.iter().map(|c| c.level).max()
    }

    /// How many changes there are of each level.
    pub fn count(&self, level: Level) -> usize {
        self.changes.iter().filter(|c| c.level == level).count()
    }

    /// Keeps only the changes about these operations (call shapes like `user.refresh`) and the types
    /// they reach in either spec.
    pub fn restrict(&mut self, old: &Api, new: &Api, operations: &[String]) {
        let wanted = |api: &Api| -> BTreeSet<String> {
            let ops: Vec<&Operation> = api
                .groups
                .iter()
                .flat_map(|g| g.operations.iter().map(move |o| (g, o)))
                .filter(|(g, o)| operations.iter().any(|w| *w == format!("{}.{}", g.name, o.method)))
                .map(|(_, o)| o)
                .collect();
            let reached = crate::ir::reachable(&api.types, ops.iter().flat_map(|op| op.type_roots()));
            api.types.iter().zip(reached).filter(|(_, r)| *r).map(|(t, _)| type_path(t)).collect()
        };
        let types: BTreeSet<String> = wanted(old).into_iter().chain(wanted(new)).collect();
        let calls: BTreeSet<String> = operations
            .iter()
            .filter_map(|w| w.split_once('.'))
            .map(|(group, method)| format!("client.{group}().{method}()"))
            .collect();
        self.changes.retain(|change| match &change.subject {
            Subject::Operation(call) => calls.contains(call),
            Subject::Type(path) => types.contains(path),
            Subject::Client | Subject::Webhooks => false,
        });
    }

    /// The report in `format`.
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Text => self.text(),
            Format::Markdown => self.markdown(),
            Format::Json => self.json(),
        }
    }

    fn summary(&self) -> String {
        let counts = [Level::Major, Level::Minor, Level::Patch].map(|l| format!("{} {l}", self.count(l))).join(", ");
        let bump = match self.bump() {
            Some(level) => format!("a {level} release"),
            None => String::from("no release (no change to the generated API)"),
        };
        format!("{} → {}: {} changes ({counts}); implies {bump}", self.old, self.new, self.changes.len())
    }

    fn grouped(&self) -> Vec<(&Subject, Vec<&Change>)> {
        let mut groups: Vec<(&Subject, Vec<&Change>)> = Vec::new();
        for change in &self.changes {
            match groups.last_mut() {
                Some((subject, changes)) if *subject == &change.subject => changes.push(change),
                _ => groups.push((&change.subject, vec![change])),
            }
        }
        groups
    }

    fn text(&self) -> String {
        let mut out = String::new();
        for (subject, changes) in self.grouped() {
            let _ = writeln!(out, "{subject}");
            for change in changes {
                let _ = writeln!(out, "  {:<5}  {}", change.level, change.message);
            }
        }
        let _ = writeln!(out, "{}", self.summary());
        out
    }

    fn markdown(&self) -> String {
        let mut out = format!("# API changes: {} → {}\n\n", self.old, self.new);
        let _ = writeln!(out, "| major | minor | patch | implied release |\n|---|---|---|---|");
        let bump = self.bump().map_or("none", Level::as_str);
        let _ = writeln!(
            out,
            "| {} | {} | {} | **{bump}** |\n",
            self.count(Level::Major),
            self.count(Level::Minor),
            self.count(Level::Patch)
        );
        for (subject, changes) in self.grouped() {
            let _ = writeln!(out, "### `{subject}`\n");
            for change in changes {
                let _ = writeln!(out, "- **{}**: {}", change.level, change.message);
            }
            out.push('\n');
        }
        out
    }

    fn json(&self) -> String {
        let changes: Vec<serde_json::Value> = self
            .changes
            .iter()
            .map(|c| {
                let (kind, name) = match &c.subject {
                    Subject::Client => ("client", String::from("Environment")),
                    Subject::Operation(call) => ("operation", call.clone()),
                    Subject::Type(path) => ("type", path.clone()),
                    Subject::Webhooks => ("webhooks", String::from("webhooks::Event")),
                };
                serde_json::json!({ "kind": kind, "subject": name, "level": c.level.as_str(), "message": c.message })
            })
            .collect();
        let report = serde_json::json!({
            "old": self.old,
            "new": self.new,
            "bump": self.bump().map(Level::as_str),
            "counts": {
                "major": self.count(Level::Major),
                "minor": self.count(Level::Minor),
                "patch": self.count(Level::Patch),
            },
            "changes": changes,
        });
        let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// The changes from `old`'s generated API to `new`'s.
pub fn diff(old: &Api, new: &Api) -> Report {
    let mut changes = Vec::new();
    environments(old, new, &mut changes);
    operations(old, new, &mut changes);
    types(old, new, &mut changes);
    webhooks(old, new, &mut changes);
    changes.sort();
    changes.dedup();
    // Within a subject, the most severe first; subjects keep their order.
    changes.sort_by(|a, b| a.subject.cmp(&b.subject).then(b.level.cmp(&a.level)).then(a.message.cmp(&b.message)));
    Report { old: format!("{} {}", old.title, old.version), new: format!("{} {}", new.title, new.version), changes }
}

/// Collects changes about one subject.
struct Changes<'c> {
    subject: Subject,
    out: &'c mut Vec<Change>,
}

impl Changes<'_> {
    fn push(&mut self, level: Level, message: impl Into<String>) {
        self.out.push(Change { subject: self.subject.clone(), level, message: message.into() });
    }
}

/// Pairs the items of two lists by key: (old only, both, new only), each in key order.
fn pair<'a, T, K: Ord>(
    old: impl IntoIterator<Item = &'a T>,
    new: impl IntoIterator<Item = &'a T>,
    key: impl Fn(&T) -> K,
) -> (Vec<&'a T>, Vec<(&'a T, &'a T)>, Vec<&'a T>) {
    let old: BTreeMap<K, &T> = old.into_iter().map(|t| (key(t), t)).collect();
    let mut new: BTreeMap<K, &T> = new.into_iter().map(|t| (key(t), t)).collect();
    let mut removed = Vec::new();
    let mut both = Vec::new();
    for (k, o) in old {
        match new.remove(&k) {
            Some(n) => both.push((o, n)),
            None => removed.push(o),
        }
    }
    (removed, both, new.into_values().collect())
}

fn environments(old: &Api, new: &Api, out: &mut Vec<Change>) {
    let mut changes = Changes { subject: Subject::Client, out };
    let (removed, both, added) = pair(&old.servers, &new.servers, |s| s.variant.clone());
    for server in removed {
        changes.push(Level::Major, format!("environment `Environment::{}` ({}) removed", server.variant, server.url));
    }
    for server in added {
        changes.push(Level::Minor, format!("environment `Environment::{}` ({}) added", server.variant, server.url));
    }
    for (o, n) in both {
        if o.url != n.url {
            changes.push(Level::Patch, format!("`Environment::{}` moved from {} to {}", o.variant, o.url, n.url));
        }
    }
    if old.servers.first().map(|s| &s.variant) != new.servers.first().map(|s| &s.variant) {
        let name = |api: &Api| api.servers.first().map_or_else(|| String::from("none"), |s| s.variant.clone());
        changes.push(Level::Patch, format!("default environment changed from {} to {}", name(old), name(new)));
    }
}

fn deprecation(old: bool, new: bool, what: &str, changes: &mut Changes<'_>) {
    match (old, new) {
        (false, true) => changes.push(Level::Minor, format!("{what} deprecated")),
        (true, false) => changes.push(Level::Patch, format!("{what} no longer deprecated")),
        _ => {}
    }
}

/// JSON equality where numbers compare by value (`10` and `10.0` are the same default).
fn same_value(a: &Option<serde_json::Value>, b: &Option<serde_json::Value>) -> bool {
    use serde_json::Value;
    fn same(a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
            (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
            (Value::Object(x), Value::Object(y)) => {
                x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
            }
            _ => a == b,
        }
    }
    match (a, b) {
        (Some(a), Some(b)) => same(a, b),
        (a, b) => a.is_none() && b.is_none(),
    }
}

fn value(value: &Option<serde_json::Value>) -> String {
    value.as_ref().map_or_else(|| String::from("(none)"), |v| format!("`{v}`"))
}

/// A type reference as short Rust text (`Vec<Option<Foo>>`), with the names of `api`.
fn rust_type(api: &Api, ty: &TypeRef) -> String {
    api.rust_type(ty, Paths::Short)
}
fn webhooks(old: &Api, new: &Api, out: &mut Vec<Change>) {
    let mut changes = Changes { subject: Subject::Webhooks, out };
    let (removed, both, added) = pair(&old.webhooks, &new.webhooks, |w| w.variant.clone());
    for w in removed {
        changes.push(Level::Major, format!("event `{}` ({}) removed", w.variant, w.key));
    }
    for w in added {
        changes.push(Level::Minor, format!("event `{}({})` ({}) added", w.variant, rust_type(new, &w.payload), w.key));
    }
    for (o, n) in both {
        let (ot, nt) = (rust_type(old, &o.payload), rust_type(new, &n.payload));
        if ot != nt {
            changes.push(Level::Major, format!("event `{}` payload `{ot}` → `{nt}`", o.variant));
        }
        if o.event_types != n.event_types {
            changes.push(
                Level::Patch,
                format!("event `{}` event types {:?} → {:?}", o.variant, o.event_types, n.event_types),
            );
        }
    }
}
