//! Operation conversion: paths, parameters, bodies, responses, security, servers and webhooks →
//! [`Group`]s of [`Operation`]s, [`Server`]s and [`Webhook`]s.

use super::build::{docs, Builder};
use super::schemas::is_credential_name;
use super::*;
use crate::diagnostic::{DiagnosticKind, Pointer};
use crate::naming::{self, Namespace};
use crate::parse::extras::{self, OperationExtras};
use crate::Error;
use openapiv3::{
    Parameter, ParameterSchemaOrContent, ReferenceOr, Schema, SchemaKind, SecurityScheme, StatusCode, Type,
};
use std::collections::BTreeMap;

/// Names a group cannot take: `Client`'s own method (`builder`), the generated file's other modules
/// (`runtime`, `types`, `webhooks`, `testing`) and the crate's own cargo features (`client`, `testing`,
/// `tower`, `tracing`).
const RESERVED_GROUPS: &[&str] = &["builder", "client", "runtime", "testing", "tower", "tracing", "types", "webhooks"];

impl<'a> Builder<'a> {
    /// Every operation, grouped by `x-fern-sdk-group-name` (or first tag), groups and methods named.
    pub(super) fn operations(&mut self) -> Result<Vec<Group>, Error> {
        let spec = self.spec;
        let root_security = spec.security.clone().unwrap_or_default();
        let mut groups: BTreeMap<String, Vec<(bool, Operation)>> = BTreeMap::new();
        let mut operation_ids: BTreeMap<String, String> = BTreeMap::new();
        for (path, item) in spec.paths.iter() {
            let path_at = Pointer::root().push("paths").push(path);
            let ReferenceOr::Item(item) = item else { continue };
            for (method, op) in item.iter() {
                let at = path_at.push(method);
                let extras = OperationExtras::of(op);
                if extras.ignored && !self.include_fern_ignored {
                    continue;
                }
                if let Some(id) = &op.operation_id {
                    if let Some(first) = operation_ids.insert(id.clone(), format!("{} {path}", method.to_uppercase())) {
                        return Err(Error::InvalidSpec {
                            pointer: at.push("operationId").to_string(),
                            message: format!(
                                "operationId `{id}` is also used by `{first}`; operationIds must be unique, rename one"
                            ),
                        });
                    }
                }
                let group = extras.group.or_else(|| op.tags.first().map(String::as_str)).unwrap_or("default");
                let operation = self.operation(path, item, method, op, &extras, &root_security, &at)?;
                groups.entry(naming::snake_name(group)).or_default().push((extras.method.is_some(), operation));
            }
        }
        let mut group_names = Namespace::with_reserved(RESERVED_GROUPS);
        let mut out = Vec::new();
        for (group, operations) in groups {
            let name = group_names.claim(group);
            let operations = self.name_methods(&name, operations)?;
            out.push(Group {
                client_name: naming::group_client_name(&name),
                mock_name: naming::group_mock_name(&name),
                feature: naming::group_feature_name(&name),
                name,
                operations,
            });
        }
        Ok(out)
    }

