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

fn call(group: &str, method: &str) -> String {
    format!("client.{group}().{method}()")
}

/// Every operation with its call shape.
fn calls(api: &Api) -> Vec<(String, &Operation)> {
    api.groups.iter().flat_map(|g| g.operations.iter().map(move |o| (call(&g.name, &o.method), o))).collect()
}

fn operations(old: &Api, new: &Api, out: &mut Vec<Change>) {
    let (old_ops, new_ops) = (calls(old), calls(new));
    let (removed, mut both, added) = pair(&old_ops, &new_ops, |(c, _)| c.clone());
    // An operation whose call shape changed but whose endpoint did not is renamed, then compared.
    let endpoint = |op: &Operation| format!("{} {}", op.http_method, op.path);
    let (removed, renamed, added) = pair(removed, added, |(_, o)| endpoint(o));
    for ((old_name, o), (name, _)) in &renamed {
        let mut changes = Changes { subject: Subject::Operation(name.clone()), out };
        changes.push(Level::Major, format!("renamed from `{old_name}` (same endpoint `{}`)", endpoint(o)));
    }
    both.extend(renamed);
    for (name, _) in removed {
        Changes { subject: Subject::Operation(name.clone()), out }.push(Level::Major, "operation removed");
    }
    for (name, op) in added {
        let mut changes = Changes { subject: Subject::Operation(name.clone()), out };
        changes.push(Level::Minor, format!("operation added (`{}`)", endpoint(op)));
    }
    for ((_, o), (name, n)) in both {
        let mut changes = Changes { subject: Subject::Operation(name.clone()), out };
        operation(old, new, o, n, &mut changes);
    }
}

fn operation(old: &Api, new: &Api, o: &Operation, n: &Operation, changes: &mut Changes<'_>) {
    if (&o.http_method, &o.path) != (&n.http_method, &n.path) {
        changes.push(
            Level::Patch,
            format!("now sent as `{} {}` (was `{} {}`)", n.http_method, n.path, o.http_method, o.path),
        );
    }
    deprecation(o.deprecated, n.deprecated, "operation", changes);
    // The builder and error enum are named after the method, unless a type has that name (the IR then
    // prefixes the group's): a spec that only adds a schema can rename them. A renamed method already
    // says so above.
    if o.method == n.method {
        if o.builder_name != n.builder_name {
            changes.push(Level::Major, format!("request builder `{}` renamed `{}`", o.builder_name, n.builder_name));
        }
        if o.errors().next().is_some() && n.errors().next().is_some() && o.error_name != n.error_name {
            changes.push(Level::Major, format!("error enum `{}` renamed `{}`", o.error_name, n.error_name));
        }
    }
    if o.availability != n.availability {
        changes.push(Level::Patch, format!("availability {} → {}", shown(&o.availability), shown(&n.availability)));
    }
    if o.docs != n.docs {
        changes.push(Level::Patch, "documentation changed");
    }
    let (removed, both, added) = pair(&o.params, &n.params, |p| p.name.clone());
    for p in removed {
        changes.push(Level::Major, format!("{} removed", param_text(old, p)));
    }
    for p in added {
        let level = if p.required { Level::Major } else { Level::Minor };
        changes.push(level, format!("{} added", param_text(new, p)));
    }
    for (op, np) in both {
        param(old, new, op, np, changes);
    }
    match (&o.body, &n.body) {
        (None, None) => {}
        (Some(body), None) => {
            changes.push(Level::Major, format!("request body `{}` removed", rust_type(old, &body.ty)))
        }
        (None, Some(body)) => changes.push(
            Level::Major,
            format!("request body `{}` added (a new argument of the method)", rust_type(new, &body.ty)),
        ),
        (Some(ob), Some(nb)) => {
            let (ot, nt) = (rust_type(old, &ob.ty), rust_type(new, &nb.ty));
            if ot != nt {
                changes.push(Level::Major, format!("request body type `{ot}` → `{nt}`"));
            }
            if ob.encoding != nb.encoding {
                let name = |e: &BodyEncoding| match e {
                    BodyEncoding::Json => "JSON",
                    BodyEncoding::Multipart => "multipart/form-data",
                };
                changes.push(
                    Level::Patch,
                    format!("request body sent as {} (was {})", name(&nb.encoding), name(&ob.encoding)),
                );
            }
            if ob.required != nb.required {
                changes.push(
                    Level::Patch,
                    format!("request body now {}", if nb.required { "required" } else { "optional" }),
                );
            }
            if ot == nt {
                flattened_names(old, new, ob, nb, changes);
            }
        }
    }
    let (ot, nt) = (success_type(old, o), success_type(new, n));
    if ot != nt {
        changes.push(Level::Major, format!("success type `{ot}` → `{nt}`"));
    }
    let (removed, both, added) = pair(&o.responses, &n.responses, |r| r.status);
    for r in removed {
        let level = if by_variant(o, r) { Level::Major } else { Level::Patch };
        changes.push(level, format!("response {} (`{}`) removed", status(r.status), r.variant));
    }
    for r in added {
        let level = if by_variant(n, r) { Level::Minor } else { Level::Patch };
        changes.push(level, format!("response {} (`{}`) added", status(r.status), r.variant));
    }
    for (or, nr) in both {
        let (ob, nb) = (response_type(old, &or.body), response_type(new, &nr.body));
        if ob != nb && by_variant(o, or) && by_variant(n, nr) {
            changes.push(Level::Major, format!("response {} body `{ob}` → `{nb}`", status(or.status)));
        }
        if or.variant != nr.variant && by_variant(o, or) {
            changes.push(
                Level::Major,
                format!("response {} variant `{}` renamed `{}`", status(or.status), or.variant, nr.variant),
            );
        }
        let (oa, na) = (&or.alternatives, &nr.alternatives);
        if oa != na {
            changes.push(Level::Patch, format!("response {} media types {oa:?} → {na:?}", status(or.status)));
        }
    }
    if o.api_key_headers != n.api_key_headers || o.bearer != n.bearer {
        changes.push(Level::Patch, format!("security {} → {}", security(o), security(n)));
    }
    pagination(old, new, o, n, changes);
}

