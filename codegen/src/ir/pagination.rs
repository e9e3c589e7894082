//! Which operations page, and how ([`Pagination`]). Fern's `x-fern-pagination` decides where the spec
//! or an overlay declares it; otherwise the request/response pair is recognised by its names:
//!
//! | style | request (optional query parameters) | page (fields of the success struct) |
//! |---|---|---|
//! | cursor | `next_cursor` (else `cursor`), a string | `next_cursor` (else `next`), a string |
//! | offset | `offset`, an integer (and `limit` as its step) | `total`, or a list of items |
//! | page number | `page`, an integer | `pages`, or `total` and `size`, or a list of items |
//!
//! The items are the page's one list field (or its one map of lists) besides those. Nothing is silent:
//! each decision says whether it was declared or recognised, the method's docs say how it pages, the
//! CLI's `pages` command lists them all, and an operation that looks paged (it has one of those
//! parameters or fields) but fits no style is a diagnostic saying what to declare.

use super::build::Builder;
use super::*;
use crate::diagnostic::{DiagnosticKind, Pointer};
use crate::parse::extras::{self, DeclaredPagination, PaginationSpec};

/// How an operation pages: which parameter carries the position, how a page moves it on, when the
/// stream ends and where a page's items are. Decided in `ir::pagination`, declared (Fern's
/// `x-fern-pagination`, in the spec or an overlay) or recognised from the request and response.
#[derive(Clone, Debug, PartialEq)]
pub struct Pagination {
    /// Whether the spec declared it or the generator recognised it.
    pub origin: PaginationOrigin,
    /// The struct every page is (the operation's success body).
    pub page: TypeId,
    /// How the position moves from page to page.
    pub style: PageStyle,
    /// Where a page's items are; `None` when the page has no one list of them (no `.items()`).
    pub items: Option<PageItems>,
    /// A boolean field of the page that is `false` on the last one (Fern's `has-next-page`).
    pub has_next: Option<FieldPath>,
}

/// Where a [`Pagination`] comes from.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum PaginationOrigin {
    /// `x-fern-pagination` on the operation (or `true` and the document's).
    Declared,
    /// Recognised from the parameter and field names (`next_cursor`, `offset`/`limit`/`total`,
    /// `page`/`pages`); `x-fern-pagination` overrides it, `x-fern-pagination: false` switches it off.
    Recognised,
}

/// The fields from a page struct down to a value: indexes into each struct's fields, outermost first.
pub type FieldPath = Vec<usize>;

/// How a paged operation's position moves.
#[derive(Clone, Debug, PartialEq)]
pub enum PageStyle {
    /// An opaque cursor: each page's `next` goes into the parameter; an absent, `null` or empty cursor
    /// ends the stream, and a cursor already sent is an error (the server would loop).
    Cursor {
        /// The parameter (index into [`Operation::params`], an optional string).
        param: usize,
        /// The page's field with the next cursor (a string).
        next: FieldPath,
    },
    /// An item offset: it moves on by the number of items received (or by the page size when the
    /// items are not known); the stream ends on an empty page or when it reaches `total`.
    Offset {
        /// The parameter (an optional integer).
        param: usize,
        /// Where the first request starts when the caller sets no offset (the spec default, else 0).
        start: i64,
        /// The page-size parameter (Fern's `step`), if any.
        step: Option<usize>,
        /// The page's field with the total number of items, if any.
        total: Option<FieldPath>,
    },
    /// A page number: it moves on by one; the stream ends on an empty page, at the page's `pages`, or
    /// once `page × size` reaches `total`.
    PageNumber {
        /// The parameter (an optional integer).
        param: usize,
        /// The number of the first page when the caller sets none (the spec default, else 1).
        start: i64,
        /// The page's field with the number of pages, if any.
        pages: Option<FieldPath>,
        /// The page's fields with the total number of items and the page size, if both exist.
        total_and_size: Option<(FieldPath, FieldPath)>,
    },
}

