//! The LSP base protocol: each message is a few `Name: value` header lines, a blank line,
//! then a body of exactly `Content-Length` bytes.
//!
//! Read here rather than by the `lsp-server` crate, whose reader gives up for good on the
//! first bad header (the server then exits) and allocates whatever `Content-Length` says
//! before reading a byte (`99999999999999` aborts the process, `18446744073709551615`
//! panics). Here every header is bounded, a body is allocated as its bytes arrive, and a
//! message that cannot be read is reported and skipped: the reader looks for the next
//! `Content-Length:` in the stream and goes on from there.

use std::io::{BufRead, Read, Write};

/// The largest body read: twice the largest export gimlint reads by default, room for the
/// JSON escapes of such an export sent whole in `textDocument/didOpen`.
pub const MAX_BODY: u64 = 2 * crate::discover::DEFAULT_MAX_FILE_SIZE;

/// Header lines are `Content-Length: 123` and at most a `Content-Type`: a longer line, or
/// more lines, is not a header.
const MAX_HEADER_LINE: usize = 1024;
const MAX_HEADER_LINES: usize = 16;

/// The header that starts a message, in lower case (names are case-insensitive).
const CONTENT_LENGTH: &[u8] = b"content-length";

/// What the next bytes of the stream hold.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// The body of one message.
    Body(Vec<u8>),
    /// Bytes that are not a message, and why; the reader has moved past them.
    Unreadable(String),
    /// The stream ended (or can no longer be read).
    End,
}

pub struct Reader<R> {
    input: R,
    /// The last frame was unreadable: skip to the next message before reading. Not done
    /// at once, so that the error is answered without waiting for the next message.
    skip: bool,
    /// The last skip stopped just after `Content-Length:`: the next header line is that
    /// header's value.
    inside_content_length: bool,
}

/// One line of the header, without its line ending.
enum Line {
    Text(Vec<u8>),
    TooLong,
    End,
}

/// What a header block says.
enum Header {
    Length(u64),
    Invalid(String),
    End,
}

impl<R: BufRead> Reader<R> {
    pub fn new(input: R) -> Self {
        Reader {
            input,
            skip: false,
            inside_content_length: false,
        }
    }

    pub fn next_frame(&mut self) -> Frame {
        if std::mem::take(&mut self.skip) {
            self.skip_to_next_message();
        }
        let unreadable = match self.header() {
            Header::End => return Frame::End,
            Header::Length(length) if length <= MAX_BODY => return self.body(length),
            Header::Length(length) => {
                format!("a message of {length} bytes is over the limit of {MAX_BODY} bytes")
            }
            Header::Invalid(reason) => reason,
        };
        self.skip = true;
        Frame::Unreadable(unreadable)
    }

    /// The buffered bytes, refilled when empty; `None` at the end of the stream or on a
    /// read error (the client is gone either way).
    fn available(&mut self) -> Option<&[u8]> {
        loop {
            match self.input.fill_buf() {
                Ok([]) => return None,
                Ok(_) => break,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return None,
            }
        }
        // Filled above: this returns the buffer without reading. (Returning the first
        // call's slice from inside the loop is a borrow the borrow checker rejects.)
        self.input.fill_buf().ok()
    }

    fn line(&mut self) -> Line {
        let mut line = Vec::new();
        loop {
            let Some(available) = self.available() else {
                return Line::End;
            };
            let (taken, complete) = match memchr::memchr(b'\n', available) {
                Some(newline) => (newline + 1, true),
                None => (available.len(), false),
            };
            if line.len() + taken > MAX_HEADER_LINE + 2 {
                self.input.consume(taken);
                return Line::TooLong;
            }
            line.extend_from_slice(&available[..taken]);
            self.input.consume(taken);
            if complete {
                line.pop();
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                return Line::Text(line);
            }
        }
    }

