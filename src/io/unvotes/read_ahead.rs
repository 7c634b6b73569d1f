//! Decompressing on a second thread while the caller parses: the gzip tables' inflate time
//! leaves the critical path when the pool has more than one thread (`parallel` feature).
//! The bytes, and any error, reach the reader in the order the decoder produced them.

use std::io::{self, Read};
use std::sync::mpsc::{Receiver, sync_channel};
use std::thread::JoinHandle;

/// Bytes per block handed over: large enough that the hand-over costs nothing, small enough
/// that parsing starts at once.
const BLOCK: usize = 256 * 1024;
/// Blocks decoded ahead of the reader at most (bounds the memory to about 1 MiB).
const AHEAD: usize = 4;

/// A reader whose source is read on its own thread, [`BLOCK`] bytes at a time.
pub(crate) struct ReadAhead {
    blocks: Option<Receiver<io::Result<Vec<u8>>>>,
    current: Vec<u8>,
    at: usize,
    worker: Option<JoinHandle<()>>,
}

impl ReadAhead {
    pub(crate) fn spawn(mut source: impl Read + Send + 'static) -> Self {
        let (send, blocks) = sync_channel(AHEAD);
        let worker = std::thread::spawn(move || {
            loop {
                let mut block = vec![0; BLOCK];
                let mut filled = 0;
                let error = loop {
                    match source.read(&mut block[filled..]) {
                        Ok(0) => break None,
                        Ok(n) => {
                            filled += n;
                            if filled == BLOCK {
                                break None;
                            }
                        }
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                        Err(e) => break Some(e),
                    }
                };
                block.truncate(filled);
                let end = filled < BLOCK || error.is_some();
                // A closed channel means the reader is gone: stop decoding.
                if filled > 0 && send.send(Ok(block)).is_err() {
                    return;
                }
                if let Some(e) = error {
                    let _ = send.send(Err(e));
                }
                if end {
                    return;
                }
            }
        });
        ReadAhead {
            blocks: Some(blocks),
            current: Vec::new(),
            at: 0,
            worker: Some(worker),
        }
    }
}

impl Read for ReadAhead {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at == self.current.len() {
            // After the last block (or an error) the channel is closed: end of input.
            match self.blocks.as_ref().and_then(|b| b.recv().ok()) {
                Some(Ok(block)) => {
                    self.current = block;
                    self.at = 0;
                }
                Some(Err(e)) => return Err(e),
                None => return Ok(0),
            }
        }
        let n = buf.len().min(self.current.len() - self.at);
        buf[..n].copy_from_slice(&self.current[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

impl Drop for ReadAhead {
    fn drop(&mut self) {
        // Closing the channel first lets a worker blocked on a full channel finish.
        self.blocks = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A source that yields `data` in uneven reads, then fails with `error` if given.
    struct Uneven {
        data: Vec<u8>,
        at: usize,
        error: Option<io::ErrorKind>,
    }

    impl Read for Uneven {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.at == self.data.len() {
                return match self.error.take() {
                    Some(kind) => Err(io::Error::new(kind, "corrupt deflate stream")),
                    None => Ok(0),
                };
            }
            let n = buf
                .len()
                .min(self.data.len() - self.at)
                .min(1 + self.at % 7919);
            buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    fn data(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i * 31 % 251) as u8).collect()
    }

    #[test]
    fn passes_every_byte_in_order() {
        for len in [0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK + 12_345] {
            let source = Uneven {
                data: data(len),
                at: 0,
                error: None,
            };
            let mut out = Vec::new();
            ReadAhead::spawn(source).read_to_end(&mut out).unwrap();
            assert_eq!(out, data(len), "{len} bytes");
        }
    }

    #[test]
    fn an_error_comes_after_the_bytes_before_it() {
        let source = Uneven {
            data: data(BLOCK + 100),
            at: 0,
            error: Some(io::ErrorKind::InvalidData),
        };
        let mut reader = ReadAhead::spawn(source);
        let mut out = vec![0; BLOCK + 100];
        reader.read_exact(&mut out).unwrap();
        assert_eq!(out, data(BLOCK + 100));
        let e = reader.read(&mut [0; 10]).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidData);
        assert_eq!(e.to_string(), "corrupt deflate stream");
    }

    #[test]
    fn dropping_the_reader_early_stops_the_worker() {
        let source = Uneven {
            data: data(20 * BLOCK),
            at: 0,
            error: None,
        };
        let mut reader = ReadAhead::spawn(source);
        reader.read_exact(&mut [0; 100]).unwrap();
        drop(reader); // joins the worker: the test would hang if it stayed blocked
    }
}