    /// One operation, its method name not yet checked against the others of its group.
    #[allow(clippy::too_many_arguments, reason = "the pieces of one operation, each read once")]
    fn operation(
        &mut self,
        path: &str,
        item: &'a openapiv3::PathItem,
        method: &str,
        op: &'a openapiv3::Operation,
        extras: &OperationExtras,
        root_security: &[openapiv3::SecurityRequirement],
        at: &Pointer,
    ) -> Result<Operation, Error> {
        if !op.servers.is_empty() || !item.servers.is_empty() {
            self.warn(
                DiagnosticKind::Unsupported,
                at.push("servers"),
                "per-operation servers are not supported; the client's base URL is used",
            );
        }
        let label = op.operation_id.clone().unwrap_or_else(|| format!("{} {path}", method.to_uppercase()));
        let method_raw = match (extras.method, &op.operation_id) {
            (Some(m), _) => m.to_owned(),
            (None, Some(id)) => naming::strip_fastapi_suffix(id, path, method).to_owned(),
            (None, None) => format!("{method}_{path}"),
        };
        let method_name = naming::snake_name(&method_raw);
        let template = path_template(path);
        let params = self.parameters(path, &template, item, op, &method_name, at)?;
        let body = match &op.request_body {
            None => None,
            Some(body) => self.request_body(body, &type_hint(&method_name, "Body"), &at.push("requestBody"))?,
        };
        let responses = self.responses(&op.responses, &method_name, &at.push("responses"))?;
        let security = op.security.as_deref().unwrap_or(root_security);
        let (api_key_headers, bearer) = self.credentials(security, at);
        let mut operation = Operation {
            label,
            builder_name: String::new(),
            error_name: String::new(),
            response_enum_name: String::new(),
            method: String::new(),
            http_method: method.to_uppercase(),
            path: path.to_owned(),
            template,
            docs: docs(op.summary.as_deref(), op.description.as_deref(), ""),
            deprecated: op.deprecated,
            availability: extras.availability.map(str::to_owned),
            server_wait: server_wait(&params),
            pagination: None,
            params,
            body,
            responses,
            api_key_headers,
            bearer,
        };
        set_method(&mut operation, method_name);
        operation.pagination = self.pagination(&operation, extras.pagination, at);
        Ok(operation)
    }

    /// An operation's parameters: its own, then the path item's it does not override, then any the
    /// template names but nobody declares; path parameters first, in template order.
    fn parameters(
        &mut self,
        path: &str,
        template: &[PathSegment],
        item: &'a openapiv3::PathItem,
        op: &'a openapiv3::Operation,
        method_name: &str,
        at: &Pointer,
    ) -> Result<Vec<Param>, Error> {
        let path_at = at.parent();
        let mut params = Vec::new();
        // The builder's own members, and the locals its `send` binds before it reads the
        // parameters (`path`, `request`; `media_type` is `send_accepting`'s argument).
        let mut param_names = Namespace::with_reserved(naming::BUILDER_RESERVED);
        let mut seen = Vec::new();
        // Operation parameters override path-item ones with the same name and location.
        for (list, list_at) in [(&op.parameters, at.push("parameters")), (&item.parameters, path_at.push("parameters"))]
        {
            for (i, param) in list.iter().enumerate() {
                let param_at = list_at.index(i);
                let param = self.component(param, "parameters", |c| &c.parameters, &param_at)?;
                let data = param.parameter_data_ref();
                let location = match param {
                    Parameter::Query { .. } => ParamLocation::Query,
                    Parameter::Header { .. } => ParamLocation::Header,
                    Parameter::Path { .. } => ParamLocation::Path,
                    Parameter::Cookie { .. } => ParamLocation::Cookie,
                };
                if seen.contains(&(data.name.clone(), location)) {
                    continue;
                }
                seen.push((data.name.clone(), location));
                params.push(self.param(data, location, &mut param_names, method_name, &param_at)?);
            }
        }
        let in_template: Vec<&str> = template
            .iter()
            .filter_map(|segment| match segment {
                PathSegment::Param(name) => Some(name.as_str()),
                PathSegment::Literal(_) => None,
            })
            .collect();
        // A template parameter the operation forgot to declare (common in hand-written vendor specs): a
        // required `String` argument, so that the spec stays usable, with a warning.
        for name in &in_template {
            if params.iter().any(|p| p.location == ParamLocation::Path && p.wire_name == *name) {
                continue;
            }
            self.warn(
                DiagnosticKind::UndeclaredPathParameter,
                at.clone(),
                format!(
                    "path template has `{{{name}}}` but no path parameter `{name}` is declared; it is generated as \
                     a required `String` argument (declare it in the spec to give it a type)"
                ),
            );
            let data = undeclared_path_parameter(name);
            params.push(self.param(&data, ParamLocation::Path, &mut param_names, method_name, at)?);
        }
        if let Some(orphan) =
            params.iter().find(|p| p.location == ParamLocation::Path && !in_template.contains(&p.wire_name.as_str()))
        {
            return Err(Error::InvalidSpec {
                pointer: at.to_string(),
                message: format!(
                    "path parameter `{}` is declared but the path template `{path}` has no `{{{}}}`; add it to \
                     the path or make it a query parameter",
                    orphan.wire_name, orphan.wire_name
                ),
            });
        }
        // Path parameters come first, in the order the template uses them.
        let position = |p: &Param| in_template.iter().position(|name| *name == p.wire_name).unwrap_or(usize::MAX);
        params.sort_by_key(|p| {
            (p.location != ParamLocation::Path, if p.location == ParamLocation::Path { position(p) } else { 0 })
        });
        Ok(params)
    }

