//! Independent work items, run on rayon's pool with the `parallel` feature and one after the
//! other without it. Results come back in item order, and every item gets its inputs (seeds
//! included) from its index alone, so the outcome is the same bits for every thread count.

/// `f(0), f(1), …, f(n - 1)`, in that order.
pub(crate) fn map<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        (0..n).into_par_iter().map(&f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        (0..n).map(f).collect()
    }
}

/// [`map`] with a scratch value per worker: `init()` makes one whenever a worker starts a
/// share of the items (once in all without `parallel`), and `f` gets it with each item. The
/// results must not depend on what earlier items left in the scratch.
pub(crate) fn map_init<S, T: Send>(
    n: usize,
    init: impl Fn() -> S + Sync + Send,
    f: impl Fn(&mut S, usize) -> T + Sync + Send,
) -> Vec<T> {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        (0..n).into_par_iter().map_init(&init, &f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        let mut scratch = init();
        (0..n).map(|i| f(&mut scratch, i)).collect()
    }
}

/// How many items run at once: rayon's pool size with the `parallel` feature, else 1.
pub(crate) fn threads() -> usize {
    #[cfg(feature = "parallel")]
    {
        rayon::current_num_threads()
    }
    #[cfg(not(feature = "parallel"))]
    {
        1
    }
}

/// [`map`] of fallible items: every result, or the error of the first failing item in item
/// order (as the serial loop that stops there would report).
pub(crate) fn try_map<T: Send, E: Send>(
    n: usize,
    f: impl Fn(usize) -> Result<T, E> + Sync,
) -> Result<Vec<T>, E> {
    map(n, f).into_iter().collect()
}

/// Two stages over a stream of batches: `produce` hands each batch to its `send` argument,
/// `consume` takes them in the order sent. With the `parallel` feature and more than one
/// thread in the pool, `consume` runs on a second thread while `produce` makes the next
/// batches (a few are held in between); otherwise each batch is consumed as soon as it is
/// sent. Either way `consume` sees the same batches in the same order.
pub(crate) fn pipeline<B: Send, T>(
    produce: impl FnOnce(&mut dyn FnMut(B)) -> T,
    mut consume: impl FnMut(B) + Send,
) -> T {
    #[cfg(feature = "parallel")]
    if threads() > 1 {
        let (send, batches) = std::sync::mpsc::sync_channel::<B>(4);
        return std::thread::scope(|scope| {
            let consumer = scope.spawn(move || batches.into_iter().for_each(&mut consume));
            let out = produce(&mut |b| {
                // The consumer only stops early by panicking, which the join below re-raises.
                let _ = send.send(b);
            });
            drop(send);
            if let Err(panic) = consumer.join() {
                std::panic::resume_unwind(panic);
            }
            out
        });
    }
    produce(&mut consume)
}

/// `f(0), f(1), …, f(n - 1)` handed to `sink` in that order. With the `parallel` feature and
/// more than one thread in the pool, that many threads take the items in turn and the calling
/// thread runs `sink`, holding results that come early; a thread waits rather than start an
/// item more than `ahead` past the one `sink` waits for, which bounds what is held. There is
/// no barrier between items, so a slow item stalls no one but the sink. Stops at the first
/// error in item order (of `f` or of `sink`), as the serial loop does; `f` is then not called
/// for items not yet started.
///
/// The threads are the standard library's, not the pool's: `f` may itself use the pool
/// without waiting on a thread that waits on it.
pub(crate) fn ordered<T: Send, E: Send>(
    n: usize,
    ahead: usize,
    f: impl Fn(usize) -> Result<T, E> + Sync,
    mut sink: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    #[cfg(feature = "parallel")]
    if threads() > 1 && n > 1 {
        return ordered_on_threads(n, ahead.max(1), threads(), f, sink);
    }
    let _ = ahead;
    (0..n).try_for_each(|i| sink(f(i)?))
}

