//! Paging: a paged operation's request builder implements [`Paginated`] (a few generated lines: how to
//! send one page, how a page moves the position on, where its items are), and [`Pages`] and [`Items`]
//! turn it into a `futures` [`Stream`] of typed pages or items. One generic path serves every paged
//! operation.
//!
//! Each page is sent from a clone of the builder as the caller left it (parameters, request options and
//! retries included), with only the position moved on. The stream ends when the position says so (an
//! absent, `null` or empty cursor; an empty page; `page >= pages`; `offset >= total`; a `false`
//! has-next-page flag). It ends with [`Error::Pagination`] instead of looping when the server sends a
//! cursor it already sent, or when the caller's [`Pages::max_pages`] is reached with pages left. The
//! first error of any page is yielded and ends the stream.

use super::error::Error;
use super::request::{BoxFuture, Response};
use futures_core::Stream;
use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// What fetching one page gives: the typed page with its status and headers, or the call's error.
pub type PageResult<P, E> = Result<Response<P>, Error<E>>;

/// Fetching one page.
pub type PageFuture<'a, P, E> = BoxFuture<'a, PageResult<P, E>>;

/// A request builder that can fetch a sequence of pages; implemented by generated code.
///
/// The trait has no lifetime of its own (the builder's borrow of the client is in `Future`), so that a
/// stream of pages stays `Send` for `tokio::spawn`: a lifetime-generic trait there trips the compiler's
/// "implementation is not general enough" check.
pub trait Paginated: Clone + Send + Sized + Unpin {
    /// The page: the operation's success body.
    type Page: Send;
    /// The operation's declared error bodies.
    type Error: Send;
    /// Fetching one page ([`PageFuture`] in generated code).
    type Future: Future<Output = PageResult<Self::Page, Self::Error>> + Send + Unpin;

    /// Sends this request for one page.
    #[doc(hidden)]
    fn send_page(self) -> Self::Future;

    /// Moves this request on to the page after `page` (the page it fetched), or says there is none.
    #[doc(hidden)]
    fn advance(&mut self, page: &Self::Page) -> Advance;
}

/// A paged request whose pages hold a list of items; implemented by generated code.
pub trait PaginatedItems: Paginated {
    /// One item.
    type Item: Send;

    /// The items of a page, in order.
    #[doc(hidden)]
    fn items(page: Self::Page) -> Vec<Self::Item>;
}

/// What a page says about the next one: the result of [`Paginated::advance`], built with the functions
/// below, which hold each style's termination rules.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub enum Advance {
    /// There is a next page, at this cursor (remembered to detect a server that loops).
    Cursor(String),
    /// There is a next page, at the position now set in the request.
    Next,
    /// That was the last page.
    End,
    /// The server sent the cursor it was just sent: following it would fetch the same page forever.
    RepeatedCursor,
}

impl Advance {
    /// Cursor paging: `next` (the page's cursor) goes into `slot` (the request's cursor parameter). An
    /// absent or empty cursor ends the stream; the cursor just sent is [`Advance::RepeatedCursor`].
    pub fn cursor(slot: &mut Option<String>, next: Option<&str>) -> Advance {
        match next {
            None | Some("") => Advance::End,
            Some(next) if slot.as_deref() == Some(next) => Advance::RepeatedCursor,
            Some(next) => {
                *slot = Some(next.to_owned());
                Advance::Cursor(next.to_owned())
            }
        }
    }

    /// Item-offset paging: the offset in `slot` (`start` when unset) moves on by `received` items (or by
    /// `step`, the page size, when the page's items are not known: `received` is `None`). An empty page
    /// ends the stream, and so does an offset that reaches `total`.
    pub fn offset<N>(
        slot: &mut Option<N>,
        start: i64,
        received: Option<usize>,
        step: i64,
        total: Option<i64>,
    ) -> Advance
    where
        N: Copy + Into<i64> + TryFrom<i64>,
    {
        let moved = match received {
            Some(0) => return Advance::End,
            Some(received) => i64::try_from(received).unwrap_or(i64::MAX),
            None if step > 0 => step,
            None => return Advance::End,
        };
        let next = slot.map_or(start, Into::into).saturating_add(moved);
        if total.is_some_and(|total| next >= total) {
            return Advance::End;
        }
        Advance::set(slot, next)
    }

    /// Page-number paging: the page in `slot` (`start` when unset) moves on by one. An empty page ends
    /// the stream, and so do `page >= pages` and `page × size >= total` (`total_and_size`); page numbers
    /// are one-based unless `start` is 0.
    pub fn page_number<N>(
        slot: &mut Option<N>,
        start: i64,
        received: Option<usize>,
        pages: Option<i64>,
        total_and_size: Option<(i64, i64)>,
    ) -> Advance
    where
        N: Copy + Into<i64> + TryFrom<i64>,
    {
        if received == Some(0) {
            return Advance::End;
        }
        let current = slot.map_or(start, Into::into);
        // How many pages the current one makes: numbers are one-based unless the first page is 0.
        let pages_done = if start <= 0 { current.saturating_add(1) } else { current };
        if pages.is_some_and(|pages| pages_done >= pages) {
            return Advance::End;
        }
        if let Some((total, size)) = total_and_size {
            if size <= 0 || pages_done.saturating_mul(size) >= total {
                return Advance::End;
            }
        }
        Advance::set(slot, current.saturating_add(1))
    }

