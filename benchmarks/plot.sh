#!/usr/bin/env bash
# Draws the charts of docs/PERFORMANCE.md from a JMH JSON result (`-rf json -rff results.json`).
#   bash benchmarks/plot.sh benchmarks/results/<date>.json docs/plots
# Needs jq and gnuplot (Debian: apt-get install jq gnuplot-nox). Writes SVG files.
set -euo pipefail
json=${1:?usage: plot.sh results.json outdir}
out=${2:?usage: plot.sh results.json outdir}
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

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
