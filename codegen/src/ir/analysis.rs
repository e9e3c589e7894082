//! Whole-program passes, run once every type is converted: alias cycles and boxes, union plans, what a
//! caller sends, how each field holds its value, how each type is written as text, and which cargo
//! features compile what. Everything the emitter asks about more than one type is decided here.

use super::*;
use crate::naming;
use crate::Error;

/// Finishes the IR from the converted types, groups, servers and webhooks.
pub(super) fn analyse(
    spec: &openapiv3::OpenAPI,
    mut types: Vec<TypeDef>,
    mut groups: Vec<Group>,
    servers: Vec<Server>,
    mut webhooks: Vec<Webhook>,
) -> Result<Api, Error> {
    super::cycles::break_alias_cycles(&mut types).map_err(|origin| Error::InvalidSpec {
        pointer: origin,
        message: String::from(
            "this schema is a `$ref` cycle with nothing in between (it refers to itself only through other bare \
             references), so it describes no value; point one of them at a real schema",
        ),
    })?;
    super::cycles::box_cycles(&mut types);
    super::unions::plan_all(&mut types);
    let in_json_body = mark_sent(&mut types, &groups);
    represent_fields(&mut types, &in_json_body);
    decide_constructors(&mut types);
    flatten_bodies(&types, &mut groups);
    mark_users(&mut types, &groups, &webhooks);
    decide_text_forms(&mut types);
    for webhook in &mut webhooks {
        webhook.event_types = event_types(&types, &webhook.payload);
    }
    let mut events: Vec<UnionVariant> = webhooks
        .iter()
        .map(|w| UnionVariant { name: w.variant.clone(), ty: w.payload.clone(), matcher: Matcher::Trial })
        .collect();
    super::unions::plan(&types, &mut events, true);
    let features = features(&types, &groups, &events);
    Ok(Api {
        title: spec.info.title.clone(),
        version: spec.info.version.clone(),
        openapi_version: spec.openapi.clone(),
        types,
        groups,
        servers,
        webhooks,
        events,
        features,
        env_prefix: naming::env_prefix(&spec.info.title),
        crate_name: naming::crate_name(&spec.info.title),
        input_fingerprint: 0,
    })
}

/// Marks the types a caller sends (reachable from any request body or parameter); returns which types
/// a JSON request body reaches.
fn mark_sent(types: &mut [TypeDef], groups: &[Group]) -> Vec<bool> {
    let operations = || groups.iter().flat_map(|g| &g.operations);
    let json_bodies = operations().filter_map(|op| op.body.as_ref().filter(|b| b.encoding == BodyEncoding::Json));
    let in_json_body = reachable(types, json_bodies.map(|b| &b.ty));
    let inputs = operations().flat_map(|op| op.body.iter().map(|b| &b.ty).chain(op.params.iter().map(|p| &p.ty)));
    let sent = reachable(types, inputs);
    for (def, sent) in types.iter_mut().zip(sent) {
        def.sent = sent;
    }
    in_json_body
}

/// Decides every field's [`Repr`]: plain when required and not nullable; the spec default when an
/// optional, non-nullable field of a type that is only received has one Rust can write (in a sent
/// type the default is the server's: the field is an `Option`, not sent unless set); absent and
/// `null` told apart for optional nullable fields of types in JSON request bodies (PATCH semantics);
/// otherwise an `Option` (response-only types keep a plain `Option`).
fn represent_fields(types: &mut [TypeDef], in_json_body: &[bool]) {
    let mut decided = Vec::new();
    for (index, def) in types.iter().enumerate() {
        let Shape::Struct(fields) = &def.shape else { continue };
        for (position, field) in fields.iter().enumerate() {
            let repr = if field.flatten || !field.optional() {
                Repr::Plain
            } else if let Some(value) = field
                .default
                .as_ref()
                .filter(|_| !field.required && !field.nullable && !def.sent)
                .and_then(|v| literal(types, &field.ty, v))
            {
                Repr::Defaulted { function: naming::default_fn_name(&field.name), value }
            } else if in_json_body[index] && !field.required && field.nullable {
                Repr::TriState
            } else {
                Repr::Optional
            };
            decided.push((index, position, repr));
        }
    }
    for (index, position, repr) in decided {
        if let Shape::Struct(fields) = &mut types[index].shape {
            fields[position].repr = repr;
        }
    }
}

