// A WASI conformance-test-style program: the kind of Rust binary a WASI test suite ships (many
// small checks of the WASI surface through std, asserts with formatted messages), built as
// `cargo build` builds by default — the debug profile, opt-level 0 with full debug info — so the
// start-up benchmark can measure the program shape such suites ship: a few hundred KB of
// unoptimized code inside megabytes of DWARF. With a scratch directory as its argument it also
// exercises files; without one (as the benchmark runs it) it checks what needs no grant.
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::process;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

fn check(name: &str, result: Result<(), String>, failures: &mut Vec<String>) {
    match result {
        Ok(()) => {}
        Err(message) => failures.push(format!("{}: {}", name, message)),
    }
}

fn clocks() -> Result<(), String> {
    let start = Instant::now();
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_err(|e| e.to_string())?;
    if now.as_secs() < 1_000_000_000 {
        return Err(format!("realtime clock too early: {:?}", now));
    }
    let elapsed = start.elapsed();
    assert!(elapsed.as_secs() < 60, "monotonic clock jumped: {:?}", elapsed);
    Ok(())
}

fn args_and_env() -> Result<(), String> {
    let args: Vec<String> = env::args().collect();
    if args.is_empty() {
        return Err("no argv[0]".into());
    }
    let vars: BTreeMap<String, String> = env::vars().collect();
    for (key, value) in &vars {
        if key.is_empty() || key.contains('=') {
            return Err(format!("malformed variable {:?}={:?}", key, value));
        }
    }
    Ok(())
}

fn stdin_echo() -> Result<(), String> {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).map_err(|e| format!("stdin: {}", e))?;
    let words: Vec<&str> = input.split_whitespace().collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for word in &words {
        *counts.entry(word).or_insert(0) += 1;
    }
    let mut sorted: Vec<(&&str, &usize)> = counts.iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let mut line = String::new();
    for (word, count) in sorted.iter().take(3) {
        write!(line, "{}={} ", word, count).map_err(|e| e.to_string())?;
    }
    if !line.is_empty() {
        println!("words: {}", line.trim_end());
    }
    Ok(())
}

fn formatting() -> Result<(), String> {
    let values = [0.1f64, 1.5, -2.25, 1e21, f64::MAX];
    let text: Vec<String> = values.iter().map(|v| format!("{:e}|{:.3}|{:?}", v, v, v)).collect();
    let parsed: Vec<f64> = values.iter().map(|v| format!("{:?}", v).parse::<f64>().unwrap()).collect();
    assert_eq!(parsed, values, "round trip of {:?}", text);
    let mut queue: VecDeque<u64> = (1..=64).collect();
    let mut checksum = 0u64;
    while let Some(value) = queue.pop_front() {
        checksum = checksum.wrapping_mul(31).wrapping_add(value);
        if value % 7 == 0 && value < 64 {
            queue.push_back(value * 3);
        }
    }
    if checksum == 0 {
        return Err("checksum".into());
    }
    Ok(())
}

fn files(dir: &Path) -> Result<(), String> {
    let path = dir.join("wasitest-file");
    let mut file = fs::OpenOptions::new().create(true).read(true).write(true).truncate(true).open(&path)
        .map_err(|e| format!("open {:?}: {}", path, e))?;
    file.write_all(b"hello, world").map_err(|e| e.to_string())?;
    file.seek(SeekFrom::Start(7)).map_err(|e| e.to_string())?;
    let mut tail = String::new();
    file.read_to_string(&mut tail).map_err(|e| e.to_string())?;
    assert_eq!(tail, "world");
    let metadata = file.metadata().map_err(|e| e.to_string())?;
    assert_eq!(metadata.len(), 12, "length of {:?}", metadata);
    fs::create_dir_all(dir.join("wasitest-dir/nested")).map_err(|e| e.to_string())?;
    fs::rename(&path, dir.join("wasitest-dir/nested/moved")).map_err(|e| e.to_string())?;
    let names: Vec<String> = fs::read_dir(dir.join("wasitest-dir/nested")).map_err(|e| e.to_string())?
        .filter_map(|entry| entry.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    assert_eq!(names, vec!["moved".to_string()]);
    fs::remove_dir_all(dir.join("wasitest-dir")).map_err(|e| e.to_string())?;
    Ok(())
}

fn main() {
    let mut failures = Vec::new();
    check("clocks", clocks(), &mut failures);
    check("args_and_env", args_and_env(), &mut failures);
    check("stdin", stdin_echo(), &mut failures);
    check("formatting", formatting(), &mut failures);
    if let Some(dir) = env::args().nth(1) {
        check("files", files(Path::new(&dir)), &mut failures);
    }
    if failures.is_empty() {
        println!("ok");
    } else {
        for failure in &failures {
            eprintln!("FAIL {}", failure);
        }
        process::exit(1);
    }
}
