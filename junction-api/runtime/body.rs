//! Request and response bodies that are not JSON: `multipart/form-data` uploads and streamed downloads.

use super::error::Error;
use super::transport::{Body, TransportError};
use bytes::Bytes;
use futures_core::Stream;
use http::header::HeaderMap;
use std::fmt;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};

/// A `multipart/form-data` body, encoded in memory (so that it can be sent again on a retry).
#[derive(Clone)]
pub struct Multipart {
    boundary: String,
    body: Vec<u8>,
}

impl Default for Multipart {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for Multipart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Multipart").field("boundary", &self.boundary).field("bytes", &self.body.len()).finish()
    }
}

impl Multipart {
    /// An empty form with a fresh boundary.
    pub fn new() -> Self {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64);
        let boundary = format!("junction-{nanos:016x}-{:08x}", COUNTER.fetch_add(1, Ordering::Relaxed));
        Self { boundary, body: Vec::new() }
    }

    /// The `Content-Type` header value, boundary included.
    pub fn content_type(&self) -> String {
        format!("multipart/form-data; boundary={}", self.boundary)
    }

    fn part_head(&mut self, name: &str, file_name: Option<&str>, content_type: Option<&str>) {
        // Quotes and line breaks cannot appear inside the quoted names.
        let clean = |s: &str| s.replace(['"', '\r', '\n'], "_");
        self.body.extend_from_slice(format!("--{}\r\n", self.boundary).as_bytes());
        let mut disposition = format!("Content-Disposition: form-data; name=\"{}\"", clean(name));
        if let Some(file_name) = file_name {
            disposition.push_str(&format!("; filename=\"{}\"", clean(file_name)));
        }
        self.body.extend_from_slice(disposition.as_bytes());
        self.body.extend_from_slice(b"\r\n");
        if let Some(content_type) = content_type {
            self.body.extend_from_slice(format!("Content-Type: {content_type}\r\n").as_bytes());
        }
        self.body.extend_from_slice(b"\r\n");
    }

    /// Adds a text field.
    pub fn text(&mut self, name: &str, value: &dyn fmt::Display) {
        self.part_head(name, None, None);
        self.body.extend_from_slice(value.to_string().as_bytes());
        self.body.extend_from_slice(b"\r\n");
    }

    /// Adds a field holding JSON text.
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        let text = serde_json::to_string(value).unwrap_or_else(|_| String::from("null"));
        self.part_head(name, None, Some("application/json"));
        self.body.extend_from_slice(text.as_bytes());
        self.body.extend_from_slice(b"\r\n");
    }

    /// Adds a file. Its content type is recognised from its first bytes (PDF, PNG, JPEG), else
    /// `application/octet-stream`; the file name is the field name.
    pub fn file(&mut self, name: &str, content: &Bytes) {
        let content_type = sniff_content_type(content);
        let extension = match content_type {
            "application/pdf" => ".pdf",
            "image/png" => ".png",
            "image/jpeg" => ".jpg",
            _ => "",
        };
        self.part_head(name, Some(&format!("{name}{extension}")), Some(content_type));
        self.body.extend_from_slice(content);
        self.body.extend_from_slice(b"\r\n");
    }

    /// The encoded body, closing boundary included.
    pub fn finish(mut self) -> (String, Vec<u8>) {
        self.body.extend_from_slice(format!("--{}--\r\n", self.boundary).as_bytes());
        (self.content_type(), self.body)
    }
}

fn sniff_content_type(content: &[u8]) -> &'static str {
    if content.starts_with(b"%PDF-") {
        "application/pdf"
    } else if content.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if content.starts_with(b"\xFF\xD8\xFF") {
        "image/jpeg"
    } else {
        "application/octet-stream"
    }
}

/// A response body handed over unread (PDFs, parquet files): read it chunk by chunk ([`ByteStream::chunk`],
/// or as a [`futures_core::Stream`] of chunks, which is what `tokio_util::io::StreamReader` and friends
/// take), or all at once ([`ByteStream::bytes`]). Nothing but the chunk being read is held in memory,
/// whatever transport the client sends through.
pub struct ByteStream {
    headers: HeaderMap,
    body: Option<Body>,
}

impl fmt::Debug for ByteStream {
    // The body is health data: never printed, like every response body.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteStream").field("headers", &self.headers).finish_non_exhaustive()
    }
}

impl ByteStream {
    pub(crate) fn new(headers: HeaderMap, body: Body) -> Self {
        Self { headers, body: Some(body) }
    }

    /// The response headers (for example `Content-Type` and `Content-Length`).
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The next chunk of the body, or `None` at its end.
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, Error> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await.transpose()
    }

    /// Reads the rest of the body into memory.
    pub async fn bytes(mut self) -> Result<Bytes, Error> {
        let mut all = Vec::new();
        while let Some(chunk) = self.chunk().await? {
            all.extend_from_slice(&chunk);
        }
        Ok(Bytes::from(all))
    }
}

/// The body's chunks, in order; an error ends the stream.
impl Stream for ByteStream {
    type Item = Result<Bytes, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let Some(body) = &mut self.body else {
            return Poll::Ready(None);
        };
        match std::task::ready!(body.poll_chunk(cx)) {
            Some(Ok(chunk)) => Poll::Ready(Some(Ok(chunk))),
            None => {
                self.body = None;
                Poll::Ready(None)
            }
            Some(Err(error)) => {
                self.body = None;
                let source = TransportError::from_boxed(error);
                Poll::Ready(Some(Err(Error::Transport { source, attempts: 1 })))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multipart_bodies_frame_each_part_and_close_the_boundary() {
        let mut form = Multipart::new();
        form.text("user_id", &"u1");
        form.file("file", &Bytes::from_static(b"%PDF-1.7 body"));
        let boundary = form.boundary.clone();
        let (content_type, body) = form.finish();
        assert_eq!(content_type, format!("multipart/form-data; boundary={boundary}"));
        let body = String::from_utf8(body).unwrap();
        let expected = format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"user_id\"\r\n\r\nu1\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file.pdf\"\r\n\
             Content-Type: application/pdf\r\n\r\n%PDF-1.7 body\r\n--{b}--\r\n",
            b = boundary
        );
        assert_eq!(body, expected);
    }
}
