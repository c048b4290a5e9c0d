#!/usr/bin/env bash
# Runs one fuzz target for a while:  fuzz/run.sh TARGET SECONDS [extra libFuzzer args...]
#
#   TARGET   text_front_end | html_front_end | markdown | page_to_ir
#   SECONDS  libFuzzer's -max_total_time
#
# Works on the stable toolchain: cargo-fuzz passes nightly-only flags (-Z, sanitizer and
# coverage options), which RUSTC_BOOTSTRAP=1 lets stable rustc and cargo accept.
# Installs cargo-fuzz if missing (from crates.io), seeds fuzz/corpus/TARGET/ from the
# reference pages in ../shared/corpus and the real Chinese, Japanese and Korean pages in
# ../shared/real (md/zh, md/ja, md/ko, html-zh-2022, txt-zh-2022; the markdown target: every
# real Markdown page; never committed: see fuzz/.gitignore), then fuzzes.
#
# Environment:
#   FUZZ_SANITIZER  address (default) or none (faster, still catches panics/hangs/OOMs)
#   FUZZ_KEEP_GOING 1: fork mode that records every crash/timeout/OOM in
#                   fuzz/artifacts/TARGET/ and keeps fuzzing instead of stopping at the first
#   FUZZ_CJK_ONLY   1: seed only the real Chinese, Japanese and Korean pages, into
#                   fuzz/corpus/TARGET-cjk/ (a small corpus: page_to_ir's full one takes
#                   minutes to load before fuzzing starts)
#
# A crash, timeout or OOM is written to fuzz/artifacts/TARGET/; reproduce it with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run TARGET fuzz/artifacts/TARGET/<file>
# and minimize it with
#   RUSTC_BOOTSTRAP=1 cargo fuzz tmin TARGET fuzz/artifacts/TARGET/<file>
set -euo pipefail

if [ $# -lt 2 ]; then
    echo "usage: $0 TARGET SECONDS [libFuzzer args...]" >&2
    exit 2
fi
target=$1
seconds=$2
shift 2

fuzz_dir=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$fuzz_dir")
shared=$root/../shared/corpus
real=$root/../shared/real
case "$target" in
    text_front_end | html_front_end | markdown | page_to_ir) ;;
    *) echo "unknown target \`$target\` (text_front_end, html_front_end, markdown, page_to_ir)" >&2; exit 2 ;;
esac

export RUSTC_BOOTSTRAP=1
export PATH="$HOME/.cargo/bin:$PATH"
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "== installing cargo-fuzz"
    cargo install --locked cargo-fuzz
fi

# ---- seeding ------------------------------------------------------------------------

cjk_only=${FUZZ_CJK_ONLY:-0}
corpus=$fuzz_dir/corpus/$target
[ "$cjk_only" = 1 ] && corpus=$corpus-cjk
mkdir -p "$corpus" "$fuzz_dir/artifacts/$target"

# The structures of a text DataTypes page whose "Used by actions" names ACTION, with the
# page's header and footer chrome: a small DataTypes page that fits that action.
txt_types_for() { # ACTION FILE
    awk -v act="$1" '
        { l[NR] = $0 }
        /^Used by actions:/ { u[++n] = NR }
        END {
            if (n == 0) exit
            for (i = 1; i < u[1] - 4; i++) print l[i]
            for (i = 1; i <= n; i++) {
                s = l[u[i]]; sub(/^Used by actions: */, "", s); sub(/\.$/, "", s)
                m = split(s, names, ", "); hit = 0
                for (j = 1; j <= m; j++) if (names[j] == act) hit = 1
                if (!hit) continue
                end = (i < n) ? u[i + 1] - 4 : 0
                if (i == n) { for (end = u[n] + 3; end <= NR && l[end] != ""; end++); }
                for (k = u[i] - 4; k < end; k++) print l[k]
            }
            for (k = u[n] + 3; k <= NR && l[k] != ""; k++);
            for (; k <= NR; k++) print l[k]
        }' "$2"
}

# The same for an HTML DataTypes page (one <h2 id=...> block per structure).
html_types_for() { # ACTION FILE
    awk -v act="$1" '
        { l[NR] = $0 }
        /^<h2 id=/ { h[++n] = NR }
        /^<\/div>/ { foot = NR }
        END {
            if (n == 0 || foot == 0) exit
            for (i = 1; i < h[1]; i++) print l[i]
            for (i = 1; i <= n; i++) {
                end = (i < n) ? h[i + 1] : foot
                hit = 0
                for (k = h[i]; k < end; k++) if (l[k] ~ /^<p>Used by actions:/ && index(l[k], ">" act "<")) hit = 1
                if (hit) for (k = h[i]; k < end; k++) print l[k]
            }
            for (k = foot; k <= NR; k++) print l[k]
        }' "$2"
}

# Page files of one form (txt or html) under the shared corpus, and the seed pages.
pages() { # EXT
    find "$shared" -type f -name "*.$1" | sort
    if [ "$1" = txt ] && [ -d "$shared/../seeds" ]; then find "$shared/../seeds" -type f -name '*.txt' | sort; fi
}

# Real Chinese, Japanese and Korean pages of one form (txt, html or md) under ../shared/real
# (and the corpus's zh-sample): the scripts and the wide characters the rendered corpus lacks.
cjk_pages() { # EXT
    case "$1" in
        txt) find "$real/txt-zh-2022" "$shared/zh-sample" -type f -name '*.txt' 2>/dev/null | sort ;;
        html) find "$real/html-zh-2022" -path '*/site' -prune -o -type f -name '*.html' -print 2>/dev/null | sort ;;
        md) find "$real/md/zh" "$real/md/ja" "$real/md/ko" -type f -name '*.md' 2>/dev/null | sort ;;
    esac
}

