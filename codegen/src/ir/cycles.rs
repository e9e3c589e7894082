//! Breaks reference cycles: a struct that contains itself (directly or through other structs) would have
//! infinite size, so every field edge inside a strongly connected component is boxed. Edges through `Vec`
//! and maps already allocate and are left alone.

use super::{Shape, TypeDef, TypeId, TypeRef};

/// The named types a type holds inline (not behind a `Vec` or map; `Option` is inline).
fn inline_targets(ty: &TypeRef, out: &mut Vec<TypeId>) {
    match ty {
        TypeRef::Named(id) => out.push(*id),
        TypeRef::Nullable(inner) => inline_targets(inner, out),
        _ => {}
    }
}

fn edges(def: &TypeDef) -> Vec<TypeId> {
    let mut out = Vec::new();
    def.shape.refs().for_each(|ty| inline_targets(ty, &mut out));
    out
}

/// Boxes `ty` if it holds a type of `owner_component` inline.
fn box_if_cyclic(ty: &mut TypeRef, component: &[usize], owner_component: usize) {
    match ty {
        TypeRef::Named(target) if component[target.0] == owner_component => *ty = TypeRef::Boxed(*target),
        TypeRef::Nullable(inner) => box_if_cyclic(inner, component, owner_component),
        _ => {}
    }
}

/// Strongly connected component index of every type (Tarjan's algorithm, iterative so that deep
/// schemas cannot overflow the stack).
fn components(types: &[TypeDef]) -> Vec<usize> {
    let graph: Vec<Vec<TypeId>> = types.iter().map(edges).collect();
    let n = types.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut component = vec![usize::MAX; n];
    let mut next_index = 0;
    let mut next_component = 0;
    for start in 0..n {
        if index[start] != usize::MAX {
            continue;
        }
        // Each frame: (node, position of the next edge to visit).
        let mut frames = vec![(start, 0usize)];
        index[start] = next_index;
        low[start] = next_index;
        next_index += 1;
        stack.push(start);
        on_stack[start] = true;
        while let Some(&mut (node, ref mut edge)) = frames.last_mut() {
            if let Some(&TypeId(next)) = graph[node].get(*edge) {
                *edge += 1;
                if index[next] == usize::MAX {
                    index[next] = next_index;
                    low[next] = next_index;
                    next_index += 1;
                    stack.push(next);
                    on_stack[next] = true;
                    frames.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

/// Type aliases that refer back to themselves through other aliases cannot be Rust type aliases. Those
/// that hold the recursion in a container (`D = Vec<D>`) become transparent newtypes; a cycle of bare
/// references (`A = B`, `B = A`) describes no value at all and is an error naming its first type.
pub fn break_alias_cycles(types: &mut [TypeDef]) -> Result<(), String> {
    let alias_edges = |def: &TypeDef| -> Vec<TypeId> {
        let mut out = Vec::new();
        if let Shape::Alias(ty) = &def.shape {
            out.extend(ty.named());
        }
        out
    };
    for start in 0..types.len() {
        if !matches!(types[start].shape, Shape::Alias(_)) {
            continue;
        }
        // Depth-first over alias-to-alias edges, looking for a way back to `start`.
        let mut stack = alias_edges(&types[start]);
        let mut seen = vec![false; types.len()];
        let mut cyclic = false;
        while let Some(TypeId(next)) = stack.pop() {
            if next == start {
                cyclic = true;
                break;
            }
            if std::mem::replace(&mut seen[next], true) || !matches!(types[next].shape, Shape::Alias(_)) {
                continue;
            }
            stack.extend(alias_edges(&types[next]));
        }
        if !cyclic {
            continue;
        }
        match &types[start].shape {
            Shape::Alias(ty @ (TypeRef::Named(_) | TypeRef::Boxed(_))) => {
                // A bare reference: fine if some other alias of the cycle holds a container (that one
                // becomes the newtype); checked when the cycle has no such member left below.
                let _ = ty;
            }
            Shape::Alias(ty) => types[start].shape = Shape::Newtype(ty.clone()),
            _ => {}
        }
    }
    // Whatever is still an alias cycle is made of bare references only.
    for start in 0..types.len() {
        let mut current = start;
        for _ in 0..=types.len() {
            match &types[current].shape {
                Shape::Alias(TypeRef::Named(TypeId(next)) | TypeRef::Boxed(TypeId(next))) => {
                    current = *next;
                    if current == start {
                        return Err(types[start].origin.clone());
                    }
                }
                _ => break,
            }
        }
    }
    Ok(())
}

/// Replaces `Named` by `Boxed` on every struct field, union member and tuple item that closes a cycle.
pub fn box_cycles(types: &mut [TypeDef]) {
    let component = components(types);
    for owner in 0..types.len() {
        let owner_component = component[owner];
        let slots: Vec<&mut TypeRef> = match &mut types[owner].shape {
            Shape::Struct(fields) => fields.iter_mut().map(|f| &mut f.ty).collect(),
            Shape::Union { variants, .. } => variants.iter_mut().map(|v| &mut v.ty).collect(),
            Shape::Tuple { items, .. } => items.iter_mut().collect(),
            Shape::Newtype(ty) => vec![ty],
            _ => Vec::new(),
        };
        for ty in slots {
            box_if_cyclic(ty, &component, owner_component);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Field;

    fn field(name: &str, ty: TypeRef) -> Field {
        Field::plain(name, ty, false)
    }

    fn strukt(name: &str, fields: Vec<Field>) -> TypeDef {
        TypeDef::new(name, "", Shape::Struct(fields))
    }

    #[test]
    fn self_reference_and_mutual_recursion_are_boxed_but_vec_edges_are_not() {
        let mut types = vec![
            strukt(
                "Node",
                vec![
                    field("next", TypeRef::Named(TypeId(0))),
                    field("kids", TypeRef::Array(Box::new(TypeRef::Named(TypeId(0))))),
                ],
            ),
            strukt("A", vec![field("b", TypeRef::Named(TypeId(2)))]),
            strukt("B", vec![field("a", TypeRef::Named(TypeId(1))), field("leaf", TypeRef::Named(TypeId(3)))]),
            strukt("Leaf", vec![]),
        ];
        box_cycles(&mut types);
        let tys = |i: usize| match &types[i].shape {
            Shape::Struct(f) => f.iter().map(|f| f.ty.clone()).collect::<Vec<_>>(),
            _ => unreachable!(),
        };
        assert_eq!(tys(0), [TypeRef::Boxed(TypeId(0)), TypeRef::Array(Box::new(TypeRef::Named(TypeId(0))))]);
        assert_eq!(tys(1), [TypeRef::Boxed(TypeId(2))]);
        assert_eq!(tys(2), [TypeRef::Boxed(TypeId(1)), TypeRef::Named(TypeId(3))]);
    }

    #[test]
    fn a_long_chain_does_not_overflow_the_stack() {
        let n = 100_000;
        let mut types: Vec<TypeDef> =
            (0..n).map(|i| strukt("T", vec![field("next", TypeRef::Named(TypeId((i + 1) % n)))])).collect();
        box_cycles(&mut types);
        assert!(types.iter().all(|t| matches!(&t.shape, Shape::Struct(f) if matches!(f[0].ty, TypeRef::Boxed(_)))));
    }
}
