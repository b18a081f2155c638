#!/usr/bin/env bash
# Times ppio-validate against check-jsonschema (PyPI) and ajv-cli (npm) as whole processes on the
# same request files and the committed JSON Schema.
#
# Usage: scripts/bench-cli.sh
# Environment:
#   BENCH_FILES   number of request files, 10% of them invalid (default 1000)
#   BENCH_RUNS    timed runs per command on the whole set (default 10)
#   BENCH_KEEP    set to 1 to keep the temporary folder with files, tools and results
#   BENCH_TIMER   hyperfine (default) or loop, a plain loop in Python
#   CARGO_TARGET_DIR  cargo's target folder (default target)
#
# The three tools must agree on which files are invalid, and with the generator's labels, before
# anything is timed. When hyperfine is missing, the script installs Debian's package if it runs as
# root with apt-get, and otherwise times with the loop.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
target=${CARGO_TARGET_DIR:-$root/target}
file_count=${BENCH_FILES:-1000}
runs=${BENCH_RUNS:-10}
schema=$root/schema/upgrade-instance.schema.json

work=$(mktemp -d "${TMPDIR:-/tmp}/ppio-bench-cli.XXXXXX")
if [[ "${BENCH_KEEP:-0}" == 1 ]]; then
    echo "keeping $work"
else
    trap 'rm -rf "$work"' EXIT
fi
payloads=$work/payloads
results=$work/results
mkdir -p "$results"

echo "== build (release)"
cargo build --quiet --release --bin ppio-validate
cargo build --quiet --release -p ppio-bench --bin ppio-bench-payloads
ppio=$target/release/ppio-validate
"$target/release/ppio-bench-payloads" "$payloads" "$file_count"
files=("$payloads"/payload-*.json)
echo "${#files[@]} files, $(du -sh --apparent-size "$payloads" | cut -f1) in all, $(grep -c 'invalid$' "$payloads/expected.tsv") invalid"

echo "== install check-jsonschema and ajv-cli into $work"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check check-jsonschema
check_jsonschema=$work/venv/bin/check-jsonschema
# The schema uses no `format` keyword, so ajv-formats is not needed.
npm install --prefix "$work/npm" --no-audit --no-fund --silent ajv-cli
ajv=$work/npm/node_modules/.bin/ajv
# `type: ["string", "null"]` is a union type, which ajv's strict mode rejects unless allowed.
ajv_options=(--spec=draft2020 --allow-union-types -s "$schema")

echo "tools: $("$ppio" --version 2>/dev/null || echo ppio-validate), check-jsonschema $("$work/venv/bin/pip" show check-jsonschema | sed -n 's/^Version: //p'), ajv-cli $(node -p "require('$work/npm/node_modules/ajv-cli/package.json').version") with ajv $(node -p "require('$work/npm/node_modules/ajv/package.json').version")"

echo "== verdicts"
# Each tool exits 1 when a file is invalid, so the verdicts come from the outputs, not exit statuses.
"$ppio" --format json "${files[@]}" > "$results/ppio.json" || true
"$check_jsonschema" --schemafile "$schema" -o json "${files[@]}" > "$results/check-jsonschema.json" || true
"$ajv" validate "${ajv_options[@]}" -d "$payloads/payload-*.json" > "$results/ajv.txt" 2>&1 || true
python3 - "$payloads" "$results" <<'PY'
import json, os, sys

payloads, results = sys.argv[1], sys.argv[2]
expected = {}
with open(os.path.join(payloads, "expected.tsv")) as lines:
    for line in lines:
        name, verdict = line.split()
        expected[name] = verdict == "valid"

def by_name(pairs):
    return {os.path.basename(path): valid for path, valid in pairs}

with open(os.path.join(results, "ppio.json")) as text:
    ppio = by_name((f["path"], f["valid"]) for f in json.load(text)["files"])

with open(os.path.join(results, "check-jsonschema.json")) as text:
    report = json.load(text)
failed = {os.path.basename(e["filename"]) for e in report.get("errors", [])}
failed |= {os.path.basename(e["filename"]) for e in report.get("parse_errors", [])}
check_jsonschema = {name: name not in failed for name in expected}

ajv = {}
with open(os.path.join(results, "ajv.txt")) as lines:
    for line in lines:
        words = line.split()
        if len(words) == 2 and words[1] in ("valid", "invalid"):
            ajv[os.path.basename(words[0])] = words[1] == "valid"