    /// Final method names for one group's operations: fallback names that several operations share
    /// become whole operationIds, collisions are numbered, and two Fern-named operations that collide
    /// are an error.
    fn name_methods(&mut self, group: &str, mut operations: Vec<(bool, Operation)>) -> Result<Vec<Operation>, Error> {
        // Fallback names that several operations share (FastAPI reuses one handler name across paths)
        // say nothing about which is which: those operations use their whole operationId instead.
        let mut fallback_uses: BTreeMap<String, usize> = BTreeMap::new();
        for (from_fern, op) in &operations {
            if !from_fern {
                *fallback_uses.entry(op.method.clone()).or_default() += 1;
            }
        }
        for (from_fern, op) in &mut operations {
            if !*from_fern && fallback_uses[&op.method] > 1 {
                let full = naming::snake_name(&op.label);
                self.warn(
                    DiagnosticKind::NameCollision,
                    Pointer::root().push("paths").push(&op.path),
                    format!(
                        "{} operations in group `{group}` fall back to the name `{}`; `{}` is generated as `{full}` (set `x-fern-sdk-method-name` to choose)",
                        fallback_uses[&op.method], op.method, op.label
                    ),
                );
                set_method(op, full);
            }
        }
        operations.sort_by(|a, b| a.1.method.cmp(&b.1.method));
        let mut methods = Namespace::default();
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        let mut ops = Vec::new();
        for (from_fern, mut op) in operations {
            if let Some(first) = seen.get(&op.method) {
                if from_fern {
                    return Err(Error::DuplicateOperation {
                        pointer: Pointer::root()
                            .push("paths")
                            .push(&op.path)
                            .push(&op.http_method.to_lowercase())
                            .to_string(),
                        first: first.clone(),
                        second: op.label.clone(),
                        group: group.to_owned(),
                        method: op.method.clone(),
                    });
                }
            }
            seen.insert(op.method.clone(), op.label.clone());
            let claimed = methods.claim(op.method.clone());
            if claimed != op.method {
                self.warn(
                    DiagnosticKind::NameCollision,
                    Pointer::root().push("paths").push(&op.path),
                    format!(
                        "method name `{}` is taken in group `{group}`; `{}` is generated as `{claimed}`",
                        op.method, op.label
                    ),
                );
                set_method(&mut op, claimed);
            }
            ops.push(op);
        }
        Ok(ops)
    }

    /// Follows a local `#/components/<kind>/<name>` reference one level (references to references are
    /// not followed, and say so).
    fn component<T>(
        &self,
        item: &'a ReferenceOr<T>,
        kind: &'static str,
        table: fn(&'a openapiv3::Components) -> &'a indexmap::IndexMap<String, ReferenceOr<T>>,
        at: &Pointer,
    ) -> Result<&'a T, Error> {
        let reference = match item {
            ReferenceOr::Item(item) => return Ok(item),
            ReferenceOr::Reference { reference } => reference,
        };
        let prefix = format!("#/components/{kind}/");
        let target = reference.strip_prefix(&prefix).and_then(|name| table(self.spec.components.as_ref()?).get(name));
        match target {
            Some(ReferenceOr::Item(item)) => Ok(item),
            _ => Err(Error::DanglingRef {
                pointer: at.to_string(),
                reference: reference.clone(),
                hint: format!("expected an entry under {prefix} (a reference to a reference is not followed)"),
            }),
        }
    }

