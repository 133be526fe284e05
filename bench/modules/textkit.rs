// A WASI command that exercises much of Rust's standard library (collections, sorting,
// parsing, formatting) over many element types, so that it compiles to a real program with
// thousands of functions. With no arguments it prints "module N" (N from the copy marker);
// with "work" it runs every exercise over its input lines and prints a digest.
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet, VecDeque};
use std::fmt::{Debug, Display, Write as _};
use std::hash::Hash;
use std::io::{self, Read, Write};
use std::str::FromStr;

/// Patched per copy by the bench scripts: the digits after "copy:" name the copy.
static MARKER: [u8; 16] = *b"copy:0000000000\n";

fn copy_number() -> u64 {
    let mut n = 0u64;
    for i in 5..15 {
        let b = unsafe { std::ptr::read_volatile(&MARKER[i]) };
        n = n * 10 + u64::from(b - b'0');
    }
    n
}

trait Sample: Sized {
    fn sample(seed: u64) -> Self;
}

macro_rules! sample_int {
    ($($t:ty),*) => { $(impl Sample for $t { fn sample(seed: u64) -> Self { (seed.wrapping_mul(2654435761) % 251) as $t } })* };
}
sample_int!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize);

impl Sample for char {
    fn sample(seed: u64) -> Self { char::from_u32(0x61 + (seed % 26) as u32).unwrap_or('x') }
}
impl Sample for bool {
    fn sample(seed: u64) -> Self { seed % 3 == 0 }
}
impl Sample for String {
    fn sample(seed: u64) -> Self { format!("s{:04x}", seed.wrapping_mul(40503) % 65536) }
}
impl<A: Sample, B: Sample> Sample for (A, B) {
    fn sample(seed: u64) -> Self { (A::sample(seed), B::sample(seed / 3 + 7)) }
}
impl<A: Sample> Sample for Option<A> {
    fn sample(seed: u64) -> Self { if seed % 5 == 0 { None } else { Some(A::sample(seed)) } }
}

fn exercise<K, V>(seeds: &[u64], out: &mut String)
where
    K: Sample + Ord + Hash + Clone + Debug,
    V: Sample + Clone + Debug + PartialEq,
{
    let keys: Vec<K> = seeds.iter().map(|&s| K::sample(s)).collect();
    let values: Vec<V> = seeds.iter().map(|&s| V::sample(s ^ 0x5555)).collect();
    let mut tree: BTreeMap<K, V> = BTreeMap::new();
    let mut hash: HashMap<K, Vec<V>> = HashMap::new();
    for (k, v) in keys.iter().zip(values.iter()) {
        tree.insert(k.clone(), v.clone());
        hash.entry(k.clone()).or_default().push(v.clone());
    }
    let set: BTreeSet<K> = keys.iter().cloned().collect();
    let unique: HashSet<K> = keys.iter().cloned().collect();
    let mut queue: VecDeque<K> = keys.iter().cloned().collect();
    queue.rotate_left(keys.len() / 3);
    let mut heap: BinaryHeap<K> = keys.iter().cloned().collect();
    let mut sorted = keys.clone();
    sorted.sort();
    sorted.dedup();
    let mut unstable = keys.clone();
    unstable.sort_unstable_by(|a, b| b.cmp(a));
    let found = sorted.binary_search(&keys[keys.len() / 2]).is_ok();
    let first = tree.iter().next().map(|(k, v)| format!("{:?}={:?}", k, v));
    let last = tree.range(..).next_back().map(|(k, _)| format!("{:?}", k));
    let largest = heap.pop();
    let longest = hash.values().map(Vec::len).max().unwrap_or(0);
    let same = values.windows(2).filter(|w| w[0] == w[1]).count();
    let _ = writeln!(
        out,
        "{} {}: {} keys, {} unique ({}), first {:?}, last {:?}, max {:?}, front {:?}, longest {}, found {}, repeats {}",
        std::any::type_name::<K>(), std::any::type_name::<V>(), tree.len(), set.len(), unique.len(),
        first, last, largest, queue.front(), longest, found, same
    );
    let mut drained = tree.clone();
    drained.retain(|_, v| format!("{:?}", v).len() % 2 == 0);
    let _ = writeln!(out, "  kept {} of {}: {:?}", drained.len(), tree.len(), drained.keys().take(3).collect::<Vec<_>>());
}

fn parse_all<T: FromStr + Display + Debug>(words: &[&str], out: &mut String)
where
    T::Err: Debug,
{
    let parsed: Vec<Result<T, T::Err>> = words.iter().map(|w| w.parse::<T>()).collect();
    let good: Vec<String> = parsed.iter().filter_map(|r| r.as_ref().ok()).map(|v| format!("{:>6}", v)).collect();
    let bad = parsed.iter().filter(|r| r.is_err()).count();
    let _ = writeln!(out, "{}: {} parsed, {} refused: {}", std::any::type_name::<T>(), good.len(), bad, good.join("|"));
}

macro_rules! exercise_values {
    ($seeds:expr, $out:expr, $k:ty, [$($v:ty),*]) => { $( exercise::<$k, $v>($seeds, $out); )* };
}

macro_rules! exercise_keys {
    ($seeds:expr, $out:expr, [$($k:ty),*], $values:tt) => { $( exercise_values!($seeds, $out, $k, $values); )* };
}

fn work(input: &str) -> String {
    let mut out = String::new();
    let words: Vec<&str> = input.split_whitespace().collect();
    let seeds: Vec<u64> = words.iter().enumerate().map(|(i, w)| w.bytes().fold(i as u64 + 1, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)))).collect();
    let seeds = if seeds.is_empty() { (1..64).collect() } else { seeds };
    exercise_keys!(&seeds, &mut out,
        [u8, u32, u64, i64, char, String, (u32, char), Option<i32>, (String, u64)],
        [u8, u32, i64, String, Option<u64>, (String, i32)]);
    parse_all::<u8>(&words, &mut out);
    parse_all::<u32>(&words, &mut out);
    parse_all::<i64>(&words, &mut out);
    parse_all::<u128>(&words, &mut out);
    parse_all::<f32>(&words, &mut out);
    parse_all::<f64>(&words, &mut out);
    parse_all::<char>(&words, &mut out);
    parse_all::<bool>(&words, &mut out);
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let stdout = io::stdout();
    let mut stdout = stdout.lock();
    if args.len() > 1 && args[1] == "work" {
        let mut input = String::new();
        let _ = io::stdin().read_to_string(&mut input);
        let _ = stdout.write_all(work(&input).as_bytes());
    } else {
        let _ = writeln!(stdout, "module {}", copy_number());
    }
}