#[cfg(feature = "parallel")]
fn ordered_on_threads<T: Send, E: Send>(
    n: usize,
    ahead: usize,
    workers: usize,
    f: impl Fn(usize) -> Result<T, E> + Sync,
    mut sink: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    use std::collections::VecDeque;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};
    use std::sync::{Condvar, Mutex, mpsc};

    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // The index the sink waits for; workers wait on `moved` until their item is near it.
    let sunk = Mutex::new(0usize);
    let moved = Condvar::new();
    let (send, done) = mpsc::channel::<(usize, Result<T, E>)>();
    std::thread::scope(|scope| {
        for _ in 0..workers.min(n) {
            let send = send.clone();
            let (next, stop, sunk, moved, f) = (&next, &stop, &sunk, &moved, &f);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Relaxed);
                    if i >= n {
                        return;
                    }
                    {
                        let mut at = sunk.lock().unwrap_or_else(|e| e.into_inner());
                        while i >= *at + ahead && !stop.load(Relaxed) {
                            at = moved.wait(at).unwrap_or_else(|e| e.into_inner());
                        }
                    }
                    // The item `sunk` waits for never waits itself, so this always ends.
                    if stop.load(Relaxed) || send.send((i, f(i))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(send);
        // Results by index from `base` (the next to sink) on.
        let mut held: VecDeque<Option<Result<T, E>>> = VecDeque::new();
        let mut base = 0usize;
        let mut outcome = Ok(());
        'receive: for (i, result) in done.iter() {
            let slot = i - base;
            if held.len() <= slot {
                held.resize_with(slot + 1, || None);
            }
            held[slot] = Some(result);
            while let Some(Some(_)) = held.front() {
                let result = held.pop_front().flatten().expect("checked above");
                base += 1;
                if let Err(e) = result.and_then(&mut sink) {
                    outcome = Err(e);
                    break 'receive;
                }
                *sunk.lock().unwrap_or_else(|e| e.into_inner()) = base;
                moved.notify_all();
            }
        }
        if outcome.is_err() {
            stop.store(true, Relaxed);
            // Under the lock, so that no worker misses the news between its check and its wait.
            let _guard = sunk.lock().unwrap_or_else(|e| e.into_inner());
            moved.notify_all();
        }
        // A worker's panic is re-raised when the scope joins it.
        outcome
    })
}

