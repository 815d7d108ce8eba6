#!/usr/bin/env python3
"""Writes drafts of the shapes that make Markdown parsers slow: the cases
of cmark's pathological test list (nested and unmatched emphasis, brackets,
links, quotes, lists, backticks, HTML comments, reference collisions), at
the sizes its issue tracker reported, each behind a front matter so that
`chuyende paper` renders it. One file per case, NAME.md, into the folder
given; prints the names. The expected outcome is the runner's business."""
import os
import sys


def front(title):
    return '---\ntitle: "%s"\n---\n' % title


def cases():
    yield "nested-strong-emph", "*a **a " * 32500 + "b" + " a** a*" * 32500
    yield "emph-closers-without-openers", "a_ " * 32500
    yield "emph-openers-without-closers", "_a " * 32500
    yield "link-closers-without-openers", "a]" * 32500
    yield "link-openers-without-closers", "[a" * 32500
    yield "mismatched-openers-closers", "*a_ " * 25000
    yield "emph-openers-then-closers", "*a " * 20000 + "_a*_ " * 20000
    yield "closers-multiple-of-3", "a**b" + "c* " * 25000
    yield "link-openers-emph-closers", "[ a_" * 25000
    yield "bracket-paren-pattern", "[ (](" * 40000
    yield "image-link-pattern", "![[]()" * 160000
    yield "hard-link-emph", "**x [a*b**c*](d)"
    yield "nested-brackets", "[" * 25000 + "a" + "]" * 25000
    yield "nested-quotes", "> " * 25000 + "a"
    yield "deeply-nested-lists", "".join("  " * i + "* a\n" for i in range(500))
    yield "backticks", "".join("e" + "`" * i for i in range(1, 2500))
    yield "unclosed-links-angle", "[a](<b" * 30000
    yield "unclosed-links", "[a](b" * 30000
    yield "unclosed-comments", "</" + "<!--" * 300000
    yield "empty-lines-in-nested-lists", "- " * 30000 + "x" + "\n" * 30000
    yield "empty-lines-in-quoted-lists", "> " + "- " * 30000 + "x\n" + ">\n" * 30000
    yield "emph-in-deep-quote", ">" * 100000 + "a*" * 100000
    yield "reference-collisions", reference_collisions()
    yield "many-references", "".join("[%d]: u\n" % i for i in range(1, 80000)) + "[0] " * 5000


def reference_collisions(count=25000, buckets=16):
    """Link labels that fall into one bucket of a 16-slot table hashed the
    way cmark 0.30 hashes them (h = c + (h << 6) + (h << 16) - h)."""
    def bucket(label):
        h = 0
        for c in label:
            h = (ord(c) + ((h << 6) & 0xFFFFFFFF) + ((h << 16) & 0xFFFFFFFF) - h) & 0xFFFFFFFF
        return h % buckets

    labels = []
    i = 0
    while len(labels) < count:
        label = "x%d" % i
        if bucket(label) == 0:
            labels.append(label)
        i += 1
    first = labels[0]
    return "".join("[%s]: /url\n\n[%s]\n\n" % (label, first) for label in labels[1:])


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, body in cases():
        with open(os.path.join(out, name + ".md"), "w", encoding="utf-8") as f:
            f.write(front(name) + body)
        print(name)


if __name__ == "__main__":
    main()