    fn param(
        &mut self,
        data: &openapiv3::ParameterData,
        location: ParamLocation,
        names: &mut Namespace,
        method: &str,
        at: &Pointer,
    ) -> Result<Param, Error> {
        let hint = type_hint(method, &data.name);
        let (mut rules, mut examples) = (None, Vec::new());
        let (ty, bounds, default, schema_docs) = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                let at = at.push("schema");
                let ty = self.type_ref(schema, &hint, &at)?;
                match schema {
                    ReferenceOr::Item(schema) => {
                        let d = &schema.schema_data;
                        rules = super::samples::Rules::of(schema);
                        examples = extras::SchemaExtras::of(d).examples();
                        (
                            ty,
                            bounds(schema),
                            d.default.clone(),
                            docs(d.title.as_deref(), d.description.as_deref(), &data.name),
                        )
                    }
                    ReferenceOr::Reference { .. } => (ty, Bounds::default(), None, None),
                }
            }
            ParameterSchemaOrContent::Content(_) => {
                self.warn(
                    DiagnosticKind::Reinterpreted,
                    at.push("content"),
                    "parameters with `content` are sent as JSON text",
                );
                (TypeRef::Any, Bounds::default(), None, None)
            }
        };
        let required = data.required || location == ParamLocation::Path;
        if location == ParamLocation::Header && !is_header_name(&data.name) {
            return Err(Error::InvalidSpec {
                pointer: at.push("name").to_string(),
                message: format!(
                    "`{}` is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only); fix the name",
                    data.name
                ),
            });
        }
        let wanted = naming::snake_name(&data.name);
        let name = names.claim(wanted.clone());
        if name != wanted {
            self.warn(
                DiagnosticKind::NameCollision,
                at.push("name"),
                format!(
                    "parameter `{}` maps to the Rust name `{wanted}`, which another parameter (or the request \
                     builder) already uses; it is generated as `{name}`",
                    data.name
                ),
            );
        }
        // A header is a credential by the property rule, or when it names any key, authorization or
        // cookie (`x-vital-link-token`, `x-idempotency-key`).
        let lowered = data.name.to_ascii_lowercase();
        let sensitive = location == ParamLocation::Header
            && !matches!(ty, TypeRef::Array(_))
            && (is_credential_name(&lowered) || ["key", "authorization", "cookie"].iter().any(|w| lowered.contains(w)));
        Ok(Param {
            sensitive,
            name,
            wire_name: data.name.clone(),
            location,
            required,
            ty,
            docs: data.description.clone().or(schema_docs),
            default,
            bounds,
            deprecated: data.deprecated.unwrap_or(false),
            rules,
            examples: data.example.iter().cloned().chain(examples).collect(),
        })
    }

    fn request_body(
        &mut self,
        body: &'a ReferenceOr<openapiv3::RequestBody>,
        hint: &str,
        at: &Pointer,
    ) -> Result<Option<RequestBody>, Error> {
        let body = self.component(body, "requestBodies", |c| &c.request_bodies, at)?;
        let json = body.content.iter().find(|(m, _)| is_json(m));
        let multipart = body.content.iter().find(|(m, _)| media_essence(m) == "multipart/form-data");
        let Some(((media_type, media), encoding)) =
            json.map(|j| (j, BodyEncoding::Json)).or(multipart.map(|m| (m, BodyEncoding::Multipart)))
        else {
            let kinds: Vec<&str> = body.content.keys().map(String::as_str).collect();
            self.warn(
                DiagnosticKind::Unsupported,
                at.push("content"),
                format!("request bodies of type {kinds:?} are not generated yet; the operation is sent without a body"),
            );
            return Ok(None);
        };
        let schema_at = at.push("content").push(media_type).push("schema");
        let ty = match &media.schema {
            Some(schema) => self.type_ref(schema, hint, &schema_at)?,
            None => TypeRef::Any,
        };
        if encoding == BodyEncoding::Multipart
            && !matches!(ty, TypeRef::Named(id) if matches!(self.types[id.0].shape, Shape::Struct(_)))
        {
            self.warn(
                DiagnosticKind::Unsupported,
                &schema_at,
                "a multipart body must be an object with properties; the operation is sent without a body",
            );
            return Ok(None);
        }
        Ok(Some(RequestBody { ty, required: body.required, encoding, flat: None }))
    }

    fn responses(
        &mut self,
        responses: &'a openapiv3::Responses,
        method: &str,
        at: &Pointer,
    ) -> Result<Vec<Response>, Error> {
        let mut out = Vec::new();
        let listed = responses.responses.iter().map(|(code, r)| (Some(code), r));
        for (code, response) in listed.chain(responses.default.iter().map(|r| (None, r))) {
            let (status, key) = match code {
                Some(StatusCode::Code(code)) => (Status::Code(*code), code.to_string()),
                Some(StatusCode::Range(range)) => {
                    self.warn(
                        DiagnosticKind::Unsupported,
                        at.push(&format!("{range}XX")),
                        "status ranges are not generated yet; such responses are unexpected statuses",
                    );
                    continue;
                }
                None => (Status::Default, String::from("default")),
            };
            let at = at.push(&key);
            let response = self.component(response, "responses", |c| &c.responses, &at)?;
            let variant = match status {
                Status::Code(code) => naming::status_variant_name(code),
                Status::Default => String::from("Default"),
            };
            let mut examples = Vec::new();
            let mut body_media_type = None;
            let mut alternatives = Vec::new();
            let body = if response.content.is_empty() {
                ResponseBody::Empty
            } else if let Some((media_type, media)) =
                response.content.iter().find(|(m, _)| is_json(m)).filter(|(_, media)| {
                    // A JSON alternative that says nothing (`schema: {}`) beside a binary media type (the PDF
                    // endpoints): the body is the binary one.
                    let says_nothing = match &media.schema {
                        None => true,
                        Some(ReferenceOr::Item(Schema { schema_kind: SchemaKind::Any(any), .. })) => {
                            any.typ.is_none() && any.properties.is_empty() && any.any_of.is_empty()
                        }
                        Some(_) => false,
                    };
                    !(says_nothing && response.content.keys().any(|m| !is_json(m)))
                })
            {
                body_media_type = Some(media_type.clone());
                alternatives.extend(response.content.keys().filter(|m| !is_json(m)).cloned());
                examples.extend(media.example.iter().cloned());
                examples.extend(media.examples.values().filter_map(|e| match e {
                    ReferenceOr::Item(example) => example.value.clone(),
                    ReferenceOr::Reference { .. } => None,
                }));
                match &media.schema {
                    Some(schema) => ResponseBody::Json(self.type_ref(
                        schema,
                        &type_hint(method, &format!("{variant}Body")),
                        &at.push("content").push(media_type).push("schema"),
                    )?),
                    None => ResponseBody::Json(TypeRef::Any),
                }
            } else {
                let media_type = response
                    .content
                    .keys()
                    .find(|m| !is_json(m))
                    .or(response.content.keys().next())
                    .cloned()
                    .unwrap_or_default();
                body_media_type = Some(media_type.clone());
                ResponseBody::Bytes { media_type }
            };
            let description = Some(response.description.trim().to_owned()).filter(|d| !d.is_empty());
            out.push(Response {
                status,
                variant,
                description,
                body,
                examples,
                media_type: body_media_type,
                alternatives,
            });
        }
        out.sort_by_key(|r| r.status);
        Ok(out)
    }

    /// The credentials of the first security alternative whose schemes are all supported: API keys in
    /// headers (their header names) and bearer tokens (HTTP bearer, OAuth 2 and OpenID Connect all send
    /// `Authorization: Bearer`). An empty alternative (`{}`) means the operation may go unauthenticated.
    fn credentials(&mut self, security: &[openapiv3::SecurityRequirement], at: &Pointer) -> (Vec<String>, bool) {
        let schemes = self.spec.components.as_ref().map(|c| &c.security_schemes);
        let mut unsupported = Vec::new();
        for requirement in security {
            let mut headers = Vec::new();
            let mut bearer = false;
            let mut usable = true;
            for scheme_name in requirement.keys() {
                match schemes.and_then(|s| s.get(scheme_name)) {
                    Some(ReferenceOr::Item(SecurityScheme::APIKey {
                        location: openapiv3::APIKeyLocation::Header,
                        name,
                        ..
                    })) => headers.push(name.clone()),
                    Some(ReferenceOr::Item(SecurityScheme::HTTP { scheme, .. }))
                        if scheme.eq_ignore_ascii_case("bearer") =>
                    {
                        bearer = true;
                    }
                    Some(ReferenceOr::Item(SecurityScheme::OAuth2 { .. } | SecurityScheme::OpenIDConnect { .. })) => {
                        bearer = true;
                    }
                    _ => {
                        usable = false;
                        unsupported.push(scheme_name.clone());
                    }
                }
            }
            if usable {
                return (headers, bearer);
            }
        }
        if !unsupported.is_empty() {
            self.warn(
                DiagnosticKind::Unsupported,
                at.push("security"),
                format!("security schemes {unsupported:?} are not supported yet (API keys in headers and bearer tokens are); the request is sent without credentials"),
            );
        }
        (Vec::new(), false)
    }

    /// One [`Webhook`] per entry of `webhooks` whose operation has a JSON body.
    pub(super) fn webhooks(
        &mut self,
        webhooks: &'a indexmap::IndexMap<String, ReferenceOr<openapiv3::PathItem>>,
    ) -> Result<Vec<Webhook>, Error> {
        let mut names = Namespace::with_reserved(&["Unknown"]);
        let mut out = Vec::new();
        for (key, item) in webhooks {
            let at = Pointer::root().push("webhooks").push(key);
            let ReferenceOr::Item(item) = item else {
                self.warn(DiagnosticKind::Unsupported, &at, "a webhook that is a `$ref` is not generated");
                continue;
            };
            for (method, op) in item.iter() {
                let at = at.push(method);
                let Some(body) = &op.request_body else {
                    self.warn(
                        DiagnosticKind::Unsupported,
                        &at,
                        "a webhook without a request body has no payload to parse; not generated",
                    );
                    continue;
                };
                let hint = naming::webhook_payload_type_name(key);
                let Some(body) = self.request_body(body, &hint, &at.push("requestBody"))? else { continue };
                out.push(Webhook {
                    key: key.clone(),
                    variant: names.claim(naming::webhook_variant_name(key)),
                    payload: body.ty,
                    event_types: Vec::new(),
                    docs: docs(op.summary.as_deref(), op.description.as_deref(), ""),
                });
            }
        }
        Ok(out)
    }

    pub(super) fn servers(&mut self) -> Vec<Server> {
        let mut names = Namespace::default();
        let mut out = Vec::new();
        for (i, server) in self.spec.servers.iter().enumerate() {
            let at = Pointer::root().push("servers").index(i);
            let mut url = server.url.trim_end_matches('/').to_owned();
            for (name, variable) in server.variables.iter().flatten() {
                url = url.replace(&format!("{{{name}}}"), &variable.default);
            }
            if !url.starts_with("https://") {
                self.warn(DiagnosticKind::InvalidValue, at.push("url"), format!("server `{url}` is not an absolute https URL; it is not offered as an environment (use `base_url`)"));
                continue;
            }
            let raw_name = extras::server_name(server)
                .map(str::to_owned)
                .or_else(|| server.description.clone())
                .unwrap_or_else(|| naming::unnamed_server(i));
            let variant = names.claim(naming::type_name(&raw_name));
            out.push(Server { key: naming::environment_key(&variant), variant, url, docs: server.description.clone() });
        }
        out
    }
}

