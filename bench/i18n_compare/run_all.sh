#!/bin/sh
# Reproduce every measurement in FINDINGS.md (run from bench/i18n_compare).
set -x
export PYTHAINLP_DATA=$PWD/pythainlp-data
[ -d venv ] || { python3 -m venv venv && venv/bin/pip install mkdocs==1.6.1 mkdocs-material jieba pythainlp mkdocs-static-i18n selenium; }
venv/bin/python gen.py docs-raw; venv/bin/python gen.py docs-seg --segment-thai   # docs-suffix: see FINDINGS.md
for v in a1 a2 a3; do (cd $v && rm -rf site && /usr/bin/time -f "$v %e s" ../venv/bin/mkdocs build > build.log 2>&1); done
(cd a4 && rm -rf site && ../venv/bin/mkdocs build --strict > build.log 2>&1)
(cd a2 && ../venv/bin/mkdocs build --strict > build-strict.log 2>&1; echo "a2 --strict rc=$?")
(cd b && /usr/bin/time -f "b (4 CLI runs) %e s" ./build_b.sh > build.log 2>&1 && ../venv/bin/python build_b_inprocess.py && printf '<meta http-equiv="refresh" content="0; url=en/">\n' > site/index.html)
for v in a1 a2 a3; do venv/bin/python browse.py $v/site cases-a.json $v/browser.json; done
venv/bin/python browse.py b/site cases-b.json b/browser.json
