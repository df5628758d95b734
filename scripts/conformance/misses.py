"""Per report of one rendering: false error/warning findings on clean reports and planted
findings missed, with the findings' messages.

    python3 scripts/conformance/misses.py target/conformance/seedS-n60 libreoffice-html-landscape
"""
import collections
import glob
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score  # noqa: E402


def main(base, rendering):
    src = os.path.join(base, "src")
    ds = os.path.join(base, "ds-" + rendering)
    truth = {}
    for f in glob.glob(src + "/*.truth.json"):
        t = json.load(open(f))
        truth[t["id"]] = t
    reports = score.scan(ds, "reports")
    findings = score.scan(ds, "findings")
    doc_of = {os.path.basename(p).split(".")[0]: d
              for p, d in zip(reports["source_path"], reports["doc_id"])}
    false, missed = collections.Counter(), collections.Counter()
    lines = []
    for rid, t in sorted(truth.items()):
        doc = doc_of.get(rid)
        serious = [f for f in findings.iter_rows(named=True)
                   if f["doc_id"] == doc and f["severity"] in ("error", "warning")]
        if not t["planted"] and not t.get("unverifiable"):
            for f in serious:
                false[f["kind"]] += 1
                lines.append(f"  false  {rid} {f['kind']}: {(f.get('message') or '')[:200]}")
        for kind in t["planted"]:
            if not any(f["kind"] == kind for f in serious):
                missed[kind] += 1
                lines.append(f"  missed {rid} {kind} (planted at {t.get('planted_where')})")
    print(rendering, "false:", dict(false), "missed planted:", dict(missed))
    print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