/// Gives every builder and response enum a name that no type of the `types` module has, so that a search
/// for a schema's name finds one item: an operation's names that a type already has are prefixed with
/// the group's (decided once every type, hoisted ones too, is named).
pub(super) fn keep_apart_from_types(groups: &mut [Group], types: &[TypeDef]) {
    let taken: std::collections::BTreeSet<&str> = types.iter().map(|t| t.name.as_str()).collect();
    for group in groups {
        for op in &mut group.operations {
            for name in [&mut op.builder_name, &mut op.error_name, &mut op.response_enum_name] {
                if taken.contains(name.as_str()) {
                    *name = naming::apart_from_type(&group.client_name, name);
                }
            }
        }
    }
}

/// Sets an operation's method name and the type names derived from it.
fn set_method(op: &mut Operation, method: String) {
    op.builder_name = naming::request_builder_name(&method);
    op.error_name = naming::error_enum_name(&method);
    op.response_enum_name = naming::response_enum_name(&method);
    op.method = method;
}

fn media_essence(media_type: &str) -> String {
    media_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

fn is_json(media_type: &str) -> bool {
    let essence = media_essence(media_type);
    essence == "application/json" || essence.ends_with("+json")
}

/// The name hint for a type hoisted out of an operation: `refresh` + `Body` → `RefreshBody`.
fn type_hint(method: &str, part: &str) -> String {
    format!("{}{}", naming::type_name(method), naming::type_name(part))
}

fn bounds(schema: &Schema) -> Bounds {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Number(n)) => Bounds {
            min: n.minimum.map(|v| (v, n.exclusive_minimum)),
            max: n.maximum.map(|v| (v, n.exclusive_maximum)),
        },
        SchemaKind::Type(Type::Integer(n)) => Bounds {
            min: n.minimum.map(|v| (v as f64, n.exclusive_minimum)),
            max: n.maximum.map(|v| (v as f64, n.exclusive_maximum)),
        },
        _ => Bounds::default(),
    }
}