/// Decides how callers build each struct: the fields that must hold a value are arguments of `new`
/// (but a `const` is filled in), the others start absent and get a setter (named in `naming`). Types
/// that are only received get theirs behind the `testing` feature.
fn decide_constructors(types: &mut [TypeDef]) {
    let mut decided = Vec::new();
    for (index, def) in types.iter().enumerate() {
        let Shape::Struct(fields) = &def.shape else { continue };
        let fixed = |ty: &TypeRef| match ty {
            TypeRef::ConstBool(_) | TypeRef::ConstInteger(_) => true,
            TypeRef::Named(id) => matches!(types[id.0].shape, Shape::ConstString { .. }),
            _ => false,
        };
        let inits: Vec<Init> = fields
            .iter()
            .map(|field| match &field.repr {
                Repr::Plain if field.flatten => Init::Absent,
                Repr::Plain if fixed(&field.ty) => Init::Fixed,
                Repr::Defaulted { function, .. } => Init::Default(function.clone()),
                _ if field.required => Init::Argument,
                _ => Init::Absent,
            })
            .collect();
        let set: Vec<(usize, &Field)> =
            fields.iter().enumerate().filter(|(i, _)| matches!(inits[*i], Init::Absent | Init::Default(_))).collect();
        let taken: Vec<&str> = fields
            .iter()
            .filter_map(|f| match &f.repr {
                Repr::Defaulted { function, .. } => Some(function.as_str()),
                _ => None,
            })
            .collect();
        let names = naming::setter_names(
            &set.iter().map(|(_, f)| (f.name.as_str(), f.repr == Repr::TriState)).collect::<Vec<_>>(),
            &taken,
        );
        let setters =
            set.iter().zip(names).map(|((field, _), (name, clear))| Setter { field: *field, name, clear }).collect();
        decided.push((index, Constructor { testing_only: !def.sent, inits, setters }));
    }
    for (index, constructor) in decided {
        types[index].constructor = Some(constructor);
    }
}

/// Lifts the fields of each struct body into its operation (see [`FlatBody`]): `new`'s arguments join
/// the group method's, the struct's setters become builder methods, named in `naming` around the
/// operation's parameters.
fn flatten_bodies(types: &[TypeDef], groups: &mut [Group]) {
    for group in groups {
        let mut methods = naming::Namespace::with_reserved(&[]);
        for op in &group.operations {
            methods.claim(op.method.clone());
        }
        for op in &mut group.operations {
            let params: Vec<&str> = op.params.iter().map(|p| p.name.as_str()).collect();
            let Some(body) = &mut op.body else { continue };
            let TypeRef::Named(id) = body.ty else { continue };
            let Some((fields, constructor)) = types[id.0].built() else { continue };
            if constructor.testing_only {
                continue;
            }
            let arguments: Vec<usize> = constructor.arguments().collect();
            let setter_names = constructor.setters.iter().flat_map(|s| std::iter::once(&s.name).chain(&s.clear));
            let wanted = arguments.iter().map(|&i| fields[i].name.as_str()).chain(setter_names.map(String::as_str));
            let mut names = naming::flattened_names(wanted, &params).into_iter();
            let arguments = arguments.into_iter().zip(names.by_ref()).collect();
            let setters = constructor
                .setters
                .iter()
                .enumerate()
                .map(|(index, setter)| FlatSetter {
                    setter: index,
                    name: names.next().unwrap_or_default(),
                    clear: setter.clear.as_ref().and_then(|_| names.next()),
                })
                .collect();
            let with_body = methods.claim(naming::with_body_method_name(&op.method));
            body.flat = Some(FlatBody { ty: id, arguments, setters, with_body });
        }
    }
}

/// A spec `default` as a Rust value of the field's type, when Rust can write it.
fn literal(types: &[TypeDef], ty: &TypeRef, value: &Value) -> Option<Literal> {
    Some(match (ty, value) {
        (TypeRef::Boolean, Value::Bool(b)) => Literal::Bool(*b),
        (TypeRef::Integer { int32: true }, Value::Number(n)) => Literal::I32(i32::try_from(n.as_i64()?).ok()?),
        (TypeRef::Integer { int32: false }, Value::Number(n)) => Literal::I64(n.as_i64()?),
        (TypeRef::Number { float: false }, Value::Number(n)) => Literal::F64(n.as_f64()?),
        (TypeRef::String, Value::String(s)) => Literal::String(s.clone()),
        (TypeRef::Array(_), Value::Array(items)) if items.is_empty() => Literal::EmptyList,
        (TypeRef::Named(id), Value::String(s)) => match &types[id.0].shape {
            Shape::StringEnum { variants, .. } => {
                let variant = variants.iter().find(|v| &v.wire == s)?;
                Literal::Variant { ty: *id, variant: variant.name.clone() }
            }
            _ => return None,
        },
        _ => return None,
    })
}