# A real page on stdout, small enough for -max_len: the saved Chinese site's pages are
# 1.4 MB, almost all of it a <textarea> of navigation JSON and scripts; their contents go.
shrunk() { # PATH
    case "$1" in
        *.html) perl -0777 -pe 's{(<(script|style|svg|textarea)\b[^>]*>).*?(</\2>)}{$1$3}gis' "$1" ;;
        *) cat "$1" ;;
    esac
}

# A short unique name for a real page: its path below ../shared/real (or the corpus).
real_name_of() { # PATH
    local rel=${1#"$real"/}
    rel=${rel#"$shared"/}
    echo "real_${rel//\//_}"
}

# seed NAME: write stdin to the corpus as seed-NAME unless already there.
seed() {
    local out=$corpus/seed-$1
    if [ -e "$out" ]; then cat >/dev/null; else cat >"$out"; fi
}

# A short unique name for a page: its path below shared/ with / turned into _.
name_of() { # PATH
    local rel=${1#"$shared"/}
    rel=${rel#"$shared/../"}
    echo "${rel//\//_}"
}

if [ "$target" = markdown ]; then
    if [ -d "$real/md" ]; then
        echo "== seeding $corpus from $real"
        # Every real Markdown page, today's and the older snapshot's.
        while read -r page; do
            rel=${page#"$real"/}
            seed "${rel//\//_}" <"$page"
        done < <(if [ "$cjk_only" = 1 ]; then cjk_pages md; else
            find "$real/md" "$real/md-history" -type f -name '*.md' 2>/dev/null | sort; fi)
    else
        echo "warning: $real/md is missing: fuzzing from an empty corpus" >&2
    fi
elif [ -d "$shared" ]; then
    echo "== seeding $corpus from $shared"
    case "$target" in
        text_front_end | html_front_end)
            ext=txt; [ "$target" = html_front_end ] && ext=html
            # The real CJK pages of that form.
            while read -r page; do shrunk "$page" | seed "$(real_name_of "$page")"; done < <(cjk_pages "$ext")
            if [ "$cjk_only" != 1 ]; then
                while read -r page; do seed "$(name_of "$page")" <"$page"; done < <(pages "$ext")
                # Small DataTypes pages: the structures of a few actions only.
                for dt in $(find "$shared" -type f -name "DataTypes.$ext" | sort); do
                    for action in AllocateAddresses CreateVpc DescribeAddresses; do
                        "${ext}_types_for" "$action" "$dt" | seed "small-$action-$(name_of "$dt")"
                    done
                done
            fi
            ;;
        page_to_ir)
            # First byte mod 3: '0' = text, '1' = HTML, '2' = Markdown.
            # The real CJK pages, alone and (Markdown) with their folder's DataTypes page.
            for ext in txt html md; do
                sel=0; [ $ext = html ] && sel=1; [ $ext = md ] && sel=2
                while read -r page; do
                    { printf '%s' $sel; shrunk "$page"; } | seed "$sel-$(real_name_of "$page")"
                    dt=$(dirname "$page")/DataTypes.$ext
                    case "$(basename "$page")" in DataTypes.* | ErrorCodes.*) continue ;; esac
                    [ -f "$dt" ] || continue
                    { printf '%s' $sel; shrunk "$page"; printf '\0'; shrunk "$dt"; } \
                        | seed "$sel-pair-$(real_name_of "$page")"
                done < <(cjk_pages "$ext")
            done
            if [ "$cjk_only" != 1 ]; then
                for ext in txt html; do
                    sel=0; [ $ext = html ] && sel=1
                    while read -r page; do
                        { printf '%s' $sel; cat "$page"; } | seed "$sel-$(name_of "$page")"
                    done < <(pages "$ext")
                    # Two files: action page, NUL, DataTypes page (small: the action's structures).
                    for dt in $(find "$shared" -type f -name "DataTypes.$ext" | sort); do
                        dir=$(dirname "$dt")
                        for action_page in $(find "$dir" -maxdepth 1 -name "*.$ext" ! -name "DataTypes.$ext" ! -name "ErrorCodes.$ext" | sort); do
                            action=$(basename "$action_page" ".$ext")
                            { printf '%s' $sel; cat "$action_page"; printf '\0'; "${ext}_types_for" "$action" "$dt"; } \
                                | seed "$sel-pair-$(name_of "$action_page")"
                        done
                        # And a couple with the whole DataTypes page.
                        for action in AssociateAddress CreateVpc; do
                            [ -f "$dir/$action.$ext" ] || continue
                            { printf '%s' $sel; cat "$dir/$action.$ext"; printf '\0'; cat "$dt"; } \
                                | seed "$sel-fullpair-$(name_of "$dir/$action.$ext")"
                        done
                    done
                done
            fi
            ;;
    esac
else
    echo "warning: $shared is missing: fuzzing from an empty corpus" >&2
fi
echo "== corpus: $(find "$corpus" -type f | wc -l) files"

# ---- fuzzing ------------------------------------------------------------------------

args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=200000 -print_final_stats=1)
if [ "${FUZZ_KEEP_GOING:-0}" = 1 ]; then
    args+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
fi

cd "$root"
echo "== cargo fuzz run $target (${seconds}s, sanitizer ${FUZZ_SANITIZER:-address})"
exec cargo fuzz run --sanitizer "${FUZZ_SANITIZER:-address}" "$target" \
    "$corpus" -- "${args[@]}" "$@"