/// The parameter an operation should have declared for `{name}` in its path: a string.
fn undeclared_path_parameter(name: &str) -> openapiv3::ParameterData {
    let string = openapiv3::Schema {
        schema_data: Default::default(),
        schema_kind: openapiv3::SchemaKind::Type(openapiv3::Type::String(Default::default())),
    };
    openapiv3::ParameterData {
        name: name.to_owned(),
        description: Some(String::from("Not declared by the spec (only named in the path template); sent as given.")),
        required: true,
        deprecated: None,
        format: ParameterSchemaOrContent::Schema(ReferenceOr::Item(string)),
        example: None,
        examples: Default::default(),
        explode: None,
        extensions: Default::default(),
    }
}

/// Whether `name` is an HTTP header name (an RFC 9110 token).
fn is_header_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// A numeric `timeout` query parameter asks the server to hold the request that long (Junction's
/// refresh): the HTTP timeout must outlast it.
fn server_wait(params: &[Param]) -> Option<ServerWait> {
    params
        .iter()
        .find(|p| {
            p.location == ParamLocation::Query
                && p.wire_name.eq_ignore_ascii_case("timeout")
                && matches!(p.ty, TypeRef::Number { .. } | TypeRef::Integer { .. })
        })
        .map(|p| ServerWait { param: p.name.clone(), default_seconds: p.default.as_ref().and_then(Value::as_f64) })
}