/// The first item with the highest `score` among `f(0), …, f(n - 1)` (`None` for `n = 0`), or
/// the error of the first failing item. "First" makes the choice independent of how the
/// items are split between threads; at most one result per thread is held at a time.
pub(crate) fn first_best<T: Send, E: Send>(
    n: usize,
    f: impl Fn(usize) -> Result<T, E> + Sync,
    score: impl Fn(&T) -> f64 + Sync,
) -> Result<Option<T>, E> {
    // Keep the earlier item unless the later one is strictly better: an associative choice,
    // so rayon's in-order reduction gives the serial loop's answer.
    let pick = |a: Result<Option<(usize, T)>, E>, b: Result<Option<(usize, T)>, E>| match (a, b) {
        (Err(e), _) => Err(e),
        (Ok(_), Err(e)) => Err(e),
        (Ok(None), b) => b,
        (a, Ok(None)) => a,
        (Ok(Some(x)), Ok(Some(y))) => Ok(Some(if score(&y.1) > score(&x.1) { y } else { x })),
    };
    let item = |i: usize| f(i).map(|t| Some((i, t)));
    #[cfg(feature = "parallel")]
    let best = {
        use rayon::prelude::*;
        (0..n).into_par_iter().map(&item).reduce(|| Ok(None), &pick)
    };
    #[cfg(not(feature = "parallel"))]
    let best = (0..n).map(item).fold(Ok(None), pick);
    best.map(|b| b.map(|(_, t)| t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "parallel")]
    #[test]
    fn ordered_sinks_every_item_in_order_and_stops_at_the_first_error() {
        let pool = |threads| rayon::ThreadPoolBuilder::new().num_threads(threads).build();
        for threads in [1, 2, 4] {
            pool(threads).unwrap().install(|| {
                for ahead in [1, 3, 64] {
                    let mut seen = Vec::new();
                    // Uneven work, so that items finish out of order.
                    let work = |i: usize| -> Result<usize, usize> {
                        std::thread::sleep(std::time::Duration::from_micros((i % 5) as u64 * 50));
                        Ok(i * i)
                    };
                    ordered(200, ahead, work, |v| {
                        seen.push(v);
                        Ok(())
                    })
                    .unwrap();
                    assert_eq!(seen, (0..200).map(|i| i * i).collect::<Vec<_>>());
                    // Items 50 and 120 fail: the sink has everything before 50, and 50's error.
                    let started = std::sync::atomic::AtomicUsize::new(0);
                    let mut seen = Vec::new();
                    let failing = |i: usize| {
                        started.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if i == 50 || i == 120 { Err(i) } else { Ok(i) }
                    };
                    let r = ordered(1000, ahead, failing, |v| {
                        seen.push(v);
                        Ok(())
                    });
                    assert_eq!(r, Err(50));
                    assert_eq!(seen, (0..50).collect::<Vec<_>>());
                    // Nothing far past the failure was started.
                    let bound = 51 + ahead + threads;
                    assert!(
                        started.into_inner() <= bound,
                        "threads {threads}, ahead {ahead}"
                    );
                    // An error of the sink stops it the same way.
                    let mut seen = 0;
                    let r = ordered(1000, ahead, Ok::<usize, usize>, |v| {
                        seen += 1;
                        if v == 7 { Err(v) } else { Ok(()) }
                    });
                    assert_eq!((r, seen), (Err(7), 8));
                }
            });
        }
    }

    #[test]
    fn pipeline_consumes_every_batch_in_order() {
        let run = || {
            let mut seen = Vec::new();
            let made = pipeline(
                |send| {
                    for b in 0..100 {
                        send(vec![b; b % 7]);
                    }
                    100
                },
                |b: Vec<usize>| seen.push(b),
            );
            assert_eq!(made, 100);
            assert_eq!(seen, (0..100).map(|b| vec![b; b % 7]).collect::<Vec<_>>());
        };
        run();
        // Inline with one thread, on a consumer thread with more.
        #[cfg(feature = "parallel")]
        for threads in [1, 2, 4] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
            pool.unwrap().install(run);
        }
    }

    #[test]
    fn map_keeps_item_order() {
        assert_eq!(
            map(1000, |i| i * 2),
            (0..1000).map(|i| i * 2).collect::<Vec<_>>()
        );
    }

    #[test]
    fn map_init_keeps_item_order_whatever_the_scratch() {
        let out = map_init(500, Vec::new, |seen: &mut Vec<usize>, i| {
            seen.push(i);
            i * 3
        });
        assert_eq!(out, (0..500).map(|i| i * 3).collect::<Vec<_>>());
    }

    #[test]
    fn try_map_reports_the_first_failing_item() {
        let r = try_map(100, |i| if i % 30 == 29 { Err(i) } else { Ok(i) });
        assert_eq!(r, Err(29));
    }

    #[test]
    fn first_best_takes_the_first_of_equal_scores() {
        let scores = [1.0, 3.0, 2.0, 3.0, 0.5];
        let best = first_best(5, Ok::<_, ()>, |&i| scores[i]);
        assert_eq!(best, Ok(Some(1)));
        let none = first_best(0, Ok::<_, ()>, |_| 0.0);
        assert_eq!(none, Ok(None));
        let err = first_best(5, |i| if i >= 2 { Err(i) } else { Ok(i) }, |_| 0.0);
        assert_eq!(err, Err(2));
    }
}