/// Records which groups, webhooks or unreferenced types reach each type, and so the cargo features
/// under which it is compiled (per-group features).
fn mark_users(types: &mut [TypeDef], groups: &[Group], webhooks: &[Webhook]) {
    for group in groups {
        let reached = reachable(types, group.operations.iter().flat_map(Operation::type_roots));
        for (def, reached) in types.iter_mut().zip(reached) {
            if reached {
                def.used_by_groups.push(group.name.clone());
            }
        }
    }
    let by_webhooks = reachable(types, webhooks.iter().map(|w| &w.payload));
    for (def, reached) in types.iter_mut().zip(by_webhooks) {
        def.used_by_webhooks = reached;
    }
    let unreferenced: Vec<TypeRef> = (0..types.len())
        .filter(|&i| types[i].used_by_groups.is_empty() && !types[i].used_by_webhooks)
        .map(|i| TypeRef::Named(TypeId(i)))
        .collect();
    let by_unreferenced = reachable(types, unreferenced.iter());
    // Each group's feature was named with the group; it is not named again here.
    let feature_of: std::collections::BTreeMap<&str, &str> =
        groups.iter().map(|g| (g.name.as_str(), g.feature.as_str())).collect();
    for (def, reached) in types.iter_mut().zip(by_unreferenced) {
        def.used_by_unreferenced = reached;
        def.used_by_groups.sort();
        def.features = def.used_by_groups.iter().map(|g| feature_of[g.as_str()].to_owned()).collect();
        if def.used_by_webhooks {
            def.features.push(naming::WEBHOOKS_FEATURE.to_owned());
        }
        if def.used_by_unreferenced {
            def.features.push(naming::UNREFERENCED_FEATURE.to_owned());
        }
    }
}

/// See [`Api::features`].
fn features(types: &[TypeDef], groups: &[Group], events: &[UnionVariant]) -> Vec<String> {
    let mut features: Vec<String> = groups.iter().map(|g| g.feature.clone()).collect();
    if !events.is_empty() {
        features.push(naming::WEBHOOKS_FEATURE.to_owned());
    }
    if types.iter().any(|t| t.used_by_unreferenced) {
        features.push(naming::UNREFERENCED_FEATURE.to_owned());
    }
    features.sort();
    features
}

