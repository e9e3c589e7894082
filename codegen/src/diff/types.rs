//! Types compared: their kind, fields, variants, constructors and constants.

use super::*;

pub(super) fn type_path(def: &TypeDef) -> String {
    format!("types::{}", def.name)
}

pub(super) fn types(old: &Api, new: &Api, out: &mut Vec<Change>) {
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
pub(super) fn flattened_names(old: &Api, new: &Api, ob: &RequestBody, nb: &RequestBody, changes: &mut Changes<'_>) {
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
