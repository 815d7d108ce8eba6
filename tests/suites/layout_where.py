#!/usr/bin/env python3
"""Every line of a layout dump where the PDF draws it: for each line, a
word that starts at its x and a word that ends at x + w, on its baseline
(pdftotext -bbox-layout). Usage: where.py DUMP BBOX.html PAGE_HEIGHT"""
import re, sys
dump, bbox, height = sys.argv[1], open(sys.argv[2], encoding='utf-8').read(), float(sys.argv[3])
words = []
for n, page in enumerate(re.split(r'<page ', bbox)[1:], 1):
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', page):
        words.append((n,) + tuple(float(v) for v in m.groups()))
bad = checked = 0
for line in open(dump, encoding='utf-8'):
    m = re.match(r'p(\d+) y=([\d.]+) x=([\d.]+) w=([\d.]+) ', line)
    if not m:
        continue
    page, y, x, w = int(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4))
    base = height - y
    on = [v for v in words if v[0] == page and v[2] - 0.5 <= base <= v[4] + 0.5]
    starts = any(abs(v[1] - x) <= 0.02 for v in on)
    ends = any(abs(v[3] - (x + w)) <= 0.02 for v in on)
    checked += 1
    if not (starts and ends):
        bad += 1
        print('not where the layout put it (%s): %s' % ('start' if not starts else 'end', line.strip()))
print('%d lines checked' % checked, file=sys.stderr)
sys.exit(1 if bad else 0)