#[cfg(test)]
mod tests {
    use crate::ir::{Api, Operation, ParamLocation, PathSegment, TypeRef};
    use crate::{DiagnosticKind, Error};

    fn generate(paths: &str) -> Result<(Api, Vec<crate::Diagnostic>), Error> {
        let spec = format!(
            "openapi: 3.1.0\ninfo: {{title: T, version: '1'}}\nservers:\n  - {{url: 'https://api.example.com/', x-fern-server-name: production-eu}}\n  - {{url: 'https://sandbox.example.com', description: Sandbox}}\n  - {{url: 'https://third.example.com'}}\npaths:\n{paths}"
        );
        crate::Generator::new().ir(&spec)
    }

    fn operation<'a>(api: &'a Api, method: &str) -> &'a Operation {
        api.operations().find(|op| op.method == method).unwrap_or_else(|| panic!("no operation {method}"))
    }

    #[test]
    fn path_parameters_come_first_in_template_order_and_the_template_is_parsed_once() {
        let (api, diagnostics) = generate(
            "  /a/{second}/b/{first}:
    get:
      operationId: get_a
      parameters:
        - {name: q, in: query, schema: {type: string}}
        - {name: first, in: path, required: true, schema: {type: integer}}
        - {name: second, in: path, required: true, schema: {type: string}}
      responses: {'204': {description: ok}}
",
        )
        .unwrap();
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let op = operation(&api, "get_a");
        let names: Vec<&str> = op.params.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["second", "first", "q"]);
        assert_eq!(
            op.template,
            [
                PathSegment::Literal("/a/".into()),
                PathSegment::Param("second".into()),
                PathSegment::Literal("/b/".into()),
                PathSegment::Param("first".into()),
            ]
        );
    }

    #[test]
    fn a_template_parameter_nobody_declares_is_a_string_argument_with_a_warning() {
        let (api, diagnostics) = generate(
            "  /a/{id}:
    get: {operationId: get_a, responses: {'204': {description: ok}}}
",
        )
        .unwrap();
        let param = &operation(&api, "get_a").params[0];
        assert_eq!((param.location, param.required, &param.ty), (ParamLocation::Path, true, &TypeRef::String));
        assert_eq!(diagnostics.iter().map(|d| d.kind).collect::<Vec<_>>(), [DiagnosticKind::UndeclaredPathParameter]);
    }

    #[test]
    fn a_declared_path_parameter_the_template_lacks_is_an_error() {
        let err = generate(
            "  /a:
    get:
      operationId: get_a
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'204': {description: ok}}
",
        )
        .unwrap_err();
        assert!(err.to_string().contains("has no `{id}`"), "{err}");
    }

    #[test]
    fn fallback_names_several_operations_share_become_their_operation_ids() {
        // FastAPI's `{handler}_{path}_{method}` ids: both fall back to `list`, which says nothing.
        let (api, diagnostics) = generate(
            "  /a:
    get: {operationId: list_a_get, tags: [t], responses: {'204': {description: ok}}}
  /b:
    get: {operationId: list_b_get, tags: [t], responses: {'204': {description: ok}}}
",
        )
        .unwrap();
        let methods: Vec<&str> = api.operations().map(|op| op.method.as_str()).collect();
        assert_eq!(methods, ["list_a_get", "list_b_get"]);
        assert_eq!(diagnostics.iter().map(|d| d.kind).collect::<Vec<_>>(), [DiagnosticKind::NameCollision; 2]);
    }

    #[test]
    fn two_operations_fern_names_alike_in_one_group_are_an_error() {
        let err = generate(
            "  /a:
    get: {operationId: a, tags: [t], x-fern-sdk-method-name: list, responses: {'204': {description: ok}}}
  /b:
    get: {operationId: b, tags: [t], x-fern-sdk-method-name: list, responses: {'204': {description: ok}}}
",
        )
        .unwrap_err();
        assert!(matches!(err, Error::DuplicateOperation { ref method, .. } if method == "list"), "{err}");
    }

    #[test]
    fn a_numeric_timeout_query_parameter_asks_the_server_to_wait() {
        let (api, _) = generate(
            "  /a:
    post:
      operationId: refresh
      parameters: [{name: timeout, in: query, schema: {type: number, default: 10}}]
      responses: {'204': {description: ok}}
",
        )
        .unwrap();
        let wait = operation(&api, "refresh").server_wait.as_ref().unwrap();
        assert_eq!((wait.param.as_str(), wait.default_seconds), ("timeout", Some(10.0)));
    }

    #[test]
    fn servers_are_named_by_fern_then_description_then_position_and_keyed_for_lookup() {
        let (api, _) = generate("  {}\n").unwrap();
        let servers: Vec<(&str, &str, &str)> =
            api.servers.iter().map(|s| (s.variant.as_str(), s.key.as_str(), s.url.as_str())).collect();
        assert_eq!(
            servers,
            [
                ("ProductionEu", "productioneu", "https://api.example.com"),
                ("Sandbox", "sandbox", "https://sandbox.example.com"),
                ("Server3", "server3", "https://third.example.com"),
            ]
        );
    }

    #[test]
    fn groups_carry_their_feature_and_client_names() {
        let (api, _) = generate(
            "  /a:
    get: {operationId: a, tags: [default], responses: {'204': {description: ok}}}
",
        )
        .unwrap();
        let group = &api.groups[0];
        assert_eq!(
            (group.name.as_str(), group.client_name.as_str(), group.feature.as_str()),
            ("default", "DefaultClient", "default_group")
        );
    }
}
