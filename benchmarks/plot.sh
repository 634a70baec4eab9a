#!/usr/bin/env bash
# Draws the charts of docs/PERFORMANCE.md from a JMH JSON result (`-rf json -rff results.json`).
#   bash benchmarks/plot.sh benchmarks/results/<date>.json docs/plots
# Needs jq and gnuplot (Debian: apt-get install jq gnuplot-nox). Writes SVG files.
#
# The fan-out and session-heap charts come from the JSON of FanOutBenchmark (--json=) and
# SessionHeap (--json=), one run before and one after a change:
#   bash benchmarks/plot.sh --fanout benchmarks/results/fanout-<date>.json docs/plots
#   bash benchmarks/plot.sh --heap before.json after.json docs/plots
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [[ ${1:-} == --fanout ]]; then
  json=${2:?usage: plot.sh --fanout fanout.json outdir}
  out=${3:?usage: plot.sh --fanout fanout.json outdir}
  mkdir -p "$out"
  jq -r '.[] | "\(.n) \(.shared.median) \(.personal.median) \(.raw.median) \(.shared.callMedian) \(.raw.callMedian)"' \
    "$json" | sort -n > "$tmp/fanout.dat"
  gnuplot <<GP
set terminal svg size 760,420 font "sans,11" background rgb "white"
set grid
set key top left
set logscale x 10
set logscale y 10
set xrange [700:14000]
set yrange [1:20000]
set xlabel "WebSocket sessions (N)"
set ylabel "milliseconds (median)"
set output "$out/fanout-latency.svg"
set title "One publish to N sessions: time until the last client has the frame"
plot "$tmp/fanout.dat" using 1:2 with linespoints lw 2 pt 7 lc rgb "#2b6cb0" title "LiveTemplate publish, shared state", \
     "" using 1:3 with linespoints lw 2 pt 5 lc rgb "#38a169" title "LiveTemplate publish, per-connection state", \
     "" using 1:4 with linespoints lw 2 pt 9 lc rgb "#c05621" title "raw Undertow sendText loop", \
     "" using 1:5 with linespoints lw 1 pt 6 lc rgb "#2b6cb0" title "publish() call itself", \
     "" using 1:6 with linespoints lw 1 pt 8 lc rgb "#c05621" title "raw loop call itself"
GP
  echo "wrote $out/fanout-latency.svg"
  exit 0
fi

if [[ ${1:-} == --heap ]]; then
  before=${2:?usage: plot.sh --heap before.json after.json outdir}
  after=${3:?usage: plot.sh --heap before.json after.json outdir}
  out=${4:?usage: plot.sh --heap before.json after.json outdir}
  mkdir -p "$out"
  row() { # $1 label, $2 key
    echo "\"$1\" $(jq -r ".$2" "$before") $(jq -r ".$2" "$after")"
  }
  {
    row "Undertow (raw)" raw
    row "fan-out: ours" fanout_ours
    row "fan-out: all" fanout
    row "GET: HTTP state" http
    row "browser: ours" browser_ours
    row "browser: all" browser
  } > "$tmp/heap.dat"
  gnuplot <<GP
set terminal svg size 760,420 font "sans,11" background rgb "white"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set xtics norotate nomirror
set grid ytics
set key outside top center horizontal
set output "$out/session-heap.svg"
set title "Server heap per idle session (live-object histograms, 2,000 sessions)"
set ylabel "bytes per session"
plot "$tmp/heap.dat" using 2:xtic(1) title "before" lc rgb "#a0aec0", \
     "" using 3 title "after" lc rgb "#2b6cb0"
GP
  echo "wrote $out/session-heap.svg"
  exit 0
fi

json=${1:?usage: plot.sh results.json outdir}
out=${2:?usage: plot.sh results.json outdir}
mkdir -p "$out"

# score of one benchmark (method name regex), primary metric or a secondary one
score() { # $1 benchmark suffix, $2 metric ("" for time)
  jq -r --arg b "$1" --arg m "$2" '
    .[] | select(.benchmark | endswith($b))
        | if $m == "" then .primaryMetric.score else .secondaryMetrics[$m].score end' "$json"
}

# 1. Render time per page and output form, ours against jte (lower is better).
{
  for page in Todo Stocks; do
    echo "\"$page reused bytes\" $(score "${page}RenderBenchmark.oursBytes" "") $(score "${page}RenderBenchmark.jteBytes" "")"
    echo "\"$page fresh bytes\" $(score "${page}RenderBenchmark.oursBytesFreshBuffer" "") $(score "${page}RenderBenchmark.jteBytes" "")"
    echo "\"$page String\" $(score "${page}RenderBenchmark.oursString" "") $(score "${page}RenderBenchmark.jteString" "")"
  done
} > "$tmp/render.dat"
{
  for page in Todo Stocks; do
    echo "\"$page reused bytes\" $(score "${page}RenderBenchmark.oursBytes" gc.alloc.rate.norm) $(score "${page}RenderBenchmark.jteBytes" gc.alloc.rate.norm)"
    echo "\"$page fresh bytes\" $(score "${page}RenderBenchmark.oursBytesFreshBuffer" gc.alloc.rate.norm) $(score "${page}RenderBenchmark.jteBytes" gc.alloc.rate.norm)"
    echo "\"$page String\" $(score "${page}RenderBenchmark.oursString" gc.alloc.rate.norm) $(score "${page}RenderBenchmark.jteString" gc.alloc.rate.norm)"
  done
} > "$tmp/alloc.dat"

# 2. One-row diff against list size.
jq -r '.[] | select(.benchmark | endswith("DiffScaleBenchmark.oneRowChanged"))
       | "\(.params.rows) \(.primaryMetric.score)"' \
  "$json" | sort -n > "$tmp/scale.dat"

gnuplot <<GP
set terminal svg size 760,420 font "sans,11" background rgb "white"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set xtics rotate by -25 nomirror
set grid ytics
set key outside top center horizontal

set output "$out/render-time.svg"
set title "Full-page render, time per page (lower is better)"
set ylabel "µs per render"
plot "$tmp/render.dat" using (\$2/1000):xtic(1) title "LiveTemplate" lc rgb "#2b6cb0", \
     "" using (\$3/1000) title "jte 3.2.5" lc rgb "#c05621"

set output "$out/render-alloc.svg"
set title "Full-page render, bytes allocated per page (lower is better)"
set ylabel "KB allocated per render"
plot "$tmp/alloc.dat" using (\$2/1024):xtic(1) title "LiveTemplate" lc rgb "#2b6cb0", \
     "" using (\$3/1024) title "jte 3.2.5" lc rgb "#c05621"

unset style
set style data linespoints
set xtics norotate
set logscale x 10
set logscale y 10
set xlabel "rows in the list"
set output "$out/diff-scale.svg"
set title "Diff of a one-row change against list size (log-log)"
set ylabel "µs per diff"
plot "$tmp/scale.dat" using 1:(\$2/1000) title "time per diff" lw 2 pt 7 lc rgb "#2b6cb0"
GP
echo "wrote $out/render-time.svg $out/render-alloc.svg $out/diff-scale.svg"