/// Where a page holds its items.
#[derive(Clone, Debug, PartialEq)]
pub struct PageItems {
    /// The field: a list, or a map of lists.
    pub field: FieldPath,
    /// The type of one item.
    pub item: TypeRef,
    /// The field is a map of lists (the `groups` of grouped timeseries, by provider): the items are
    /// every list's, in key order.
    pub grouped: bool,
}

/// Query parameters whose name suggests paging.
const PAGING_PARAMS: &[&str] = &["cursor", "next_cursor", "offset", "page", "page_token", "starting_after"];

impl Builder<'_> {
    /// Decides [`Operation::pagination`] from the operation's `x-fern-pagination` (`declared`, read into
    /// its [`extras::OperationExtras`]), else by recognition. A declaration that does not fit is a
    /// warning at it, and the operation is not paged.
    pub(super) fn pagination(&mut self, op: &Operation, declared: Option<&Value>, at: &Pointer) -> Option<Pagination> {
        let Some(declared) = declared else {
            return if self.recognise_pagination { self.recognise(op, at) } else { None };
        };
        match self.declared(op, extras::pagination(declared)) {
            Ok(pagination) => pagination,
            Err(message) => {
                self.warn(
                    DiagnosticKind::Pagination,
                    at.push(extras::PAGINATION_EXTENSION),
                    format!("{message}; the operation is not paged"),
                );
                None
            }
        }
    }

    /// What a declaration says: no paging (`false`), the document's declaration (`true`), or its own.
    fn declared(
        &self,
        op: &Operation,
        declared: Result<DeclaredPagination, String>,
    ) -> Result<Option<Pagination>, String> {
        match declared? {
            DeclaredPagination::Off => Ok(None),
            DeclaredPagination::Declared(spec) => self.resolve_declared(op, &spec).map(Some),
            DeclaredPagination::Inherit => {
                match self.spec.extensions.get(extras::PAGINATION_EXTENSION).map(extras::pagination) {
                    Some(Ok(DeclaredPagination::Declared(spec))) => self.resolve_declared(op, &spec).map(Some),
                    _ => Err(String::from(
                        "`x-fern-pagination: true` refers to the document's `x-fern-pagination`, which is missing \
                         or not a pagination object",
                    )),
                }
            }
        }
    }

    /// The page struct: the success body every 2xx response shares, a struct.
    fn page_struct(&self, op: &Operation) -> Option<(TypeId, &[Field])> {
        let SuccessShape::Shared(ResponseBody::Json(TypeRef::Named(id))) = op.success_shape() else { return None };
        match &self.types[id.0].shape {
            Shape::Struct(fields) => Some((*id, fields)),
            _ => None,
        }
    }

    fn resolve_declared(&self, op: &Operation, spec: &PaginationSpec) -> Result<Pagination, String> {
        let (page, _) = self
            .page_struct(op)
            .ok_or("the operation's success responses do not share one object body, so there are no pages")?;
        let param = |name: &str, wanted: Wanted| -> Result<usize, String> {
            let found = op.params.iter().position(|p| p.location == ParamLocation::Query && p.wire_name == name);
            let index = found.ok_or_else(|| format!("`$request.{name}` is not a query parameter of the operation"))?;
            let param = &op.params[index];
            if param.required || param.sensitive || !wanted.accepts(&param.ty) {
                return Err(format!(
                    "`$request.{name}` must be an optional query parameter that is {} (and not a credential)",
                    wanted.noun()
                ));
            }
            Ok(index)
        };
        let field = |path: &[String], wanted: Wanted| -> Result<FieldPath, String> {
            let (fields, ty) = self.field_path(page, path)?;
            if !wanted.accepts(ty) {
                return Err(format!("`$response.{}` must be {}", path.join("."), wanted.noun()));
            }
            Ok(fields)
        };
        let items = match &spec.results {
            Some(path) => {
                let (fields, ty) = self.field_path(page, path)?;
                let items = page_items(fields, ty)
                    .ok_or_else(|| format!("`$response.{}` must be a list (or a map of lists)", path.join(".")))?;
                Some(items)
            }
            None => None,
        };
        let has_next = spec.has_next_page.as_deref().map(|path| field(path, Wanted::Boolean)).transpose()?;
        let style = match (&spec.cursor, &spec.next_cursor, &spec.offset) {
            (Some(cursor), Some(next), _) => {
                PageStyle::Cursor { param: param(cursor, Wanted::String)?, next: field(next, Wanted::String)? }
            }
            (_, _, Some(offset)) => {
                let index = param(offset, Wanted::Integer)?;
                match &spec.step {
                    Some(step) => PageStyle::Offset {
                        param: index,
                        start: start(&op.params[index], 0),
                        step: Some(param(step, Wanted::Integer)?),
                        total: None,
                    },
                    None => PageStyle::PageNumber {
                        param: index,
                        start: start(&op.params[index], 1),
                        pages: None,
                        total_and_size: None,
                    },
                }
            }
            _ => return Err(String::from("declares neither a cursor nor an offset")),
        };
        if let PageStyle::Offset { step, .. } = &style {
            if items.is_none() && step.and_then(|s| op.params[s].integer_default()).is_none() {
                return Err(String::from(
                    "an item offset moves by the items received (`results`) or by the page size (`step`, with a \
                     spec default); declare one",
                ));
            }
        }
        Ok(Pagination { origin: PaginationOrigin::Declared, page, style, items, has_next })
    }

    /// The fields a `$response.a.b` path names (wire names, through required structs), and the type at
    /// its end.
    fn field_path(&self, page: TypeId, path: &[String]) -> Result<(FieldPath, &TypeRef), String> {
        let shown = || format!("`$response.{}`", path.join("."));
        let mut id = page;
        let mut indexes = Vec::new();
        for (depth, name) in path.iter().enumerate() {
            let Shape::Struct(fields) = &self.types[id.0].shape else {
                return Err(format!("{} goes through something that is not an object", shown()));
            };
            let index = fields
                .iter()
                .position(|f| &f.wire_name == name)
                .ok_or_else(|| format!("{} names no property of `{}`", shown(), self.types[id.0].name))?;
            indexes.push(index);
            let field = &fields[index];
            if depth + 1 == path.len() {
                return Ok((indexes, &field.ty));
            }
            match &field.ty {
                TypeRef::Named(next) if field.required && !field.nullable => id = *next,
                _ => return Err(format!("{} goes through `{}`, which is not a required object", shown(), name)),
            }
        }
        Err(shown())
    }

    /// Recognises a paged operation by its names (see the module docs); an operation that looks paged
    /// but fits no style is a warning.
    fn recognise(&mut self, op: &Operation, at: &Pointer) -> Option<Pagination> {
        let query = |name: &str| {
            op.params.iter().position(|p| p.location == ParamLocation::Query && p.wire_name == name && !p.required)
        };
        let page = self.page_struct(op);
        let mut seen: Vec<String> = PAGING_PARAMS
            .iter()
            .filter(|name| query(name).is_some())
            .map(|name| format!("parameter `{name}`"))
            .collect();
        seen.extend(
            page.iter()
                .flat_map(|(_, fields)| fields.iter())
                .filter(|f| matches!(f.wire_name.as_str(), "next_cursor" | "next_page_token" | "pages" | "has_more"))
                .map(|f| format!("response field `{}`", f.wire_name)),
        );
        if seen.is_empty() {
            return None;
        }
        match self.recognise_style(op, page) {
            Ok(pagination) => Some(pagination),
            Err(why) => {
                self.warn(
                    DiagnosticKind::Pagination,
                    at,
                    format!(
                        "looks paged ({}) but is not: {why}; declare `x-fern-pagination` in an overlay to page it, \
                         or set it to `false` to say it does not page",
                        seen.join(", ")
                    ),
                );
                None
            }
        }
    }

    fn recognise_style(&self, op: &Operation, page: Option<(TypeId, &[Field])>) -> Result<Pagination, String> {
        let (page, fields) = page.ok_or("its success responses do not share one object body")?;
        let param = |name: &str, wanted: Wanted| {
            op.params.iter().position(|p| {
                p.location == ParamLocation::Query
                    && p.wire_name == name
                    && !p.required
                    && !p.sensitive
                    && wanted.accepts(&p.ty)
            })
        };
        let field = |name: &str, wanted: Wanted| {
            fields.iter().position(|f| f.wire_name == name && wanted.accepts(&f.ty) && !f.flatten).map(|i| vec![i])
        };
        let cursor = param("next_cursor", Wanted::String).or_else(|| param("cursor", Wanted::String));
        let next = field("next_cursor", Wanted::String).or_else(|| field("next", Wanted::String));
        let mut used: Vec<usize> = Vec::new();
        let style = if let (Some(param), Some(next)) = (cursor, next) {
            // The deprecated twin (`next`) is not an item list either.
            used.extend(field("next", Wanted::String).into_iter().flatten());
            used.extend(&next);
            PageStyle::Cursor { param, next }
        } else if let Some(index) = param("offset", Wanted::Integer) {
            let total = field("total", Wanted::Integer);
            used.extend(total.iter().flatten());
            used.extend(["offset", "limit"].iter().filter_map(|n| field(n, Wanted::Integer)).flatten());
            let step = param("limit", Wanted::Integer);
            PageStyle::Offset { param: index, start: start(&op.params[index], 0), step, total }
        } else if let Some(index) = param("page", Wanted::Integer) {
            let pages = field("pages", Wanted::Integer);
            let total_and_size = field("total", Wanted::Integer).zip(field("size", Wanted::Integer));
            used.extend(["pages", "total", "size", "page"].iter().filter_map(|n| field(n, Wanted::Integer)).flatten());
            PageStyle::PageNumber { param: index, start: start(&op.params[index], 1), pages, total_and_size }
        } else if let Some(cursor) = cursor {
            // A string field named like a cursor is most likely it: say how to declare that.
            let likely: Vec<&Field> = fields
                .iter()
                .filter(|f| Wanted::String.accepts(&f.ty))
                .filter(|f| ["next", "cursor", "token"].iter().any(|word| f.wire_name.contains(word)))
                .collect();
            let hint = match likely.as_slice() {
                [field] => format!(
                    " (if `{}` is its cursor, declare `x-fern-pagination: {{cursor: $request.{}, next_cursor: \
                     $response.{}}}`)",
                    field.wire_name, op.params[cursor].wire_name, field.wire_name
                ),
                _ => String::new(),
            };
            return Err(format!(
                "its cursor parameter has no `next_cursor` (or `next`) string field in `{}`{hint}",
                self.types[page.0].name
            ));
        } else {
            return Err(format!(
                "it has no optional `next_cursor`/`cursor` string, `offset` or `page` integer query parameter to move \
                 through `{}`",
                self.types[page.0].name
            ));
        };
        let lists: Vec<PageItems> = fields
            .iter()
            .enumerate()
            .filter(|(index, _)| !used.contains(index))
            .filter_map(|(index, f)| page_items(vec![index], &f.ty))
            .collect();
        // One list of items, or failing that one map of lists.
        let plain: Vec<&PageItems> = lists.iter().filter(|l| !l.grouped).collect();
        let items = match (plain.as_slice(), lists.as_slice()) {
            ([one], _) => Some((*one).clone()),
            ([], [one]) => Some(one.clone()),
            _ => None,
        };
        let step_default =
            |step: &Option<usize>| step.and_then(|s| op.params[s].default.as_ref()).and_then(Value::as_i64);
        let needs_items = match &style {
            PageStyle::Cursor { .. } => false,
            PageStyle::Offset { step, total, .. } => step_default(step).is_none() || total.is_none(),
            PageStyle::PageNumber { pages, total_and_size, .. } => pages.is_none() && total_and_size.is_none(),
        };
        if needs_items && items.is_none() {
            return Err(format!(
                "`{}` has no one list of items to tell an empty page by, and nothing else says where the pages end",
                self.types[page.0].name
            ));
        }
        Ok(Pagination { origin: PaginationOrigin::Recognised, page, style, items, has_next: None })
    }
}