    /// `Advance::End` when a has-next-page flag is `false`, else `then`.
    pub fn while_more(has_next: Option<bool>, then: impl FnOnce() -> Advance) -> Advance {
        if has_next == Some(false) {
            Advance::End
        } else {
            then()
        }
    }

    fn set<N: TryFrom<i64>>(slot: &mut Option<N>, next: i64) -> Advance {
        match N::try_from(next) {
            Ok(next) => {
                *slot = Some(next);
                Advance::Next
            }
            // The position no longer fits the parameter's type: nothing past it can be asked for.
            Err(_) => Advance::End,
        }
    }
}

/// Why a stream of pages stopped with an error rather than ending.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PaginationError {
    /// The server sent a cursor it had already sent: following it would loop.
    RepeatedCursor {
        /// How many pages had been fetched.
        pages: usize,
    },
    /// The caller's [`Pages::max_pages`] was reached and the server says there are more pages.
    PageLimit {
        /// The limit.
        limit: usize,
    },
}

impl fmt::Display for PaginationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The cursor itself is not shown: it is the server's, and may encode what it pages through.
        match self {
            PaginationError::RepeatedCursor { pages } => {
                write!(
                    f,
                    "after {pages} page(s) the server sent a cursor it had already sent; stopped instead of looping"
                )
            }
            PaginationError::PageLimit { limit } => {
                write!(f, "the limit of {limit} page(s) was reached with more pages left")
            }
        }
    }
}

impl std::error::Error for PaginationError {}

/// The pages of a paged request, as a [`Stream`] of `Result<Response<Page>, Error<E>>`: each page with
/// its status and headers. Get one with the builder's `.pages()`; stop early by dropping it.
#[must_use = "a stream does nothing until it is polled"]
pub struct Pages<R: Paginated> {
    /// The request for the next page; `None` once the stream has ended.
    next: Option<R>,
    in_flight: Option<R::Future>,
    /// What ends the stream after the page just yielded.
    failure: Option<PaginationError>,
    cursors: HashSet<String>,
    fetched: usize,
    max_pages: Option<usize>,
}

impl<R: Paginated> Pages<R> {
    /// The pages of `request`, starting where it stands (set its cursor, offset or page parameter to
    /// resume).
    pub fn new(request: R) -> Self {
        Self {
            next: Some(request),
            in_flight: None,
            failure: None,
            cursors: HashSet::new(),
            fetched: 0,
            max_pages: None,
        }
    }

    /// Fetches at most `limit` pages: if the server says there are more, the stream ends with
    /// [`Error::Pagination`] (`PageLimit`) instead of fetching them. To stop quietly, use
    /// `StreamExt::take` instead.
    pub fn max_pages(mut self, limit: usize) -> Self {
        self.max_pages = Some(limit);
        self
    }

    /// How many pages have been fetched so far.
    pub fn fetched(&self) -> usize {
        self.fetched
    }

    /// The stream of the items of every page, in order.
    pub fn items(self) -> Items<R>
    where
        R: PaginatedItems,
    {
        Items { pages: self, buffered: VecDeque::new() }
    }

    fn after(&mut self, page: &R::Page) {
        let Some(request) = &mut self.next else { return };
        match request.advance(page) {
            Advance::Next => {}
            Advance::Cursor(cursor) => {
                if !self.cursors.insert(cursor) {
                    self.failure = Some(PaginationError::RepeatedCursor { pages: self.fetched });
                }
            }
            Advance::End => self.next = None,
            Advance::RepeatedCursor => self.failure = Some(PaginationError::RepeatedCursor { pages: self.fetched }),
        }
    }
}

impl<R: Paginated> Stream for Pages<R> {
    type Item = PageResult<R::Page, R::Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        // `Pages` holds no self-references: the future is boxed, the request is moved in and out.
        let this = self.get_mut();
        if let Some(failure) = this.failure.take() {
            this.next = None;
            return Poll::Ready(Some(Err(Error::Pagination(failure))));
        }
        if this.in_flight.is_none() {
            let Some(request) = &this.next else { return Poll::Ready(None) };
            if this.max_pages.is_some_and(|limit| this.fetched >= limit) {
                let limit = this.fetched;
                this.next = None;
                return Poll::Ready(Some(Err(Error::Pagination(PaginationError::PageLimit { limit }))));
            }
            this.in_flight = Some(request.clone().send_page());
        }
        let Some(in_flight) = &mut this.in_flight else { return Poll::Ready(None) };
        let result = match Pin::new(in_flight).poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(result) => result,
        };
        this.in_flight = None;
        this.fetched += 1;
        match &result {
            Ok(response) => this.after(response.body()),
            Err(_) => this.next = None,
        }
        Poll::Ready(Some(result))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match (&self.next, &self.failure) {
            (None, None) if self.in_flight.is_none() => (0, Some(0)),
            _ => (0, None),
        }
    }
}

