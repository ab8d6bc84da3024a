//! Bytes → text: encoding detection and decoding, and the line index that reporters and the
//! language server turn byte offsets into positions with.
//!
//! Option exports come from several tools: GAX writes UTF-8, Notepad re-saves as UTF-16 with a
//! byte-order mark, and Configuration Manager on Windows writes the ANSI code page. gimlint
//! decodes all of them into one UTF-8 `String`; every span is a byte offset into that string.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};
use std::fmt;

/// How a file's bytes were turned into text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8WithBom,
    Utf16Le,
    Utf16Be,
    /// Not valid UTF-8: decoded as the Windows ANSI code page (finding OPT005).
    Windows1252,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8WithBom => "UTF-8 with BOM",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// The first byte that is not UTF-8, for files decoded as Windows-1252.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotUtf8 {
    /// Offset of the character that byte became, in the decoded text.
    pub offset: usize,
    pub byte: u8,
}

/// One decoded input file.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as the user gave it (joined with the walked part), or the stdin name.
    pub path: String,
    pub text: String,
    pub encoding: Encoding,
    pub not_utf8: Option<NotUtf8>,
    /// Built on first use (most files of a large run have no finding to place).
    line_index: std::sync::OnceLock<LineIndex>,
}

/// Why a file's bytes could not be turned into text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes outside UTF-16: an archive, a database file, or UTF-16 without a BOM.
    Binary { nul_at: usize },
    /// A UTF-16 byte-order mark followed by bytes that are not UTF-16.
    MalformedUtf16 { encoding: Encoding },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary { nul_at } => write!(
                f,
                "binary file (NUL byte at offset {nul_at}); if it is a UTF-16 export without a \
                 byte-order mark, save it again as UTF-8"
            ),
            DecodeError::MalformedUtf16 { encoding } => write!(
                f,
                "starts with a {} byte-order mark but is not valid {}",
                encoding.label(),
                encoding.label()
            ),
        }
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes `bytes` read from `path`, taking them as the text when they are UTF-8 without a
/// byte-order mark (most exports): no copy of the file is made then.
pub fn decode_owned(path: String, bytes: Vec<u8>) -> Result<SourceFile, DecodeError> {
    let marked = [b"\xFF\xFE".as_slice(), b"\xFE\xFF", UTF8_BOM]
        .iter()
        .any(|mark| bytes.starts_with(mark));
    if marked || memchr::memchr(0, &bytes).is_some() {
        return decode(path, &bytes);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile {
            path,
            text,
            encoding: Encoding::Utf8,
            not_utf8: None,
            line_index: std::sync::OnceLock::new(),
        }),
        Err(not_utf8) => decode(path, not_utf8.as_bytes()),
    }
}

/// Decodes `bytes` read from `path`.
pub fn decode(path: String, bytes: &[u8]) -> Result<SourceFile, DecodeError> {
    let file = |text: String, encoding, not_utf8| SourceFile {
        path: path.clone(),
        text,
        encoding,
        not_utf8,
        line_index: std::sync::OnceLock::new(),
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(rest, Encoding::Utf16Le)
            .map(|text| file(text, Encoding::Utf16Le, None));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, Encoding::Utf16Be)
            .map(|text| file(text, Encoding::Utf16Be, None));
    }
    if let Some(nul_at) = memchr::memchr(0, bytes) {
        return Err(DecodeError::Binary { nul_at });
    }
    let (body, encoding) = match bytes.strip_prefix(UTF8_BOM) {
        Some(rest) => (rest, Encoding::Utf8WithBom),
        None => (bytes, Encoding::Utf8),
    };
    match std::str::from_utf8(body) {
        Ok(text) => Ok(file(text.to_owned(), encoding, None)),
        Err(error) => {
            // Windows-1252 maps every byte to exactly one character, so the n-th byte of the
            // file is the n-th character of the decoded text.
            let invalid_at = error.valid_up_to();
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(body);
            let text = text.into_owned();
            let offset = text
                .char_indices()
                .nth(invalid_at)
                .map_or(text.len(), |(offset, _)| offset);
            let not_utf8 = NotUtf8 {
                offset,
                byte: body[invalid_at],
            };
            Ok(file(text, Encoding::Windows1252, Some(not_utf8)))
        }
    }
}

