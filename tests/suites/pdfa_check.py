#!/usr/bin/env python3
"""The parts of PDF/A-1b (ISO 19005-1, level B) that can be checked
without a validator, in one PDF: prints "ok LABEL: WHAT" or
"FAIL LABEL: WHAT: WHY" for each. Objects come from qpdf's JSON (its own
parser), the Info dictionary as poppler decodes it from pdfinfo, the XMP
through xml.etree.

usage: pdfa_check.py FILE.pdf LABEL [FILE.pdf LABEL]...
A file whose check stops on an error gets "FAIL LABEL: pdfa_check.py
stopped: ERROR" and the others are still checked; the exit status is then 1.
"""
import base64
import datetime
import json
import re
import struct
import subprocess
import sys
import traceback
import xml.etree.ElementTree as ET

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
REF = re.compile(r"^\d+ \d+ R$")


class Doc:
    def __init__(self, path):
        self.raw = open(path, "rb").read()
        self.dicts = self._qpdf(path, "none")      # stream dictionaries as written
        self.data = self._qpdf(path, "inline")     # stream data, decoded
        self.trailer = self.dicts["trailer"]["value"]

    @staticmethod
    def _qpdf(path, streams):
        out = subprocess.run(["qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=" + streams, path],
                             capture_output=True, check=True).stdout
        return json.loads(out)["qpdf"][1]

    def get(self, value):
        """The object a reference points to (a dict, or a stream's dict), else value."""
        if isinstance(value, str) and REF.match(value):
            o = self.dicts["obj:" + value]
            return o["stream"]["dict"] if "stream" in o else o["value"]
        return value

    def stream_data(self, ref):
        return base64.b64decode(self.data["obj:" + ref]["stream"]["data"])

    def objects(self):
        """(reference, value or stream dictionary, is a stream) of every object."""
        for key, o in self.dicts.items():
            if key.startswith("obj:"):
                yield key[4:], (o["stream"]["dict"] if "stream" in o else o["value"]), "stream" in o

    def dictionaries(self):
        return [(ref, o) for ref, o, _ in self.objects() if isinstance(o, dict)]


class Report:
    def __init__(self, label):
        self.label = label

    def check(self, what, problem):
        """problem: None or "" when all is well, else why not."""
        if problem:
            print("FAIL %s: %s: %s" % (self.label, what, problem))
        else:
            print("ok %s: %s" % (self.label, what))


def text(value):
    return value[2:] if isinstance(value, str) and value.startswith("u:") else None


def check_file_structure(doc, r):
    raw = doc.raw
    r.check("header %PDF-1.4, then a comment of four bytes over 127",
            None if raw.startswith(b"%PDF-1.4\n%") and all(b > 127 for b in raw[10:14])
            else repr(raw[:16]))
    r.check("nothing after %%EOF but one end of line",
            None if re.search(rb"%%EOF(\r\n|\r|\n)?\Z", raw) else repr(raw[-16:]))
    n = sum(1 for _, _, is_stream in doc.objects() if is_stream)
    starts = len(re.findall(rb">>\s*stream(?:\r\n|\n)", raw))
    ends = len(re.findall(rb"(?:\r\n|\r|\n)endstream", raw))
    r.check("%d streams: stream then CRLF or LF, EOL before endstream" % n,
            None if starts == n and ends == n else "%d starts, %d ends" % (starts, ends))


def check_trailer(doc, r):
    # read in the file itself: qpdf shows a binary string as text when its
    # bytes happen to decode
    last = doc.raw[doc.raw.rfind(b"trailer"):]
    ids = re.search(rb"/ID\s*\[\s*<([0-9A-Fa-f]*)>\s*<([0-9A-Fa-f]*)>\s*\]", last)
    ok = ids and len(ids.group(1)) == 32 and ids.group(1).lower() == ids.group(2).lower()
    r.check("/ID: two equal 16-byte strings", None if ok and "/ID" in doc.trailer else repr(ids and ids.group(0)))
    r.check("no /Encrypt", "/Encrypt" in doc.trailer and "encrypted")


def info_fields(path):
    out = subprocess.run(["pdfinfo", "-enc", "UTF-8", "-isodates", path], capture_output=True, check=True).stdout
    fields = {}
    for line in out.decode("utf-8").splitlines():
        key, sep, value = line.partition(":")
        if sep:
            fields[key] = value.strip()
    return fields


def xmp_values(root):
    """Each property of every rdf:Description: its text, or its container's items."""
    values = {}
    for desc in root.iter("{%s}Description" % NS["rdf"]):
        for key, value in desc.attrib.items():
            values[key] = value
        for prop in desc:
            items = prop.findall("rdf:*/rdf:li", NS)
            if items:
                values[prop.tag] = [(li.get(XML_LANG), li.text or "") for li in items]
            else:
                values[prop.tag] = prop.text or ""
    return values


def tag(prefix, name):
    return "{%s}%s" % (NS[prefix], name)


