//! Reading a file upload (`multipart/form-data`) under the editor's own limits, so an oversize file is
//! answered with a Swedish page that names the field — never axum's bare 413. The routes that take a
//! file switch axum's body limit off ([`axum::extract::DefaultBodyLimit::disable`]) and read through
//! here: the file is kept up to its limit, the rest of the body is read and dropped (a browser shows an
//! answer only once it has sent its request) up to [`DRAIN`], and text fields are kept up to 64 KB.

use std::collections::HashMap;

use axum::extract::Multipart;
use axum::extract::multipart::{Field, MultipartRejection};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;

use super::auth::Signed;
use super::page::{self, Frame};

/// How much of a request is read at most; a larger one is cut off and refused.
pub const DRAIN: usize = 256 * 1024 * 1024;

/// The longest text field kept.
const TEXT: usize = 64 * 1024;

/// A posted form with one file.
#[derive(Debug, Default)]
pub struct Upload {
    /// The text fields (the first value of each name).
    pub fields: HashMap<String, String>,
    /// The file's name as the browser gave it (empty when no file was chosen).
    pub file_name: String,
    /// The file's bytes, empty when it was larger than the limit.
    pub bytes: Vec<u8>,
    /// The file was larger than the limit.
    pub too_big: bool,
}

impl Upload {
    /// A text field, trimmed ("" when absent).
    pub fn field(&self, name: &str) -> &str {
        self.fields.get(name).map_or("", |v| v.trim())
    }

    /// Whether a file was sent.
    pub fn has_file(&self) -> bool {
        self.too_big || !self.bytes.is_empty()
    }
}

/// Why a form could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// Larger than [`DRAIN`] altogether.
    TooLarge,
    /// Not a multipart form, or broken off.
    Broken,
}

/// Reads `form`, keeping the file field `file` up to `limit` bytes.
pub async fn read(
    headers: &HeaderMap,
    form: Result<Multipart, MultipartRejection>,
    file: &str,
    limit: usize,
) -> Result<Upload, Unreadable> {
    let announced = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if announced.is_some_and(|n| n > DRAIN) {
        return Err(Unreadable::TooLarge);
    }
    let mut form = form.map_err(|_| Unreadable::Broken)?;
    let mut upload = Upload::default();
    let mut read = 0usize;
    while let Some(field) = form.next_field().await.map_err(|_| Unreadable::Broken)? {
        let name = field.name().unwrap_or_default().to_string();
        if name == file && upload.file_name.is_empty() && !upload.has_file() {
            upload.file_name = field.file_name().unwrap_or_default().to_string();
            let (bytes, size) = collect(field, limit, &mut read).await?;
            upload.too_big = size > limit;
            upload.bytes = bytes;
        } else {
            let (bytes, size) = collect(field, TEXT, &mut read).await?;
            if size <= TEXT {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                upload.fields.entry(name).or_insert(text);
            }
        }
    }
    Ok(upload)
}

/// A field's bytes while they fit in `limit` (empty after), and its whole size; `read` counts the
/// request's bytes so far.
async fn collect(
    mut field: Field<'_>,
    limit: usize,
    read: &mut usize,
) -> Result<(Vec<u8>, usize), Unreadable> {
    let mut bytes = Vec::new();
    let mut size = 0usize;
    while let Some(chunk) = field.chunk().await.map_err(|_| Unreadable::Broken)? {
        size += chunk.len();
        *read += chunk.len();
        if *read > DRAIN {
            return Err(Unreadable::TooLarge);
        }
        if size <= limit {
            bytes.extend_from_slice(&chunk);
        } else if !bytes.is_empty() {
            bytes = Vec::new();
        }
    }
    Ok((bytes, size))
}

/// The page for a form that could not be read at all; `field` names the file field, `limit` its size.
pub fn unreadable(signed: &Signed, why: &Unreadable, field: &str, limit: usize) -> Response {
    let (status, text) = match why {
        Unreadable::TooLarge => (
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "{field}: filen är för stor; högst {} MB går att ladda upp. Inget sparades.",
                limit / (1024 * 1024)
            ),
        ),
        Unreadable::Broken => (
            StatusCode::BAD_REQUEST,
            "Formuläret kom inte fram helt. Inget sparades; försök igen.".to_string(),
        ),
    };
    page::message(status, Frame::of(signed), "Uppladdningen misslyckades", &text)
}