    fn header(&mut self) -> Header {
        let mut length = None;
        let mut lines = 0;
        loop {
            let mut line = match self.line() {
                Line::Text(line) => line,
                Line::TooLong => {
                    return Header::Invalid(format!(
                        "a header line longer than {MAX_HEADER_LINE} bytes"
                    ))
                }
                Line::End => return Header::End,
            };
            if std::mem::take(&mut self.inside_content_length) {
                let mut header = b"Content-Length:".to_vec();
                header.append(&mut line);
                line = header;
            }
            // A body shorter than the client said leaves its rest in front of the next
            // header, on the same line: the message starts at its `Content-Length:`.
            if let Some(at) = position_of_content_length(&line).filter(|&at| at > 0) {
                line.drain(..at);
            }
            if line.is_empty() {
                match length {
                    Some(length) => return Header::Length(length),
                    // Blank lines between messages: nothing to read yet.
                    None if lines == 0 => continue,
                    None => return Header::Invalid("a header without Content-Length".into()),
                }
            }
            lines += 1;
            if lines > MAX_HEADER_LINES {
                return Header::Invalid(format!("more than {MAX_HEADER_LINES} header lines"));
            }
            let Some(colon) = memchr::memchr(b':', &line) else {
                return Header::Invalid("a header line without `:`".into());
            };
            if !line[..colon]
                .trim_ascii()
                .eq_ignore_ascii_case(CONTENT_LENGTH)
            {
                // `Content-Type` names UTF-8, the only encoding LSP has; others are ignored.
                continue;
            }
            let value = match content_length(&line[colon + 1..]) {
                Ok(value) => value,
                Err(reason) => return Header::Invalid(reason),
            };
            match length {
                Some(earlier) if earlier != value => {
                    return Header::Invalid("two different Content-Length headers".into())
                }
                _ => length = Some(value),
            }
        }
    }

    fn body(&mut self, length: u64) -> Frame {
        // Grown as the bytes arrive: a length the client does not send costs nothing.
        let mut body = Vec::new();
        match (&mut self.input).take(length).read_to_end(&mut body) {
            Ok(read) if read as u64 == length => Frame::Body(body),
            _ => Frame::End,
        }
    }

    /// Skips the stream to just after the next `Content-Length:` (in any case), where the
    /// next message most likely starts; without buffering what it skips.
    fn skip_to_next_message(&mut self) {
        let name: Vec<u8> = [CONTENT_LENGTH, b":"].concat();
        let mut matched = 0;
        while let Some(available) = self.available() {
            let mut used = 0;
            for &byte in available {
                used += 1;
                let byte = byte.to_ascii_lowercase();
                // No proper prefix of the name occurs again inside it, so a mismatch can
                // only restart the match at this byte.
                matched = if byte == name[matched] {
                    matched + 1
                } else {
                    usize::from(byte == name[0])
                };
                if matched == name.len() {
                    break;
                }
            }
            self.input.consume(used);
            if matched == name.len() {
                self.inside_content_length = true;
                return;
            }
        }
    }
}

/// Where `Content-Length:` (in any case) starts in `line`, if it is there.
fn position_of_content_length(line: &[u8]) -> Option<usize> {
    let name: Vec<u8> = [CONTENT_LENGTH, b":"].concat();
    line.windows(name.len())
        .position(|window| window.eq_ignore_ascii_case(&name))
}

/// The value of a `Content-Length` header: decimal digits. What is not a number is not
/// quoted back: after bytes that could not be framed, a "header" may be document text.
fn content_length(value: &[u8]) -> Result<u64, String> {
    let digits = value.trim_ascii();
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return Err("a Content-Length that is not a number".into());
    }
    digits
        .iter()
        .try_fold(0u64, |total, digit| {
            total.checked_mul(10)?.checked_add(u64::from(digit - b'0'))
        })
        .ok_or_else(|| format!("a Content-Length over the limit of {MAX_BODY} bytes"))
}