/// Paging: `.pages()` (and `.items()`, typed by the item) appear and disappear with it; how it moves
/// through the pages is behaviour on the wire.
fn pagination(old: &Api, new: &Api, o: &Operation, n: &Operation, changes: &mut Changes<'_>) {
    let methods = |p: &Pagination| if p.items.is_some() { "`.pages()` and `.items()`" } else { "`.pages()`" };
    let item = |api: &Api, p: &Pagination| p.items.as_ref().map(|items| rust_type(api, &items.item));
    match (&o.pagination, &n.pagination) {
        (None, None) => {}
        (Some(op), None) => changes.push(Level::Major, format!("no longer paged: {} removed", methods(op))),
        (None, Some(np)) => {
            changes.push(Level::Minor, format!("now paged ({}): {} added", np.describe(new, n), methods(np)))
        }
        (Some(op), Some(np)) => {
            match (item(old, op), item(new, np)) {
                (Some(oi), Some(ni)) if oi != ni => {
                    changes.push(Level::Major, format!("paged item type `{oi}` → `{ni}` (`.items()`)"))
                }
                (Some(_), None) => {
                    changes.push(Level::Major, "pages no longer hold one list of items: `.items()` removed")
                }
                (None, Some(ni)) => {
                    changes.push(Level::Minor, format!("pages now hold items `{ni}`: `.items()` added"))
                }
                _ => {}
            }
            let (od, nd) = (op.describe(old, o), np.describe(new, n));
            if od != nd {
                changes.push(Level::Patch, format!("pages {nd} (was: {od})"));
            }
        }
    }
}