verdicts = {"ppio-validate": ppio, "check-jsonschema": check_jsonschema, "ajv-cli": ajv}
problems = 0
for tool, found in verdicts.items():
    missing = sorted(set(expected) - set(found))
    disagree = sorted(n for n in expected if n in found and found[n] != expected[n])
    print(f"{tool}: {len(found)} verdicts, {sum(not v for v in found.values())} invalid, "
          f"{len(missing)} missing, {len(disagree)} differ from the generator")
    for name in (missing + disagree)[:10]:
        print(f"  {name}: expected {'valid' if expected[name] else 'invalid'}, got {found.get(name)}")
    problems += len(missing) + len(disagree)
if problems:
    sys.exit("the tools disagree on which files are invalid; nothing was timed")
PY

# Picks the smallest valid file. awk reads all of its input, so no stage of the pipe ends early.
smallest=$(awk -F'\t' '$2 == "valid" { print $1 }' "$payloads/expected.tsv" \
    | while read -r name; do echo "$(stat -c %s "$payloads/$name") $name"; done \
    | sort -n | awk 'NR == 1 { print $2 }')
single=$payloads/$smallest
echo "single file: $smallest, $(stat -c %s "$single") bytes"

commands_all=(
    "$ppio ${files[*]}"
    "$check_jsonschema --schemafile $schema ${files[*]}"
    "$ajv validate ${ajv_options[*]} -d '$payloads/payload-*.json'"
)
commands_single=(
    "$ppio $single"
    "$check_jsonschema --schemafile $schema $single"
    "$ajv validate ${ajv_options[*]} -d $single"
)
names=(ppio-validate check-jsonschema ajv-cli)

timer=${BENCH_TIMER:-hyperfine}
if [[ $timer == hyperfine ]] && ! command -v hyperfine > /dev/null \
    && [[ $(id -u) == 0 ]] && command -v apt-get > /dev/null; then
    echo "== install hyperfine (Debian)"
    apt-get update -qq && apt-get install -y -qq hyperfine > /dev/null || true
fi

time_commands() { # LABEL RUNS COMMAND...
    local label=$1 count=$2
    shift 2
    if [[ $timer == hyperfine ]] && command -v hyperfine > /dev/null; then
        local arguments=()
        for index in "${!names[@]}"; do
            arguments+=(--command-name "${names[$index]}" "$1")
            shift
        done
        # Exit status 1 means that a file is invalid, so failures are ignored. Output goes to /dev/null.
        # --shell=none runs each command directly, so no shell start-up is subtracted as noise.
        hyperfine --style basic --shell=none --ignore-failure --warmup 1 --runs "$count" \
            --export-json "$results/$label.json" "${arguments[@]}"
    else
        python3 - "$results/$label.json" "$count" "${names[@]}" -- "$@" <<'PY'
import json, shlex, subprocess, sys, time

out, count = sys.argv[1], int(sys.argv[2])
split = sys.argv.index("--")
names = sys.argv[3:split]
# Like hyperfine --shell=none: each command runs directly, with no shell start-up in its time.
commands = [shlex.split(command) for command in sys.argv[split + 1:]]
times = {name: [] for name in names}
for name, command in zip(names, commands):  # warm-up run
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for _ in range(count):  # the tools take turns, so a burst of load hits all of them
    for name, command in zip(names, commands):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times[name].append(time.perf_counter() - start)
json.dump({"results": [{"command": n, "times": times[n]} for n in names]}, open(out, "w"))
PY
    fi
}

echo "== time: ${#files[@]} files, $runs runs each"
time_commands all "$runs" "${commands_all[@]}"
echo "== time: one small file"
# One file takes about a millisecond for ppio-validate, so it gets three times the runs.
time_commands single "$((runs * 3))" "${commands_single[@]}"

echo "== medians"
python3 - "$results" <<'PY'
import json, os, statistics, sys

results = sys.argv[1]
for label in ("all", "single"):
    with open(os.path.join(results, f"{label}.json")) as text:
        rows = json.load(text)["results"]
    medians = {row["command"]: statistics.median(row["times"]) for row in rows}
    ours = medians["ppio-validate"]
    print(f"{label}:")
    for name, median in medians.items():
        print(f"  {name:18} {median * 1000:10.2f} ms  {median / ours:8.1f}x ppio-validate")
PY