def when(iso):
    """An ISO 8601 / XMP date as an instant (a zone-less one taken as UTC)."""
    d = datetime.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    return d if d.tzinfo else d.replace(tzinfo=datetime.timezone.utc)


def check_metadata(doc, r, path):
    catalog = doc.get(doc.trailer["/Root"])
    ref = catalog.get("/Metadata")
    meta = doc.get(ref) if ref else {}
    r.check("/Metadata: a stream /Type /Metadata /Subtype /XML, no /Filter",
            None if meta.get("/Type") == "/Metadata" and meta.get("/Subtype") == "/XML" and "/Filter" not in meta
            else repr(meta))
    if not ref:
        return
    xmp = doc.stream_data(ref)
    head = b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    r.check("XMP packet header (no bytes= or encoding=) and trailer end=\"w\"",
            None if xmp.startswith(head) and xmp.rstrip().endswith(b'<?xpacket end="w"?>') else repr(xmp[:80]))
    try:
        xmp.decode("utf-8")
        root = ET.fromstring(xmp)
        r.check("XMP is UTF-8 and parses as XML", None)
    except (UnicodeDecodeError, ET.ParseError) as e:
        r.check("XMP is UTF-8 and parses as XML", str(e))
        return
    v = xmp_values(root)
    part = v.get(tag("pdfaid", "part"))
    conf = v.get(tag("pdfaid", "conformance"))
    r.check("pdfaid:part 1, pdfaid:conformance B", None if (part, conf) == ("1", "B") else repr((part, conf)))
    r.check("dc:language vi", None if ("", "vi") in [(l or "", t) for l, t in v.get(tag("dc", "language"), [])]
            else repr(v.get(tag("dc", "language"))))
    check_mirrored(v, info_fields(path), r)


def check_mirrored(v, info, r):
    """Each Info entry in XMP, saying the same; none in XMP that Info lacks."""
    def alt(key):
        items = v.get(key)
        return dict(items).get("x-default") if isinstance(items, list) else None

    def seq(key):
        items = v.get(key)
        return items[0][1] if isinstance(items, list) and len(items) == 1 else items

    pairs = [("Title", alt(tag("dc", "title")), "dc:title"),
             ("Author", seq(tag("dc", "creator")), "dc:creator"),
             ("Subject", alt(tag("dc", "description")), "dc:description"),
             ("Keywords", v.get(tag("pdf", "Keywords")), "pdf:Keywords"),
             ("Producer", v.get(tag("pdf", "Producer")), "pdf:Producer"),
             ("Creator", v.get(tag("xmp", "CreatorTool")), "xmp:CreatorTool")]
    for name, xmp_value, xmp_name in pairs:
        r.check("%s = Info %s (%s)" % (xmp_name, name, "present" if name in info else "absent in both"),
                None if info.get(name) == xmp_value else "Info %r, XMP %r" % (info.get(name), xmp_value))
    for name, key, xmp_name in [("CreationDate", "CreateDate", "xmp:CreateDate"),
                                ("ModDate", "ModifyDate", "xmp:ModifyDate")]:
        a, b = info.get(name), v.get(tag("xmp", key))
        same = (a is None and b is None) or (a is not None and b is not None and when(a) == when(b))
        r.check("%s = Info %s (%s)" % (xmp_name, name, a or "absent in both"),
                None if same else "Info %r, XMP %r" % (a, b))


def check_output_intent(doc, r):
    catalog = doc.get(doc.trailer["/Root"])
    intents = [doc.get(i) for i in doc.get(catalog.get("/OutputIntents", []))]
    pdfa = [i for i in intents if i.get("/S") == "/GTS_PDFA1"]
    r.check("one GTS_PDFA1 output intent", None if len(pdfa) == 1 else repr(intents))
    if len(pdfa) != 1:
        return
    ref = pdfa[0].get("/DestOutputProfile")
    icc_dict = doc.get(ref) if ref else {}
    r.check("its DestOutputProfile: an ICC stream with /N 3", None if icc_dict.get("/N") == 3 else repr(icc_dict))
    if not ref:
        return
    icc = doc.stream_data(ref)
    ok = (len(icc) > 128 and struct.unpack(">I", icc[:4])[0] == len(icc) and icc[36:40] == b"acsp"
          and icc[8] == 2 and icc[16:20] == b"RGB ")
    r.check("the profile: ICC version 2, RGB, %d bytes" % len(icc), None if ok else repr(icc[:40]))
    r.check("OutputConditionIdentifier set", None if text(pdfa[0].get("/OutputConditionIdentifier")) else "missing")


def num_glyphs(font):
    """maxp.numGlyphs of a TrueType font program."""
    tables = struct.unpack(">H", font[4:6])[0]
    for i in range(tables):
        tag_, _, offset, _ = struct.unpack(">4sIII", font[12 + 16 * i:28 + 16 * i])
        if tag_ == b"maxp":
            return struct.unpack(">H", font[offset + 4:offset + 6])[0]
    return None