/// The items of a page field: a list, or a map of lists.
fn page_items(field: FieldPath, ty: &TypeRef) -> Option<PageItems> {
    match ty {
        TypeRef::Array(item) => Some(PageItems { field, item: (**item).clone(), grouped: false }),
        TypeRef::Map(list) => match &**list {
            TypeRef::Array(item) => Some(PageItems { field, item: (**item).clone(), grouped: true }),
            _ => None,
        },
        _ => None,
    }
}

/// Where paging starts when the caller sets no position: the parameter's spec default, else `fallback`.
fn start(param: &Param, fallback: i64) -> i64 {
    param.integer_default().unwrap_or(fallback)
}

/// The type a pagination parameter or field must have.
#[derive(Clone, Copy)]
enum Wanted {
    String,
    Integer,
    Boolean,
}

impl Wanted {
    fn accepts(self, ty: &TypeRef) -> bool {
        matches!(
            (self, ty),
            (Wanted::String, TypeRef::String)
                | (Wanted::Integer, TypeRef::Integer { .. })
                | (Wanted::Boolean, TypeRef::Boolean)
        )
    }

    fn noun(self) -> &'static str {
        match self {
            Wanted::String => "a string",
            Wanted::Integer => "an integer",
            Wanted::Boolean => "a boolean",
        }
    }
}

