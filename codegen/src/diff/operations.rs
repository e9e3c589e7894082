//! Operations compared: their call shape, parameters, bodies, responses, security and paging.

use super::*;

fn call(group: &str, method: &str) -> String {
    format!("client.{group}().{method}()")
}

/// Every operation with its call shape.
fn calls(api: &Api) -> Vec<(String, &Operation)> {
    api.groups.iter().flat_map(|g| g.operations.iter().map(move |o| (call(&g.name, &o.method), o))).collect()
}

pub(super) fn operations(old: &Api, new: &Api, out: &mut Vec<Change>) {
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