/// Writes one message with its header, and flushes it: the client waits for it.
pub fn write(output: &mut impl Write, body: &[u8]) -> std::io::Result<()> {
    write!(output, "Content-Length: {}\r\n\r\n", body.len())?;
    output.write_all(body)?;
    output.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(stream: &[u8]) -> Vec<Frame> {
        let mut reader = Reader::new(stream);
        let mut frames = Vec::new();
        loop {
            match reader.next_frame() {
                Frame::End => return frames,
                frame => frames.push(frame),
            }
        }
    }

    fn body(text: &str) -> Frame {
        Frame::Body(text.as_bytes().to_vec())
    }

    fn unreadable(reason: &str) -> Frame {
        Frame::Unreadable(reason.to_owned())
    }

    #[test]
    fn reads_messages_with_any_header_case_and_line_ending() {
        let stream = b"Content-Length: 2\r\n\r\n{}\r\n\r\ncontent-length:3\nContent-Type: application/vscode-jsonrpc; charset=utf-8\n\n[1]";
        assert_eq!(frames(stream), [body("{}"), body("[1]")]);
    }

    /// A Content-Length shorter than the body: what is left of it is in front of the next
    /// message's header, which is still read.
    #[test]
    fn the_rest_of_a_body_longer_than_its_length_does_not_hide_the_next_message() {
        let stream =
            b"Content-Length: 5\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1}Content-Length: 2\r\n\r\n{}\
            Content-Length: 3\r\n\r\n[1]";
        assert_eq!(frames(stream), [body("{\"jso"), body("{}"), body("[1]")]);
    }

    #[test]
    fn oversized_and_overflowing_lengths_are_skipped_to_the_next_message() {
        let stream = b"Content-Length: 99999999999999\r\n\r\n{\"a\":1}Content-Length: 2\r\n\r\n{}\
            Content-Length: 18446744073709551615\r\n\r\nContent-Length: 2\r\n\r\n[]\
            Content-Length: 99999999999999999999999\r\n\r\nCONTENT-LENGTH: 1\r\n\r\n1";
        assert_eq!(
            frames(stream),
            [
                unreadable(
                    "a message of 99999999999999 bytes is over the limit of 134217728 bytes"
                ),
                body("{}"),
                unreadable(
                    "a message of 18446744073709551615 bytes is over the limit of 134217728 bytes"
                ),
                body("[]"),
                unreadable("a Content-Length over the limit of 134217728 bytes"),
                body("1"),
            ]
        );
    }

    #[test]
    fn broken_headers_are_reported_without_quoting_them_and_skipped() {
        let long_line = format!("X-Filler: {}\r\n", "x".repeat(5000));
        let many_lines = "X-A: b\r\n".repeat(17);
        let broken = [
            "Content-Length: secret\r\n\r\n{}",
            "password=hunter2\r\n\r\n{}",
            "Content-Type: utf-8\r\n\r\n{}",
            &long_line,
            &many_lines,
            "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
        ];
        // Each followed by a good message, which the reader finds again.
        let stream: String = broken
            .iter()
            .map(|bytes| format!("{bytes}Content-Length: 2\r\n\r\n{{}}"))
            .collect();
        let reasons = frames(stream.as_bytes());
        assert_eq!(
            reasons,
            [
                unreadable("a Content-Length that is not a number"),
                body("{}"),
                unreadable("a header line without `:`"),
                body("{}"),
                unreadable("a header without Content-Length"),
                body("{}"),
                unreadable("a header line longer than 1024 bytes"),
                body("{}"),
                unreadable("more than 16 header lines"),
                body("{}"),
                unreadable("two different Content-Length headers"),
                body("{}"),
            ]
        );
    }

    #[test]
    fn a_stream_cut_short_ends() {
        assert_eq!(frames(b"Content-Length: 10\r\n\r\n{}"), []);
        assert_eq!(frames(b"Content-Len"), []);
        assert_eq!(
            frames(b"Content-Length: x\r\n\r\nno next message"),
            [unreadable("a Content-Length that is not a number")]
        );
    }

    #[test]
    fn writes_the_length_in_bytes() {
        let mut output = Vec::new();
        write(&mut output, "{\"é\":1}".as_bytes()).unwrap();
        assert_eq!(output, "Content-Length: 8\r\n\r\n{\"é\":1}".as_bytes());
    }
}