impl Pagination {
    /// One line on how the operation pages, in the terms of the generated API (the method docs and the
    /// CLI's listing both say it this way).
    pub fn describe(&self, api: &Api, op: &Operation) -> String {
        let page = api.type_def(self.page);
        let field = |path: &FieldPath| field_names(api, self.page, path);
        let param = |index: usize| crate::naming::bare(&op.params[index].name).to_owned();
        let mut out = match &self.style {
            PageStyle::Cursor { param: p, next } => {
                format!("by cursor: each page's `{}` is sent as `{}`", field(next), param(*p))
            }
            PageStyle::Offset { param: p, step, total, .. } => {
                let mut text = format!("by item offset `{}`", param(*p));
                if let Some(step) = step {
                    text.push_str(&format!(" (page size `{}`)", param(*step)));
                }
                if let Some(total) = total {
                    text.push_str(&format!(", up to `{}`", field(total)));
                }
                text
            }
            PageStyle::PageNumber { param: p, pages, total_and_size, .. } => {
                let mut text = format!("by page number `{}`", param(*p));
                if let Some(pages) = pages {
                    text.push_str(&format!(", up to `{}`", field(pages)));
                } else if let Some((total, size)) = total_and_size {
                    text.push_str(&format!(", up to `{}` items of `{}` per page", field(total), field(size)));
                }
                text
            }
        };
        if let Some(has_next) = &self.has_next {
            out.push_str(&format!(", while `{}`", field(has_next)));
        }
        out.push_str(&format!("; pages are `{}`", page.name));
        match &self.items {
            Some(items) if items.grouped => {
                out.push_str(&format!(", items every list of the map `{}`", field(&items.field)))
            }
            Some(items) => out.push_str(&format!(", items `{}`", field(&items.field))),
            None => out.push_str(", no item list"),
        }
        out
    }
}