def check_fonts(doc, r):
    cid_fonts = [(ref, o) for ref, o in doc.dictionaries() if o.get("/Subtype") == "/CIDFontType2"]
    r.check("%d CID fonts, each with /CIDToGIDMap /Identity" % len(cid_fonts),
            None if cid_fonts and all(o.get("/CIDToGIDMap") == "/Identity" for _, o in cid_fonts) else "no")
    for ref, font in cid_fonts:
        desc = doc.get(font.get("/FontDescriptor"))
        name = font.get("/BaseFont")
        file_ref, set_ref = desc.get("/FontFile2"), desc.get("/CIDSet")
        r.check("%s: FontFile2 and CIDSet" % name, None if file_ref and set_ref else repr(desc))
        if not (file_ref and set_ref):
            continue
        glyphs = num_glyphs(doc.stream_data(file_ref))
        bits = doc.stream_data(set_ref)
        present = [i for i in range(8 * len(bits)) if bits[i >> 3] & (0x80 >> (i & 7))]
        r.check("%s: CIDSet names exactly the %s glyphs of its font program" % (name, glyphs),
                None if present == list(range(glyphs or 0)) and len(bits) == ((glyphs or 0) + 7) // 8
                else "%d bits set over %d bytes" % (len(present), len(bits)))
    unembedded = [o.get("/BaseFont") for _, o in doc.dictionaries()
                  if o.get("/Type") == "/Font" and o.get("/Subtype") != "/Type0"
                  and not any(k in doc.get(o.get("/FontDescriptor", {})) for k in ("/FontFile", "/FontFile2", "/FontFile3"))]
    r.check("every font embedded", None if not unembedded else repr(unembedded))


FORBIDDEN_KEYS = {"/SMask": "transparency", "/JS": "JavaScript", "/JavaScript": "JavaScript",
                  "/EmbeddedFile": "embedded file", "/EmbeddedFiles": "embedded files", "/AA": "actions",
                  "/Encrypt": "encryption", "/OCProperties": "optional content", "/Annots": "annotations"}


def walk(value, found, limits):
    if isinstance(value, dict):
        if len(value) > 4095:
            limits.append("dictionary of %d entries" % len(value))
        for key, item in value.items():
            if key in FORBIDDEN_KEYS:
                found.append(key)
            if key in ("/CA", "/ca") and item != 1:
                found.append("%s %r" % (key, item))
            if key == "/Interpolate" and item is True:
                found.append("/Interpolate true")
            if key == "/BM" and item not in ("/Normal", "/Compatible"):
                found.append("/BM %r" % item)
            if key == "/S" and item == "/Transparency":
                found.append("transparency group")
            if key in ("/Filter", "/DecodeFilter") and "/LZWDecode" in (item if isinstance(item, list) else [item]):
                found.append("LZW")
            if len(key.encode()) > 128:
                limits.append("name of %d bytes" % len(key.encode()))
            walk(item, found, limits)
    elif isinstance(value, list):
        if len(value) > 8191:
            limits.append("array of %d" % len(value))
        for item in value:
            walk(item, found, limits)
    elif isinstance(value, bool):
        pass
    elif isinstance(value, int) and not -2 ** 31 <= value < 2 ** 31:
        limits.append("integer %d" % value)
    elif isinstance(value, float) and abs(value) > 32767:
        limits.append("real %r" % value)
    elif isinstance(value, str) and value.startswith("u:") and 2 + 2 * len(value) > 65535:
        limits.append("string of %d characters" % len(value))


def check_forbidden(doc, r):
    found, limits = [], []
    for _, o, _ in doc.objects():
        walk(o, found, limits)
    walk(doc.trailer, found, limits)
    r.check("no transparency, JavaScript, actions, embedded files, encryption, LZW, annotations, "
            "optional content, /Interpolate true", None if not found else repr(sorted(set(found))))
    r.check("within PDF/A-1's limits (arrays, dictionaries, names, numbers, strings)",
            None if not limits else repr(limits[:5]))


def check(path, label):
    doc, r = Doc(path), Report(label)
    check_file_structure(doc, r)
    check_trailer(doc, r)
    check_metadata(doc, r, path)
    check_output_intent(doc, r)
    check_fonts(doc, r)
    check_forbidden(doc, r)
    r.check("catalog /Lang (vi)", None if text(doc.get(doc.trailer["/Root"]).get("/Lang")) == "vi" else "missing")


def main():
    args = sys.argv[1:]
    stopped = 0
    for path, label in zip(args[0::2], args[1::2]):
        try:
            check(path, label)
        except Exception as e:
            stopped += 1
            print("FAIL %s: pdfa_check.py stopped: %s" % (label, traceback.format_exception_only(e)[-1].strip()))
    return 1 if stopped else 0


if __name__ == "__main__":
    sys.exit(main())