fn decode_utf16(bytes: &[u8], encoding: Encoding) -> Result<String, DecodeError> {
    let codec = if encoding == Encoding::Utf16Le {
        UTF_16LE
    } else {
        UTF_16BE
    };
    codec
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| text.into_owned())
        .ok_or(DecodeError::MalformedUtf16 { encoding })
}

impl SourceFile {
    /// The line index of `text`, built once and shared by every reporter of the run.
    pub fn line_index(&self) -> &LineIndex {
        self.line_index.get_or_init(|| LineIndex::new(&self.text))
    }

    /// 1-based line and column (in characters) of `offset` in `text`.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.line_index().line_col(&self.text, offset)
    }

    /// The offset in the file's bytes of `text_offset` in the decoded text: how fixes find
    /// the bytes to change without re-encoding the rest of the file.
    pub fn byte_offset(&self, text_offset: usize) -> usize {
        let prefix = &self.text[..text_offset];
        match self.encoding {
            Encoding::Utf8 => text_offset,
            Encoding::Utf8WithBom => UTF8_BOM.len() + text_offset,
            Encoding::Utf16Le | Encoding::Utf16Be => 2 + 2 * prefix.encode_utf16().count(),
            Encoding::Windows1252 => prefix.chars().count(),
        }
    }

    /// `text` in the file's own encoding, or `None` when that encoding cannot write it.
    pub fn encode(&self, text: &str) -> Option<Vec<u8>> {
        match self.encoding {
            Encoding::Utf8 | Encoding::Utf8WithBom => Some(text.as_bytes().to_vec()),
            Encoding::Utf16Le => Some(text.encode_utf16().flat_map(u16::to_le_bytes).collect()),
            Encoding::Utf16Be => Some(text.encode_utf16().flat_map(u16::to_be_bytes).collect()),
            Encoding::Windows1252 => {
                let (bytes, _, unmappable) = WINDOWS_1252.encode(text);
                (!unmappable).then(|| bytes.into_owned())
            }
        }
    }
}

/// The line ending most used in `text` (`\n` when there is none), for inserted lines.
pub fn dominant_line_ending(text: &str) -> &'static str {
    let bytes = text.as_bytes();
    let (mut crlf, mut cr, mut lf) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                crlf += 1;
                i += 1;
            }
            b'\r' => cr += 1,
            b'\n' => lf += 1,
            _ => {}
        }
        i += 1;
    }
    if crlf >= lf && crlf >= cr && crlf > 0 {
        "\r\n"
    } else if cr > lf {
        "\r"
    } else {
        "\n"
    }
}

/// Bytes between two checkpoints of a [`LineIndex`]: a column counts at most this many bytes
/// past the nearest one (16 bytes of checkpoint per this many bytes of text).
const CHECKPOINT: usize = 256;

/// Byte offset → line and column, and back: the one line index of a document, used by every
/// reporter and by the language server. `\r\n`, `\r` and `\n` each end a line. Columns count
/// characters (what reporters show) or UTF-16 units (what LSP counts). Each conversion costs
/// the same wherever the offset is, so many findings on one long line (an attached-data
/// specification written on one line) stay linear.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// The byte offset where each line starts.
    line_starts: Vec<usize>,
    len: usize,
    /// For text that is not all ASCII, what comes before every [`CHECKPOINT`]-th byte;
    /// `None` for ASCII text, whose columns are byte counts.
    checkpoints: Option<Vec<Counts>>,
}

/// How much text comes before a byte offset, in characters and in UTF-16 units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Counts {
    chars: usize,
    utf16: usize,
}