impl<R: Paginated> fmt::Debug for Pages<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("fetched", &self.fetched)
            .field("ended", &self.next.is_none())
            .field("max_pages", &self.max_pages)
            .finish_non_exhaustive()
    }
}

/// The items of every page of a paged request, as a [`Stream`] of `Result<Item, Error<E>>`. Get one
/// with the builder's `.items()` (or [`Pages::items`]).
#[must_use = "a stream does nothing until it is polled"]
pub struct Items<R: PaginatedItems> {
    pages: Pages<R>,
    buffered: VecDeque<R::Item>,
}

// Nothing in `Items` is pinned in place: the page future is boxed, and the buffered items are only
// moved out by value.
impl<R: PaginatedItems> Unpin for Items<R> {}

impl<R: PaginatedItems> Items<R> {
    /// How many pages have been fetched so far.
    pub fn fetched(&self) -> usize {
        self.pages.fetched
    }
}

impl<R: PaginatedItems> Stream for Items<R> {
    type Item = Result<R::Item, Error<R::Error>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffered.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Some(Err(error))),
                Poll::Ready(Some(Ok(page))) => this.buffered.extend(R::items(page.into_body())),
            }
        }
    }
}

impl<R: PaginatedItems> fmt::Debug for Items<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items").field("pages", &self.pages).field("buffered", &self.buffered.len()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::Advance;

    #[test]
    fn a_cursor_ends_when_absent_or_empty_and_the_cursor_just_sent_is_a_loop() {
        let mut slot = None;
        assert_eq!(Advance::cursor(&mut slot, Some("a")), Advance::Cursor(String::from("a")));
        assert_eq!(slot.as_deref(), Some("a"));
        assert_eq!(Advance::cursor(&mut slot, Some("a")), Advance::RepeatedCursor);
        assert_eq!(Advance::cursor(&mut slot, Some("")), Advance::End);
        assert_eq!(Advance::cursor(&mut slot, None), Advance::End);
    }

    #[test]
    fn an_offset_moves_by_the_items_received_and_stops_at_the_total_or_an_empty_page() {
        let mut slot: Option<i32> = None;
        assert_eq!(Advance::offset(&mut slot, 0, Some(2), 100, Some(5)), Advance::Next);
        assert_eq!(slot, Some(2));
        assert_eq!(Advance::offset(&mut slot, 0, Some(2), 100, Some(5)), Advance::Next);
        assert_eq!(Advance::offset(&mut slot, 0, Some(1), 100, Some(5)), Advance::End, "offset 5 reaches the total");
        assert_eq!(Advance::offset(&mut slot, 0, Some(0), 100, None), Advance::End, "an empty page");
        // Without known items it moves by the page size.
        let mut slot: Option<i64> = Some(10);
        assert_eq!(Advance::offset(&mut slot, 0, None, 50, None), Advance::Next);
        assert_eq!(slot, Some(60));
        // A position past the parameter's type ends the stream rather than wrapping.
        let mut slot: Option<i32> = Some(i32::MAX - 1);
        assert_eq!(Advance::offset(&mut slot, 0, Some(5), 0, None), Advance::End);
    }

    #[test]
    fn page_numbers_stop_at_pages_at_the_total_or_at_an_empty_page() {
        let mut slot: Option<i64> = None;
        assert_eq!(Advance::page_number(&mut slot, 1, Some(2), Some(3), None), Advance::Next);
        assert_eq!(slot, Some(2));
        assert_eq!(Advance::page_number(&mut slot, 1, Some(2), Some(3), None), Advance::Next);
        assert_eq!(Advance::page_number(&mut slot, 1, Some(2), Some(3), None), Advance::End, "page 3 of 3");
        let mut slot: Option<i64> = None;
        assert_eq!(Advance::page_number(&mut slot, 1, Some(50), None, Some((120, 50))), Advance::Next);
        assert_eq!(Advance::page_number(&mut slot, 1, Some(50), None, Some((120, 50))), Advance::Next);
        assert_eq!(Advance::page_number(&mut slot, 1, Some(20), None, Some((120, 50))), Advance::End, "150 >= 120");
        // Zero-based numbers: page 0 of 1 is the last.
        let mut slot: Option<i64> = None;
        assert_eq!(Advance::page_number(&mut slot, 0, Some(1), Some(1), None), Advance::End);
        assert_eq!(Advance::page_number(&mut slot, 0, Some(0), None, None), Advance::End, "an empty page");
    }

    #[test]
    fn a_false_has_next_page_flag_ends_whatever_the_position_says() {
        assert_eq!(Advance::while_more(Some(false), || Advance::Next), Advance::End);
        assert_eq!(Advance::while_more(Some(true), || Advance::Next), Advance::Next);
        assert_eq!(Advance::while_more(None, || Advance::Next), Advance::Next);
    }
}