/// Whether a response is a variant of a generated enum (an error, or a success when they differ by
/// status), so that adding or removing it changes that enum.
fn by_variant(op: &Operation, response: &crate::ir::Response) -> bool {
    !response.status.is_success() || op.success_shape() == SuccessShape::ByStatus
}

fn status(status: Status) -> String {
    match status {
        Status::Code(code) => code.to_string(),
        Status::Default => String::from("default"),
    }
}

fn security(op: &Operation) -> String {
    let mut parts: Vec<String> = op.api_key_headers.iter().map(|h| format!("API key in `{h}`")).collect();
    if op.bearer {
        parts.push(String::from("bearer token"));
    }
    if parts.is_empty() {
        String::from("(none)")
    } else {
        parts.join(" + ")
    }
}

fn shown(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("(none)")
}

fn deprecation(old: bool, new: bool, what: &str, changes: &mut Changes<'_>) {
    match (old, new) {
        (false, true) => changes.push(Level::Minor, format!("{what} deprecated")),
        (true, false) => changes.push(Level::Patch, format!("{what} no longer deprecated")),
        _ => {}
    }
}

fn param_text(api: &Api, p: &Param) -> String {
    let role = if p.required { "argument" } else { "builder method" };
    format!("{} parameter `{}: {}` ({role})", p.location.name(), p.name, rust_type(api, &p.ty))
}

fn param(old: &Api, new: &Api, o: &Param, n: &Param, changes: &mut Changes<'_>) {
    let name = &o.name;
    match (o.required, n.required) {
        (false, true) => {
            changes.push(Level::Major, format!("parameter `{name}` now required (a builder method became an argument)"))
        }
        (true, false) => {
            changes.push(Level::Major, format!("parameter `{name}` now optional (an argument became a builder method)"))
        }
        _ => {}
    }
    let (ot, nt) = (rust_type(old, &o.ty), rust_type(new, &n.ty));
    if ot != nt {
        changes.push(Level::Major, format!("parameter `{name}` type `{ot}` → `{nt}`"));
    }
    if (o.location, &o.wire_name) != (n.location, &n.wire_name) {
        changes.push(
            Level::Patch,
            format!(
                "parameter `{name}` sent as {} `{}` (was {} `{}`)",
                n.location.name(),
                n.wire_name,
                o.location.name(),
                o.wire_name
            ),
        );
    }
    if o.bounds != n.bounds {
        changes.push(Level::Patch, format!("parameter `{name}` bounds {} → {}", bounds(&o.bounds), bounds(&n.bounds)));
    }
    if !same_value(&o.default, &n.default) {
        changes.push(Level::Patch, format!("parameter `{name}` default {} → {}", value(&o.default), value(&n.default)));
    }
    deprecation(o.deprecated, n.deprecated, &format!("parameter `{name}`"), changes);
}