/// The Rust field names along a path (`a.b`).
fn field_names(api: &Api, page: TypeId, path: &FieldPath) -> String {
    let mut id = page;
    let mut names = Vec::new();
    for &index in path {
        let Shape::Struct(fields) = &api.type_def(id).shape else { break };
        let field = &fields[index];
        names.push(crate::naming::bare(&field.name).to_owned());
        if let TypeRef::Named(next) = field.ty {
            id = next;
        }
    }
    names.join(".")
}

/// The listing `junction-codegen pages` prints: a count by style and origin, then one line per paged
/// operation (`group.method`, how it pages), in client order.
pub fn listing(api: &Api) -> String {
    let mut lines = Vec::new();
    let (mut cursor, mut offset, mut number, mut declared) = (0, 0, 0, 0);
    for group in &api.groups {
        for op in &group.operations {
            let Some(pagination) = &op.pagination else { continue };
            match pagination.style {
                PageStyle::Cursor { .. } => cursor += 1,
                PageStyle::Offset { .. } => offset += 1,
                PageStyle::PageNumber { .. } => number += 1,
            }
            let origin = match pagination.origin {
                PaginationOrigin::Declared => {
                    declared += 1;
                    "declared"
                }
                PaginationOrigin::Recognised => "recognised",
            };
            let call = format!("{}.{}", group.name, crate::naming::bare(&op.method));
            lines.push(format!("{call} ({origin}): {}", pagination.describe(api, op)));
        }
    }
    let total = cursor + offset + number;
    let mut out = format!(
        "{total} of {} operations page: {cursor} by cursor, {offset} by item offset, {number} by page number \
         ({declared} declared, {} recognised)\n",
        api.operations().count(),
        total - declared
    );
    for line in lines {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::DiagnosticKind;
    use crate::ir::{Api, Operation, PageStyle, Pagination, PaginationOrigin, TypeRef};
    use crate::Diagnostic;

    /// The IR of `GET /things` with `params` (YAML flow list), answering `Page` (YAML, under `schemas:`);
    /// `extension` is put on the operation as is (`x-fern-pagination: …`), `document` at the root.
    fn api_with(
        params: &str,
        page: &str,
        extension: &str,
        document: &str,
        overlay: Option<&str>,
    ) -> (Api, Vec<Diagnostic>) {
        let spec = format!(
            "openapi: 3.1.0
info: {{title: T, version: '1'}}
{document}
paths:
  /things:
    get:
      operationId: list
      tags: [things]
      parameters: {params}
      {extension}
      responses:
        '200':
          description: ok
          content: {{application/json: {{schema: {{$ref: '#/components/schemas/Page'}}}}}}
components:
  schemas:
    Page:
{page}
    Thing: {{type: object, properties: {{id: {{type: string}}}}}}
"
        );
        let mut generator = crate::Generator::new();
        if let Some(overlay) = overlay {
            generator = generator.with_overlay(overlay);
        }
        generator.ir(&spec).unwrap()
    }

    fn paged(api: &Api) -> (&Operation, Option<&Pagination>) {
        let op = api.operations().next().unwrap();
        (op, op.pagination.as_ref())
    }

    fn param(name: &str, ty: &str) -> String {
        format!("{{name: {name}, in: query, schema: {{type: {ty}}}}}")
    }

    const CURSOR_PAGE: &str = "      type: object
      required: [data]
      properties:
        data: {type: array, items: {$ref: '#/components/schemas/Thing'}}
        next_cursor: {type: [string, 'null']}";

    #[test]
    fn a_cursor_parameter_and_field_are_recognised_with_the_one_list_as_items() {
        let params = format!("[{}, {}]", param("next_cursor", "string"), param("q", "string"));
        let (api, diagnostics) = api_with(&params, CURSOR_PAGE, "", "", None);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let (op, pagination) = paged(&api);
        let pagination = pagination.expect("recognised");
        assert_eq!(pagination.origin, PaginationOrigin::Recognised);
        assert_eq!(pagination.style, PageStyle::Cursor { param: 0, next: vec![1] });
        let items = pagination.items.as_ref().unwrap();
        assert_eq!((items.field.clone(), items.grouped), (vec![0], false));
        assert!(matches!(items.item, TypeRef::Named(_)));
        assert_eq!(
            pagination.describe(&api, op),
            "by cursor: each page's `next_cursor` is sent as `next_cursor`; pages are `Page`, items `data`"
        );
    }

    #[test]
    fn offsets_with_a_total_and_page_numbers_with_a_count_are_recognised() {
        let params = format!(
            "[{}, {{name: limit, in: query, schema: {{type: integer, default: 100}}}}]",
            param("offset", "integer")
        );
        let page = "      type: object
      required: [users, total]
      properties:
        users: {type: array, items: {$ref: '#/components/schemas/Thing'}}
        total: {type: integer}
        limit: {type: integer}";
        let (api, _) = api_with(&params, page, "", "", None);
        let pagination = paged(&api).1.unwrap();
        assert_eq!(pagination.style, PageStyle::Offset { param: 0, start: 0, step: Some(1), total: Some(vec![1]) });
        assert_eq!(pagination.items.as_ref().unwrap().field, vec![0]);

        let params =
            format!("[{{name: page, in: query, schema: {{type: integer, default: 1}}}}, {}]", param("size", "integer"));
        let page = "      type: object
      properties:
        groups: {type: object, additionalProperties: {type: array, items: {$ref: '#/components/schemas/Thing'}}}
        pages: {type: [integer, 'null']}";
        let (api, _) = api_with(&params, page, "", "", None);
        let pagination = paged(&api).1.unwrap();
        assert_eq!(
            pagination.style,
            PageStyle::PageNumber { param: 0, start: 1, pages: Some(vec![1]), total_and_size: None }
        );
        assert!(pagination.items.as_ref().unwrap().grouped, "a map of lists");
    }

    #[test]
    fn fern_declarations_decide_over_names_and_false_switches_paging_off() {
        // Names that recognition would not pick, declared in Fern's cursor form, results nested.
        let params = format!("[{}]", param("after", "string"));
        let page = "      type: object
      required: [meta, body]
      properties:
        meta: {type: object, required: [following], properties: {following: {type: [string, 'null']}}}
        body: {type: object, required: [rows], properties: {rows: {type: array, items: {$ref: '#/components/schemas/Thing'}}}}";
        let declared = "x-fern-pagination: {cursor: $request.after, next_cursor: $response.meta.following, results: $response.body.rows}";
        let (api, diagnostics) = api_with(&params, page, declared, "", None);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let pagination = paged(&api).1.unwrap();
        assert_eq!(pagination.origin, PaginationOrigin::Declared);
        assert_eq!(pagination.style, PageStyle::Cursor { param: 0, next: vec![0, 0] });
        assert_eq!(pagination.items.as_ref().unwrap().field, vec![1, 0]);

        // Fern's offset form: without `step` the offset is a page number, with it an item offset.
        let params = format!("[{}, {}]", param("p", "integer"), param("n", "integer"));
        let numbered = "x-fern-pagination: {offset: $request.p, results: $response.data}";
        let (api, _) = api_with(&params, CURSOR_PAGE, numbered, "", None);
        assert!(matches!(paged(&api).1.unwrap().style, PageStyle::PageNumber { param: 0, start: 1, .. }));
        let stepped = "x-fern-pagination: {offset: $request.p, step: $request.n, results: $response.data}";
        let (api, _) = api_with(&params, CURSOR_PAGE, stepped, "", None);
        assert!(matches!(paged(&api).1.unwrap().style, PageStyle::Offset { param: 0, step: Some(1), .. }));

        // `true` takes the document's declaration; `false` keeps a recognisable operation unpaged.
        let params = format!("[{}]", param("next_cursor", "string"));
        let document = "x-fern-pagination: {cursor: $request.next_cursor, next_cursor: $response.next_cursor}";
        let (api, _) = api_with(&params, CURSOR_PAGE, "x-fern-pagination: true", document, None);
        let pagination = paged(&api).1.unwrap();
        assert_eq!(pagination.origin, PaginationOrigin::Declared);
        assert!(pagination.items.is_none(), "the document's declaration names no results");
        let (api, diagnostics) = api_with(&params, CURSOR_PAGE, "x-fern-pagination: false", "", None);
        assert!(paged(&api).1.is_none());
        assert!(diagnostics.is_empty(), "switched off on purpose: {diagnostics:?}");
    }

    #[test]
    fn recognition_can_be_switched_off_for_the_whole_spec_while_declarations_still_count() {
        let params = format!("[{}]", param("next_cursor", "string"));
        let spec = |extension: &str| {
            format!(
                "openapi: 3.1.0\ninfo: {{title: T, version: '1'}}\npaths:\n  /things:\n    get:\n      operationId: list\n      \
                 parameters: {params}\n      {extension}\n      responses:\n        '200':\n          description: ok\n          \
                 content: {{application/json: {{schema: {{$ref: '#/components/schemas/Page'}}}}}}\ncomponents:\n  schemas:\n    \
                 Page:\n{CURSOR_PAGE}\n    Thing: {{type: object}}\n"
            )
        };
        let generator = crate::Generator::new().with_recognised_pagination(false);
        let (api, diagnostics) = generator.ir(&spec("")).unwrap();
        assert!(paged(&api).1.is_none());
        assert!(diagnostics.is_empty(), "not a doubt when recognition is off: {diagnostics:?}");
        let declared = "x-fern-pagination: {cursor: $request.next_cursor, next_cursor: $response.next_cursor}";
        let (api, _) = generator.ir(&spec(declared)).unwrap();
        assert_eq!(paged(&api).1.unwrap().origin, PaginationOrigin::Declared);
    }

    #[test]
    fn an_overlay_declares_corrects_or_switches_off_paging() {
        let params = format!("[{}, {}]", param("next_cursor", "string"), param("page", "integer"));
        let overlay = |update: &str| {
            format!(
                "overlay: 1.0.0\ninfo: {{title: t, version: '1'}}\nactions:\n  - target: $.paths['/things'].get\n    update:\n      x-fern-pagination: {update}\n"
            )
        };
        let (api, _) = api_with(&params, CURSOR_PAGE, "", "", None);
        assert!(matches!(paged(&api).1.unwrap().style, PageStyle::Cursor { .. }));
        let corrected = overlay("{offset: $request.page, results: $response.data}");
        let (api, diagnostics) = api_with(&params, CURSOR_PAGE, "", "", Some(&corrected));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let pagination = paged(&api).1.unwrap();
        assert_eq!(
            (pagination.origin, &pagination.style),
            (
                PaginationOrigin::Declared,
                &PageStyle::PageNumber { param: 1, start: 1, pages: None, total_and_size: None }
            )
        );
        let (api, _) = api_with(&params, CURSOR_PAGE, "", "", Some(&overlay("false")));
        assert!(paged(&api).1.is_none());
    }

    #[test]
    fn a_declaration_that_does_not_fit_and_an_operation_that_only_looks_paged_are_located_warnings() {
        let params = format!("[{}]", param("next_cursor", "string"));
        let wrong = "x-fern-pagination: {cursor: $request.next_cursor, next_cursor: $response.missing}";
        let (api, diagnostics) = api_with(&params, CURSOR_PAGE, wrong, "", None);
        assert!(paged(&api).1.is_none());
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(diagnostics[0].kind, DiagnosticKind::Pagination);
        assert_eq!(diagnostics[0].pointer, "#/paths/~1things/get/x-fern-pagination");
        assert!(
            diagnostics[0].message.contains("`$response.missing` names no property of `Page`"),
            "{}",
            diagnostics[0].message
        );

        let (_, diagnostics) =
            api_with(&params, CURSOR_PAGE, "x-fern-pagination: {next_uri: $response.next}", "", None);
        assert!(diagnostics[0].message.contains("not supported"), "{}", diagnostics[0].message);

        // A cursor parameter, but the page has no cursor to feed it.
        let page = "      type: object
      properties:
        data: {type: array, items: {$ref: '#/components/schemas/Thing'}}";
        let (api, diagnostics) = api_with(&params, page, "", "", None);
        assert!(paged(&api).1.is_none());
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(diagnostics[0].pointer, "#/paths/~1things/get");
        assert!(
            diagnostics[0].message.starts_with("looks paged (parameter `next_cursor`) but is not"),
            "{}",
            diagnostics[0].message
        );
        assert!(diagnostics[0].message.contains("x-fern-pagination"));
    }
}