/// Decides [`TypeDef::text`] for every type: enums and string consts print as their value, aliases as
/// what they name, and unions of scalars (no union among them) as the member they hold. Repeated until
/// nothing changes, so chains of any length settle without a depth cap.
fn decide_text_forms(types: &mut [TypeDef]) {
    loop {
        let mut changed = false;
        for index in 0..types.len() {
            let text = match &types[index].shape {
                Shape::StringEnum { .. } | Shape::IntegerEnum { .. } | Shape::ConstString { .. } => TextForm::Display,
                Shape::Alias(inner) => text_form(types, inner),
                Shape::Union { variants, .. } => {
                    let scalar = variants.iter().all(|v| {
                        let nested_union = matches!(v.ty, TypeRef::Named(id) | TypeRef::Boxed(id)
                            if matches!(types[id.0].shape, Shape::Union { .. }));
                        !nested_union && text_form(types, &v.ty) != TextForm::Json
                    });
                    if scalar {
                        TextForm::Display
                    } else {
                        TextForm::Json
                    }
                }
                _ => TextForm::Json,
            };
            if types[index].text != text {
                types[index].text = text;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// Which types (by index) the `roots` reach through fields, members, items and aliases.
pub fn reachable<'t>(types: &[TypeDef], roots: impl IntoIterator<Item = &'t TypeRef>) -> Vec<bool> {
    let mut seen = vec![false; types.len()];
    let mut stack: Vec<TypeId> = Vec::new();
    let visit = |ty: &TypeRef, seen: &mut Vec<bool>, stack: &mut Vec<TypeId>| {
        for id in ty.named() {
            if !std::mem::replace(&mut seen[id.0], true) {
                stack.push(id);
            }
        }
    };
    for root in roots {
        visit(root, &mut seen, &mut stack);
    }
    while let Some(id) = stack.pop() {
        for ty in types[id.0].shape.refs() {
            visit(ty, &mut seen, &mut stack);
        }
    }
    seen
}

/// The `event_type` values a webhook payload is sent with: its string `const`, or its enum.
fn event_types(types: &[TypeDef], payload: &TypeRef) -> Vec<String> {
    let TypeRef::Named(id) = payload else { return Vec::new() };
    let Shape::Struct(fields) = &types[id.0].shape else { return Vec::new() };
    let Some(field) = fields.iter().find(|f| f.wire_name == "event_type") else { return Vec::new() };
    let TypeRef::Named(tag) = &field.ty else { return Vec::new() };
    match &types[tag.0].shape {
        Shape::ConstString { value, .. } => vec![value.clone()],
        Shape::StringEnum { variants, .. } => variants.iter().map(|v| v.wire.clone()).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::{Api, Field, Init, Literal, Repr, Shape, TextForm, TypeDef};

    /// The IR of a spec with one `POST /items` taking `Input` as JSON and returning `Output`, plus
    /// `schemas` (YAML, indented as under `schemas:`).
    fn api(schemas: &str) -> Api {
        let spec = format!(
            "openapi: 3.1.0
info: {{title: T, version: '1'}}
paths:
  /items:
    post:
      operationId: create
      tags: [items]
      requestBody:
        content: {{application/json: {{schema: {{$ref: '#/components/schemas/Input'}}}}}}
      responses:
        '200':
          description: ok
          content: {{application/json: {{schema: {{$ref: '#/components/schemas/Output'}}}}}}
components:
  schemas:
{schemas}"
        );
        crate::Generator::new().ir(&spec).unwrap().0
    }

    fn def<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
        api.types.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("no type {name}"))
    }

    fn field<'a>(api: &'a Api, ty: &str, name: &str) -> &'a Field {
        let Shape::Struct(fields) = &def(api, ty).shape else { panic!("{ty} is not a struct") };
        fields.iter().find(|f| f.name == name).unwrap()
    }

    const IO: &str = "    Input:
      type: object
      required: [name, note]
      properties:
        name: {type: string}
        note: {type: [string, 'null']}
        nickname: {type: [string, 'null']}
        limit: {type: integer, format: int32, default: 10}
        kind: {$ref: '#/components/schemas/Kind', default: b}
        odd: {type: integer, default: 1.5}
    Output:
      type: object
      required: [id, tag]
      properties:
        id: {type: string}
        tag: {const: output}
        nickname: {type: [string, 'null']}
        limit: {type: integer, format: int32, default: 10}
        kind: {$ref: '#/components/schemas/Kind', default: b}
        new: {type: string}
    Kind: {type: string, enum: [a, b]}
";

    #[test]
    fn each_field_is_held_as_the_spec_and_its_use_say() {
        let api = api(IO);
        assert_eq!(field(&api, "Input", "name").repr, Repr::Plain);
        assert_eq!(field(&api, "Input", "note").repr, Repr::Optional, "required but nullable");
        assert_eq!(field(&api, "Input", "nickname").repr, Repr::TriState, "sent in a JSON body: absent is not null");
        assert_eq!(field(&api, "Output", "nickname").repr, Repr::Optional, "only received");
        assert_eq!(field(&api, "Input", "limit").repr, Repr::Optional, "sent: the default is the server's");
        assert_eq!(
            field(&api, "Output", "limit").repr,
            Repr::Defaulted { function: "default_limit".into(), value: Literal::I32(10) }
        );
        let Repr::Defaulted { value: Literal::Variant { variant, .. }, .. } = &field(&api, "Output", "kind").repr
        else {
            panic!("an enum default is its variant")
        };
        assert_eq!(variant, "B");
        assert_eq!(field(&api, "Input", "odd").repr, Repr::Optional, "1.5 is not an integer: no default");
    }

    #[test]
    fn a_struct_body_is_flattened_around_the_operations_parameters() {
        let spec = format!(
            "openapi: 3.1.0
info: {{title: T, version: '1'}}
paths:
  /items/{{name}}:
    post:
      operationId: create
      tags: [items]
      parameters:
        - {{name: name, in: path, required: true, schema: {{type: string}}}}
        - {{name: limit, in: query, schema: {{type: integer}}}}
      requestBody:
        content: {{application/json: {{schema: {{$ref: '#/components/schemas/Input'}}}}}}
      responses:
        '200': {{description: ok}}
components:
  schemas:
{IO}"
        );
        let api = crate::Generator::new().ir(&spec).unwrap().0;
        let op = api.operations().next().unwrap();
        let flat = op.body.as_ref().and_then(|b| b.flat.as_ref()).expect("a struct body is flattened");
        let arguments: Vec<&str> = flat.arguments.iter().map(|(_, name)| name.as_str()).collect();
        assert_eq!(arguments, ["body_name", "note"], "the path parameter keeps `name`");
        let setters: Vec<(&str, Option<&str>)> =
            flat.setters.iter().map(|s| (s.name.as_str(), s.clear.as_deref())).collect();
        assert_eq!(
            setters,
            [("nickname", Some("clear_nickname")), ("body_limit", None), ("kind", None), ("odd", None)],
            "the query parameter keeps `limit`"
        );
        assert_eq!(flat.with_body, "create_with_body");
    }

    #[test]
    fn required_fields_are_arguments_of_new_and_the_others_have_setters() {
        let api = api(IO);
        let input = def(&api, "Input").constructor.as_ref().unwrap();
        assert!(!input.testing_only, "a sent type is always buildable");
        assert_eq!(
            input.inits,
            [Init::Argument, Init::Argument, Init::Absent, Init::Absent, Init::Absent, Init::Absent]
        );
        let setters: Vec<(&str, Option<&str>)> =
            input.setters.iter().map(|s| (s.name.as_str(), s.clear.as_deref())).collect();
        assert_eq!(setters, [("nickname", Some("clear_nickname")), ("limit", None), ("kind", None), ("odd", None)]);

        let output = def(&api, "Output").constructor.as_ref().unwrap();
        assert!(output.testing_only, "only received: built in tests only");
        assert_eq!(
            output.inits,
            [
                Init::Argument,
                Init::Fixed,
                Init::Absent,
                Init::Default("default_limit".into()),
                Init::Default("default_kind".into()),
                Init::Absent
            ],
            "a const is filled in, a default starts at its value"
        );
        let names: Vec<&str> = output.setters.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["nickname", "limit", "kind", "set_new"], "`new` is the constructor's name");
    }

    #[test]
    fn what_is_sent_and_which_features_compile_a_type() {
        let api = api(&format!("{IO}    Lonely: {{type: object, properties: {{a: {{type: string}}}}}}\n"));
        assert!(def(&api, "Input").sent && def(&api, "Kind").sent && !def(&api, "Output").sent);
        assert_eq!(def(&api, "Output").features, ["items"]);
        assert_eq!(def(&api, "Lonely").features, ["unreferenced_schemas"]);
        assert_eq!(api.features, ["items", "unreferenced_schemas"]);
    }

    #[test]
    fn text_forms_settle_through_alias_chains_of_any_length_and_scalar_unions() {
        let mut schemas = String::from(IO);
        schemas.push_str("    Alias0: {$ref: '#/components/schemas/Kind'}\n");
        for i in 1..40 {
            schemas.push_str(&format!("    Alias{i}: {{$ref: '#/components/schemas/Alias{}'}}\n", i - 1));
        }
        schemas.push_str("    Scalar: {anyOf: [{type: string, format: date-time}, {type: integer}]}\n");
        schemas.push_str("    Nested: {anyOf: [{$ref: '#/components/schemas/Scalar'}, {type: string}]}\n");
        schemas.push_str("    Stamp: {type: string, format: date-time}\n");
        let api = api(&schemas);
        assert_eq!(def(&api, "Alias39").text, TextForm::Display, "39 aliases from an enum");
        assert_eq!(def(&api, "Scalar").text, TextForm::Display, "a union of a timestamp and a number");
        assert_eq!(def(&api, "Nested").text, TextForm::Json, "a union holding a union");
        assert_eq!(def(&api, "Stamp").text, TextForm::Timestamp);
        assert_eq!(def(&api, "Output").text, TextForm::Json);
    }
}