impl Counts {
    /// `self` plus what `bytes` hold: every byte that does not continue a character starts
    /// one, and a character of four bytes is two UTF-16 units.
    fn add(self, bytes: &[u8]) -> Counts {
        // A continuation byte is 0b10xx_xxxx: as a signed byte, below -64.
        let starts = count_bytes(bytes, |byte| byte as i8 >= -64);
        let four_byte_starts = count_bytes(bytes, |byte| byte >= 0xF0);
        Counts {
            chars: self.chars + starts,
            utf16: self.utf16 + starts + four_byte_starts,
        }
    }
}

/// How many of `bytes` are `wanted`. Summed in `u8`s, 255 bytes at a time, which the compiler
/// turns into vector code that adds 16 bytes at once: nine times faster than counting in
/// `usize`s byte by byte, which was a tenth of a language server's re-lint (the index is
/// built on every change, and each finding's position counts up to a checkpoint's worth of
/// bytes, twice).
fn count_bytes(bytes: &[u8], wanted: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(255)
        .map(|chunk| {
            let count = chunk.iter().fold(0u8, |count, &byte| {
                count.wrapping_add(u8::from(wanted(byte)))
            });
            usize::from(count)
        })
        .sum()
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        line_starts.extend(
            memchr::memchr2_iter(b'\n', b'\r', bytes)
                .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
                .map(|i| i + 1),
        );
        let checkpoints = (!text.is_ascii()).then(|| {
            let mut counts = Counts::default();
            let mut checkpoints = vec![counts];
            for chunk in bytes.chunks(CHECKPOINT) {
                counts = counts.add(chunk);
                checkpoints.push(counts);
            }
            checkpoints
        });
        LineIndex {
            line_starts,
            len: text.len(),
            checkpoints,
        }
    }

    /// How many lines the text has (an empty text, or one ending in a line ending, has an
    /// empty last line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 0-based line holding `offset` (the last line past the end).
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&start| start <= offset.min(self.len))
            - 1
    }

    /// Where the 0-based `line` starts; the end of the text past the last line.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line).copied().unwrap_or(self.len)
    }

    /// What comes before `offset`, a character boundary of `text`.
    fn counts_before(&self, text: &str, offset: usize) -> Counts {
        match &self.checkpoints {
            None => Counts {
                chars: offset,
                utf16: offset,
            },
            Some(checkpoints) => {
                let from = offset / CHECKPOINT * CHECKPOINT;
                checkpoints[offset / CHECKPOINT].add(&text.as_bytes()[from..offset])
            }
        }
    }

    /// The 0-based line of `offset` and what its line holds before it. An offset inside a
    /// character counts the whole character; one past the end is the end.
    fn locate(&self, text: &str, offset: usize) -> (usize, Counts) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset += 1;
        }
        let line = self.line_of(offset);
        let before = self.counts_before(text, offset);
        let line_start = self.counts_before(text, self.line_starts[line]);
        let column = Counts {
            chars: before.chars - line_start.chars,
            utf16: before.utf16 - line_start.utf16,
        };
        (line, column)
    }

    /// 1-based `(line, column)` of `offset` in `text` (the text this index was built from);
    /// the column counts characters.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let (line, column) = self.locate(text, offset);
        (line + 1, column.chars + 1)
    }

    /// 0-based `(line, column)` of `offset` in `text`, the column in UTF-16 units: a
    /// position of the Language Server Protocol.
    pub fn utf16_position(&self, text: &str, offset: usize) -> (usize, usize) {
        let (line, column) = self.locate(text, offset);
        (line, column.utf16)
    }

    /// The byte offset of the 0-based `line` and UTF-16 `column` in `text`, as LSP reads a
    /// position: a column past the end of its line is the end of the line (before its line
    /// ending), a line past the end the end of the text, and a column inside a surrogate
    /// pair the character after it.
    pub fn utf16_offset(&self, text: &str, line: usize, column: usize) -> usize {
        let Some(&line_start) = self.line_starts.get(line) else {
            return text.len();
        };
        let mut units = 0;
        for (index, c) in text[line_start..].char_indices() {
            if units >= column || c == '\n' || c == '\r' {
                return line_start + index;
            }
            units += c.len_utf16();
        }
        text.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_and_every_line_ending() {
        let text = "a\r\nb\rcé=x\nd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), (1, 1));
        assert_eq!(index.line_col(text, 3), (2, 1));
        assert_eq!(index.line_col(text, 5), (3, 1));
        // `=` comes after the two-byte `é`: byte 8, character column 3.
        assert_eq!(index.line_col(text, 8), (3, 3));
        assert_eq!(index.line_col(text, text.len()), (4, 2));
    }

    #[test]
    fn utf16_positions_count_units_and_round_trip() {
        let text = "[a]\r\nk=𝄞é=x\rz\n";
        let index = LineIndex::new(text);
        let eq = text.rfind('=').unwrap();
        let z = text.find('z').unwrap();
        // 𝄞 is two UTF-16 units.
        assert_eq!(index.utf16_position(text, eq), (1, 5));
        assert_eq!(index.utf16_position(text, z), (2, 0));
        assert_eq!(index.utf16_position(text, text.len()), (3, 0));
        assert_eq!(index.utf16_offset(text, 1, 5), eq);
        assert_eq!(index.utf16_offset(text, 2, 0), z);
        assert_eq!(index.utf16_offset(text, 1, 99), z - 1, "the end of line 1");
        assert_eq!(index.utf16_offset(text, 1, 3), eq - 2, "inside 𝄞: after it");
        assert_eq!(index.utf16_offset(text, 9, 0), text.len());
        // An offset inside a character is placed after it.
        let inside = text.find('é').unwrap() + 1;
        assert_eq!(index.utf16_position(text, inside), (1, 5));
    }

    /// Columns come from checkpoints plus the bytes after the nearest one: they must equal a
    /// count from the start of the line wherever the line and the offset fall.
    #[test]
    fn a_checkpoint_of_ascii_counts_every_byte() {
        // Counts are summed in bytes: a full checkpoint of one-byte characters must not
        // wrap around to zero.
        let text = "é".to_owned() + &"a".repeat(4 * CHECKPOINT) + "𝄞";
        let index = LineIndex::new(&text);
        let end = text.len();
        assert_eq!(index.line_col(&text, end), (1, 4 * CHECKPOINT + 3));
        assert_eq!(index.utf16_position(&text, end), (0, 4 * CHECKPOINT + 3));
    }

    #[test]
    fn columns_agree_with_counting_from_the_line_start() {
        let line = "αβ=𝄞x\r\n".repeat(40) + &"é".repeat(3 * CHECKPOINT) + "\r\n";
        let text = line.repeat(3);
        let index = LineIndex::new(&text);
        let mut line_start = 0;
        let mut line = 0;
        for (offset, c) in text.char_indices() {
            let before = &text[line_start..offset];
            assert_eq!(
                index.line_col(&text, offset),
                (line + 1, before.chars().count() + 1),
                "at {offset}"
            );
            assert_eq!(
                index.utf16_position(&text, offset),
                (line, before.encode_utf16().count())
            );
            if c == '\n' {
                line += 1;
                line_start = offset + 1;
            }
        }
        assert_eq!(index.line_count(), line + 1);
        assert_eq!(index.line_of(text.len()), line);
        assert_eq!(index.line_start(1), "αβ=𝄞x\r\n".len());
    }

    #[test]
    fn windows_1252_offset_points_at_the_decoded_character() {
        let decoded = decode("x".into(), b"[a]\nk=caf\xE9\n").unwrap();
        assert_eq!(decoded.encoding, Encoding::Windows1252);
        assert_eq!(decoded.text, "[a]\nk=café\n");
        assert_eq!(
            decoded.not_utf8,
            Some(NotUtf8 {
                offset: 9,
                byte: 0xE9
            })
        );
    }

    #[test]
    fn owned_bytes_decode_as_borrowed_ones_and_utf8_keeps_its_buffer() {
        let inputs: [&[u8]; 7] = [
            b"[s]\nk=v\n",
            b"\xEF\xBB\xBF[s]\nk=v\n",
            b"\xFF\xFE[\0s\0]\0",
            b"\xFE\xFF\0[\0s\0]",
            b"[s]\nk=caf\xE9\n",
            b"[s]\0",
            b"\xFF\xFE[",
        ];
        for bytes in inputs {
            let borrowed = decode("f.cfg".into(), bytes);
            let owned = decode_owned("f.cfg".into(), bytes.to_vec());
            match (borrowed, owned) {
                (Ok(b), Ok(o)) => {
                    assert_eq!(
                        (b.text, b.encoding, b.not_utf8),
                        (o.text, o.encoding, o.not_utf8)
                    );
                }
                (b, o) => assert_eq!(b.err(), o.err()),
            }
        }
        let bytes = b"[s]\nk=v\n".to_vec();
        let buffer = bytes.as_ptr();
        let source = decode_owned("f.cfg".into(), bytes).unwrap();
        assert_eq!(source.text.as_ptr(), buffer);
    }

    #[test]
    fn nul_bytes_without_utf16_bom_are_binary() {
        assert_eq!(
            decode("x".into(), b"a\0b").unwrap_err(),
            DecodeError::Binary { nul_at: 1 }
        );
    }

    #[test]
    fn utf16_with_bom_decodes() {
        let le = decode("x".into(), b"\xFF\xFE[\0a\0]\0").unwrap();
        assert_eq!((le.text.as_str(), le.encoding), ("[a]", Encoding::Utf16Le));
        let be = decode("x".into(), b"\xFE\xFF\0[\0a\0]").unwrap();
        assert_eq!((be.text.as_str(), be.encoding), ("[a]", Encoding::Utf16Be));
        assert!(decode("x".into(), b"\xFF\xFE[").is_err());
    }

    #[test]
    fn byte_offsets_and_encoding_round_trip_in_every_encoding() {
        let cases: [(&[u8], Encoding); 5] = [
            (b"k=caf\xC3\xA9=x", Encoding::Utf8),
            (b"\xEF\xBB\xBFk=caf\xC3\xA9=x", Encoding::Utf8WithBom),
            (b"\xFF\xFEk\0=\0c\0a\0f\0\xE9\0=\0x\0", Encoding::Utf16Le),
            (b"\xFE\xFF\0k\0=\0c\0a\0f\0\xE9\0=\0x", Encoding::Utf16Be),
            (b"k=caf\xE9=x\x80", Encoding::Windows1252),
        ];
        for (bytes, encoding) in cases {
            let file = decode("x".into(), bytes).unwrap();
            assert_eq!(file.encoding, encoding);
            // The `=` after `café` is at the same place in the bytes as in the text.
            let eq = file.text.rfind('=').unwrap();
            let at = file.byte_offset(eq);
            assert_eq!(
                &bytes[at..at + file.encode("=").unwrap().len()],
                file.encode("=").unwrap().as_slice()
            );
            let body_start = file.byte_offset(0);
            assert_eq!(
                file.encode(&file.text).unwrap(),
                &bytes[body_start..],
                "{encoding:?}"
            );
        }
        let file = decode("x".into(), b"k=\xE9").unwrap();
        assert_eq!(
            file.encode("\u{4e2d}"),
            None,
            "Windows-1252 cannot write every character"
        );
    }

    #[test]
    fn dominant_line_ending_is_the_most_used() {
        assert_eq!(dominant_line_ending("a\r\nb\r\nc\n"), "\r\n");
        assert_eq!(dominant_line_ending("a\nb"), "\n");
        assert_eq!(dominant_line_ending("a\rb\r"), "\r");
        assert_eq!(dominant_line_ending(""), "\n");
    }
}