fn bounds(bounds: &crate::ir::Bounds) -> String {
    let min = bounds.min.map(|(v, exclusive)| format!("{}{v}", if exclusive { ">" } else { ">=" }));
    let max = bounds.max.map(|(v, exclusive)| format!("{}{v}", if exclusive { "<" } else { "<=" }));
    match (min, max) {
        (None, None) => String::from("(none)"),
        (Some(min), None) => min,
        (None, Some(max)) => max,
        (Some(min), Some(max)) => format!("{min}, {max}"),
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

fn response_type(api: &Api, body: &ResponseBody) -> String {
    match body {
        ResponseBody::Empty => String::from("()"),
        ResponseBody::Json(ty) => rust_type(api, ty),
        ResponseBody::Bytes { .. } => String::from("ByteStream"),
    }
}

/// What `send()` returns on success, as the caller sees it.
fn success_type(api: &Api, op: &Operation) -> String {
    match op.success_shape() {
        SuccessShape::Undeclared => String::from("()"),
        SuccessShape::Shared(body) => response_type(api, body),
        SuccessShape::ByStatus => op.response_enum_name.clone(),
    }
}

fn type_path(def: &TypeDef) -> String {
    format!("types::{}", def.name)
}

fn types(old: &Api, new: &Api, out: &mut Vec<Change>) {
    let (removed, both, added) = pair(&old.types, &new.types, |t| t.name.clone());
    for def in removed {
        Changes { subject: Subject::Type(type_path(def)), out }.push(Level::Major, format!("{} removed", kind(def)));
    }
    for def in added {
        Changes { subject: Subject::Type(type_path(def)), out }.push(Level::Minor, format!("{} added", kind(def)));
    }
    for (o, n) in both {
        let mut changes = Changes { subject: Subject::Type(type_path(o)), out };
        type_def(old, new, o, n, &mut changes);
    }
}

fn kind(def: &TypeDef) -> &'static str {
    match def.shape {
        Shape::Struct(_) if def.sent => "struct (built with `new` and setters)",
        Shape::Struct(_) => "struct (received only)",
        Shape::StringEnum { open: true, .. } | Shape::IntegerEnum { open: true, .. } => "open enum",
        Shape::StringEnum { .. } | Shape::IntegerEnum { .. } => "closed enum",
        Shape::Union { .. } => "union enum",
        Shape::Tuple { .. } => "tuple struct",
        Shape::ConstString { .. } => "string constant",
        Shape::Alias(_) => "type alias",
        Shape::Newtype(_) => "newtype",
    }
}

fn type_def(old: &Api, new: &Api, o: &TypeDef, n: &TypeDef, changes: &mut Changes<'_>) {
    deprecation(o.deprecated, n.deprecated, "type", changes);
    if o.docs != n.docs {
        changes.push(Level::Patch, "documentation changed");
    }
    match (&o.shape, &n.shape) {
        (Shape::Struct(of), Shape::Struct(nf)) => {
            match (o.sent, n.sent) {
                (false, true) => {
                    changes.push(Level::Minor, "now sent in requests: `new` and setters without the `testing` feature")
                }
                (true, false) => changes.push(
                    Level::Major,
                    "no longer sent in requests: `new` and its setters only with the `testing` feature",
                ),
                _ => {}
            }
            // Whether code outside could build it, and so call `new` with every required field.
            let sent = o.sent && n.sent;
            fields(old, new, sent.then(|| new_arguments(n)).as_deref(), of, nf, changes);
            if sent {
                constructor_arguments(o, n, of, nf, changes);
            }
        }
        (Shape::StringEnum { variants: ov, open: oo, .. }, Shape::StringEnum { variants: nv, open: no, .. }) => {
            let ov: Vec<(String, String)> = ov.iter().map(|v| (v.name.clone(), v.wire.clone())).collect();
            let nv: Vec<(String, String)> = nv.iter().map(|v| (v.name.clone(), v.wire.clone())).collect();
            enum_variants(&ov, *oo, &nv, *no, changes);
        }
        (Shape::IntegerEnum { variants: ov, open: oo, .. }, Shape::IntegerEnum { variants: nv, open: no, .. }) => {
            let text = |v: &[(String, i64)]| v.iter().map(|(n, w)| (n.clone(), w.to_string())).collect::<Vec<_>>();
            enum_variants(&text(ov), *oo, &text(nv), *no, changes);
        }
        (Shape::Union { variants: ov, .. }, Shape::Union { variants: nv, .. }) => {
            let (removed, both, added) = pair(ov, nv, |v| v.name.clone());
            for v in removed {
                changes.push(Level::Major, format!("variant `{}({})` removed", v.name, rust_type(old, &v.ty)));
            }
            for v in added {
                changes.push(Level::Minor, format!("variant `{}({})` added", v.name, rust_type(new, &v.ty)));
            }
            for (ov, nv) in both {
                let (ot, nt) = (rust_type(old, &ov.ty), rust_type(new, &nv.ty));
                if ot != nt {
                    changes.push(Level::Major, format!("variant `{}` type `{ot}` → `{nt}`", ov.name));
                } else if ov.matcher != nv.matcher {
                    changes.push(
                        Level::Patch,
                        format!(
                            "variant `{}` now recognised {} (was {})",
                            ov.name,
                            matcher(&nv.matcher),
                            matcher(&ov.matcher)
                        ),
                    );
                }
            }
        }
        (Shape::ConstString { value: ov, .. }, Shape::ConstString { value: nv, .. }) if ov != nv => {
            changes.push(Level::Major, format!("constant value {ov:?} → {nv:?}"));
        }
        (Shape::Tuple { .. }, Shape::Tuple { .. })
        | (Shape::Alias(_), Shape::Alias(_))
        | (Shape::Newtype(_), Shape::Newtype(_)) => {
            let (ot, nt) = (shape_type(old, &o.shape), shape_type(new, &n.shape));
            if ot != nt {
                changes.push(Level::Major, format!("now `{nt}` (was `{ot}`)"));
            }
        }
        (Shape::ConstString { .. }, Shape::ConstString { .. }) => {}
        _ => changes.push(Level::Major, format!("now a {} (was a {})", kind(n), kind(o))),
    }
}

fn matcher(matcher: &Matcher) -> String {
    match matcher {
        Matcher::Tag { field, values } => format!("by `{field}` in {values:?}"),
        Matcher::Key(key) => format!("by its `{key}` property"),
        Matcher::KnownString => String::from("by its known values"),
        Matcher::Trial => String::from("by trial"),
    }
}

/// The Rust type a tuple, alias or newtype stands for.
fn shape_type(api: &Api, shape: &Shape) -> String {
    match shape {
        Shape::Tuple { items, min_items } => {
            let items: Vec<String> = items
                .iter()
                .enumerate()
                .map(|(i, t)| if i < *min_items { rust_type(api, t) } else { format!("Option<{}>", rust_type(api, t)) })
                .collect();
            format!("({})", items.join(", "))
        }
        Shape::Alias(ty) | Shape::Newtype(ty) => rust_type(api, ty),
        _ => String::new(),
    }
}

fn enum_variants(
    old: &[(String, String)],
    old_open: bool,
    new: &[(String, String)],
    new_open: bool,
    changes: &mut Changes<'_>,
) {
    match (old_open, new_open) {
        (true, false) => changes.push(
            Level::Major,
            "now closed: values it does not know are errors, and it is no longer `#[non_exhaustive]`",
        ),
        (false, true) => changes.push(Level::Major, "now open: it gains an `Unknown` variant"),
        _ => {}
    }
    let (removed, both, added) = pair(old, new, |(name, _)| name.clone());
    for (name, wire) in removed {
        changes.push(Level::Major, format!("variant `{name}` ({wire:?}) removed"));
    }
    let added_level = if new_open { Level::Minor } else { Level::Major };
    for (name, wire) in added {
        changes.push(added_level, format!("variant `{name}` ({wire:?}) added"));
    }
    for ((name, ow), (_, nw)) in both {
        if ow != nw {
            changes.push(Level::Patch, format!("variant `{name}` is sent as {nw:?} (was {ow:?})"));
        }
    }
}

/// Compares the fields of a struct; `sent_arguments` are `new`'s arguments when callers build it.
fn fields(
    old: &Api,
    new: &Api,
    sent_arguments: Option<&[String]>,
    of: &[Field],
    nf: &[Field],
    changes: &mut Changes<'_>,
) {
    let (removed, mut both, added) = pair(of, nf, |f| f.name.clone());
    // A field whose Rust name changed but whose wire name did not is renamed, then compared.
    let (removed, renamed, added) = pair(removed, added, |f| f.wire_name.clone());
    for (o, n) in &renamed {
        changes
            .push(Level::Major, format!("field `{}` renamed `{}` (same wire name `{}`)", o.name, n.name, o.wire_name));
    }
    both.extend(renamed);
    for f in removed {
        changes.push(Level::Major, format!("field `{}: {}` removed", f.name, field_type(old, f)));
    }
    for f in added {
        let (level, why) = match sent_arguments {
            Some(arguments) if arguments.contains(&f.name) => (Level::Major, "required: a new argument of `new`"),
            Some(_) => (Level::Minor, "optional: a new setter"),
            None => (Level::Minor, "the struct is only received"),
        };
        changes.push(level, format!("field `{}: {}` added ({why})", f.name, field_type(new, f)));
    }
    for (o, n) in both {
        let name = &n.name;
        let (ot, nt) = (field_type(old, o), field_type(new, n));
        if ot != nt {
            changes.push(Level::Major, format!("field `{name}` type `{ot}` → `{nt}`"));
        }
        if o.wire_name != n.wire_name {
            changes
                .push(Level::Patch, format!("field `{name}` is `{}` on the wire (was `{}`)", n.wire_name, o.wire_name));
        }
        if (o.required, o.nullable) != (n.required, n.nullable) && ot == nt {
            changes.push(Level::Patch, format!("field `{name}` is now {} (was {})", presence(n), presence(o)));
        }
        if !same_value(&o.default, &n.default) {
            changes.push(Level::Patch, format!("field `{name}` default {} → {}", value(&o.default), value(&n.default)));
        }
        deprecation(o.deprecated, n.deprecated, &format!("field `{name}`"), changes);
    }
}

/// The names of the fields `new` takes, in order, as the IR decided them.
fn new_arguments(def: &TypeDef) -> Vec<String> {
    let Some((fields, constructor)) = def.built() else { return Vec::new() };
    constructor.arguments().map(|index| fields[index].name.clone()).collect()
}

/// `new`'s arguments changed beyond the fields added and removed (reported with the fields): a field
/// became required or optional, or the order moved.
fn constructor_arguments(o: &TypeDef, n: &TypeDef, of: &[Field], nf: &[Field], changes: &mut Changes<'_>) {
    let kept = |def: &TypeDef, other: &[Field]| -> Vec<String> {
        new_arguments(def).into_iter().filter(|name| other.iter().any(|f| &f.name == name)).collect()
    };
    let (oa, na) = (kept(o, nf), kept(n, of));
    if oa != na {
        changes.push(Level::Major, format!("`new({})` is now `new({})`", oa.join(", "), na.join(", ")));
    }
}

/// A flattened body field whose builder method changed name while the field did not (a new
/// parameter took its name, so it became `body_<name>`, or the parameter left). Fields added and
/// removed are reported with the body's type.
fn flattened_names(old: &Api, new: &Api, ob: &RequestBody, nb: &RequestBody, changes: &mut Changes<'_>) {
    let names = |api: &Api, body: &RequestBody| -> BTreeMap<String, String> {
        let Some(flat) = &body.flat else { return BTreeMap::new() };
        let Some((fields, constructor)) = api.type_def(flat.ty).built() else { return BTreeMap::new() };
        // Arguments are positional: their names are not part of the API.
        let setters = flat.setters.iter().flat_map(|s| {
            let field = &fields[constructor.setters[s.setter].field].name;
            let clear = s.clear.as_ref().map(|c| (format!("{field} (null)"), c.clone()));
            std::iter::once((field.clone(), s.name.clone())).chain(clear)
        });
        setters.collect()
    };
    let (on, nn) = (names(old, ob), names(new, nb));
    for (field, old_name) in &on {
        match nn.get(field) {
            Some(new_name) if new_name != old_name => changes.push(
                Level::Major,
                format!("the body's `{field}` is set by `{new_name}` (was `{old_name}`): a parameter took the name"),
            ),
            _ => {}
        }
    }
}

fn presence(field: &Field) -> &'static str {
    match (field.required, field.nullable) {
        (true, false) => "required",
        (true, true) => "required and nullable",
        (false, false) => "optional",
        (false, true) => "optional and nullable",
    }
}

/// The Rust type of a struct field, with the `Option`s its representation adds.
fn field_type(api: &Api, field: &Field) -> String {
    api.field_type(field, Paths::Short)
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
